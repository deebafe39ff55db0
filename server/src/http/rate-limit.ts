import type {MiddlewareHandler} from 'hono';
import {Redis} from 'ioredis';
import {RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract} from 'rate-limiter-flexible';
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
 * Writes and reads are limited separately, per client key and minute. Without REDIS_URL each instance
 * counts its own: behind a round-robin balancer over N instances a client gets up to N times the limit
 * (exactly the limit per instance with sticky balancing), which still stops floods.
 */
export function rateLimit(options: {writes: number; reads: number; store: LimitStore; key: (c: Parameters<MiddlewareHandler>[0]) => Promise<string>}): MiddlewareHandler {
  const writes = limiter(options.store, {keyPrefix: 'writes', points: options.writes, duration: 60});
  const reads = limiter(options.store, {keyPrefix: 'reads', points: options.reads, duration: 60});
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'OPTIONS') return next();
    const limited = method === 'GET' || method === 'HEAD' ? reads : writes;
    try {
      await limited.consume(await options.key(c));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new Problem('rate-limited', {
        detail: `Too many requests from this address; try again in ${seconds} s.`,
        headers: {'Retry-After': String(seconds)},
      });
    }
    return next();
  };
}
