import {createHash} from 'node:crypto';
import type {Context, MiddlewareHandler} from 'hono';
import {Redis} from 'ioredis';
import {RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract} from 'rate-limiter-flexible';
import type {AppEnv, KioskDevice} from './context.js';
import {Problem} from './problem.js';

/** Where limits are counted: Redis (every instance shares the count) when REDIS_URL is set. */
export interface LimitStore {
  redis?: Redis;
}

/**
 * Connects lazily-failing: commands fail at once while Redis is away (no queue), so a request never
 * waits on it; the limiters then count in this process until Redis is back (logged once per outage).
 */
export function openLimitStore(redisUrl: string | undefined): LimitStore {
  if (!redisUrl) return {};
  const redis = new Redis(redisUrl, {enableAutoPipelining: true, enableOfflineQueue: false, maxRetriesPerRequest: 1});
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) console.error(`kirjasto: Redis at REDIS_URL is unavailable; each instance limits on its own until it is back (${error.message})`);
    down = true;
  });
  redis.on('ready', () => (down = false));
  return {redis};
}

/**
 * `points` per key per `duration` seconds. With Redis, one count for every instance (one round trip,
 * pipelined with other requests'; no database write); without it, or while Redis is away, per process.
 */
export function limiter(store: LimitStore, options: {keyPrefix: string; points: number; duration: number}): RateLimiterAbstract {
  const memory = new RateLimiterMemory(options);
  if (!store.redis) return memory;
  return new RateLimiterRedis({...options, keyPrefix: `kirjasto:${options.keyPrefix}`, storeClient: store.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory});
}

/**
 * How many patrons' worth of writes one address may send in all: a library's public computers and a
 * mobile network put many patrons behind one address, so the address alone gets a far higher ceiling
 * than one patron on it.
 */
export const ADDRESS_CEILING_FACTOR = 25;

/**
 * Who is writing, as far as the request says before its handler reads it: the voter token of a JSON
 * body or the Kirjasto-Voter header, or the random part of a standalone page's one-time key. A client
 * can make up voters, which is why the address alone has its ceiling too.
 */
export async function writerOf(c: Context): Promise<string | undefined> {
  const header = c.req.header('kirjasto-voter');
  if (header) return header.slice(0, 128);
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  try {
    if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') return undefined;
    // The raw bytes, as Hono caches them for the route: its validator still sees invalid UTF-8 as such.
    const text = new TextDecoder('utf-8', {fatal: true}).decode(await c.req.arrayBuffer());
    if (type === 'application/json') {
      const body: unknown = JSON.parse(text);
      const voter = typeof body === 'object' && body !== null ? (body as {voter?: unknown}).voter : undefined;
      return typeof voter === 'string' && voter ? voter.slice(0, 128) : undefined;
    }
    const key = new URLSearchParams(text).get('key');
    return key?.split('.')[1]?.slice(0, 64) || undefined;
  } catch {
    // not a body we can read: the route answers that
  }
  return undefined;
}

/**
 * A write's two counts, as if the patron's were taken first and the address's only when the patron's
 * allowed it, but in one Redis round trip (both commands go out together, auto-pipelined): when the
 * patron's count refuses, the point just taken from the address is given back. So a refused write
 * counts against its patron only, as before; for the moment between the two answers the address's
 * count is one higher. Throws the patron's refusal first, then the address's. (rate-limiter-flexible's
 * RateLimiterUnion also consumes in parallel, but keeps every point taken, so a patron refused over and
 * over would use up the address's count for everyone behind it.)
 */
async function consumeBoth(first: RateLimiterAbstract, firstKey: string, second: RateLimiterAbstract, secondKey: string): Promise<void> {
  const [a, b] = await Promise.allSettled([first.consume(firstKey), second.consume(secondKey)]);
  if (a.status === 'rejected') {
    if (b.status === 'fulfilled') await second.reward(secondKey).catch(() => {});
    throw a.reason;
  }
  if (b.status === 'rejected') throw b.reason;
}

/** Thrown when a limiter says no: how long to wait, and a plain reason. */
export function limitedProblem(error: RateLimiterRes, what: string): Problem {
  const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
  return new Problem('rate-limited', {detail: `Too many ${what}; try again in ${seconds} s.`, headers: {'Retry-After': String(seconds)}});
}

/**
 * Writes and reads are limited separately, per minute. A write counts for its patron on the address
 * (voter token and address together, `writes`) and for the address alone (`writes` × ADDRESS_CEILING_FACTOR),
 * so the sixth patron at a library's public computer is not stopped by the five before. Without
 * REDIS_URL each instance counts its own: behind a round-robin balancer over N instances a client gets
 * up to N times the limit (exactly the limit per instance with sticky balancing), which still stops floods.
 */
export function rateLimit(options: {
  writes: number;
  reads: number;
  store: LimitStore;
  key: (c: Context) => Promise<string>;
  /** A registered kiosk's writes: `writes` per device per 10 s, instead of the patron and address limits. */
  kiosk?: {writes: number; device: (c: Context) => Promise<KioskDevice | undefined>};
}): MiddlewareHandler<AppEnv> {
  const patronWrites = limiter(options.store, {keyPrefix: 'writes', points: options.writes, duration: 60});
  const addressWrites = limiter(options.store, {keyPrefix: 'address-writes', points: options.writes * ADDRESS_CEILING_FACTOR, duration: 60});
  const reads = limiter(options.store, {keyPrefix: 'reads', points: options.reads, duration: 60});
  const kioskWrites = options.kiosk && limiter(options.store, {keyPrefix: 'kiosk-writes', points: options.kiosk.writes, duration: 10});
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'OPTIONS') return next();
    const address = await options.key(c);
    try {
      const device = method === 'GET' || method === 'HEAD' ? undefined : await options.kiosk?.device(c);
      if (method === 'GET' || method === 'HEAD') {
        await reads.consume(address);
      } else if (device) {
        // A registered kiosk serves many patrons: its own bucket, not one patron's, not its address's.
        c.set('kioskDevice', device);
        await kioskWrites!.consume(device.id);
      } else {
        const writer = await writerOf(c);
        // Hashed: a voter token is never kept as it is, not even in Redis for a minute.
        const patron = writer ? `${address}:${createHash('sha256').update(writer).digest('base64url').slice(0, 22)}` : address;
        await consumeBoth(patronWrites, patron, addressWrites, address);
      }
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw limitedProblem(error, c.get('kioskDevice') ? 'answers from this kiosk' : 'requests from this address');
    }
    return next();
  };
}
