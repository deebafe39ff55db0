import type {MiddlewareHandler} from 'hono';
import {RateLimiterMemory, RateLimiterRes} from 'rate-limiter-flexible';
import {Problem} from './problem.js';

/**
 * Writes and reads are limited separately, per client key and minute.
 * In memory, per instance: with N instances a client gets up to N times the limit, which is fine for
 * flood protection; a shared store (rate-limiter-flexible has PostgreSQL/Redis ones) would make it exact.
 */
export function rateLimit(options: {writes: number; reads: number; key: (c: Parameters<MiddlewareHandler>[0]) => Promise<string>}): MiddlewareHandler {
  const writes = new RateLimiterMemory({points: options.writes, duration: 60});
  const reads = new RateLimiterMemory({points: options.reads, duration: 60});
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'OPTIONS') return next();
    const limiter = method === 'GET' || method === 'HEAD' ? reads : writes;
    try {
      await limiter.consume(await options.key(c));
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
