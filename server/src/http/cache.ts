import {createHash} from 'node:crypto';
import type {MiddlewareHandler} from 'hono';

/**
 * Cache-Control of public reads. Browsers revalidate every time (a cheap 304 with the ETag), so a
 * patron never sees their own change late; a CDN may keep a shared copy for a few seconds.
 */
export const SHARED_READ = {'Cache-Control': 'public, max-age=0, s-maxage=5'};

/** A read whose answer depends on the `Kirjasto-Voter` header: never in a shared cache, keyed on the header. */
export const PER_VOTER_READ = {'Cache-Control': 'private, no-cache', Vary: 'Kirjasto-Voter'};

/** A read that may depend on the voter for some resources: keyed on the header, shared when it does not. */
export const readHeaders = (dependsOnVoter: boolean): Record<string, string> =>
  dependsOnVoter ? PER_VOTER_READ : {...SHARED_READ, Vary: 'Kirjasto-Voter'};

/** A strong validator for a JSON answer, made where the answer is (so the middleware need not read the body back). */
export const etagOf = (value: unknown) => etagOfJson(JSON.stringify(value));
/** etagOf for an answer already serialized. */
export const etagOfJson = (json: string) => `"${createHash('sha1').update(json).digest('base64url')}"`;

/** What a 304 keeps of the 200 it stands for (RFC 9110 15.4.5). */
const KEPT_ON_304 = ['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary'];

const matches = (etag: string, ifNoneMatch: string | undefined) =>
  ifNoneMatch !== undefined && (ifNoneMatch.trim() === '*' || (ifNoneMatch.match(/"[^"]*"/g)?.some((tag) => tag === etag.replace(/^W\//, '')) ?? false));

/**
 * ETags and 304s on GET and HEAD 200s. Uses the ETag a handler set (etagOf: no second read of the
 * body); hashes the body only for answers without one, and skips `no-store` answers (health, writes)
 * that no cache keeps. Synchronous hashing: no trip through the thread pool per request.
 */
export function etags(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const method = c.req.method;
    if ((method !== 'GET' && method !== 'HEAD') || c.res.status !== 200) return;
    let etag = c.res.headers.get('ETag');
    if (!etag) {
      if (c.res.headers.get('Cache-Control')?.includes('no-store')) return;
      const body = new Uint8Array(await c.res.clone().arrayBuffer());
      etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      c.res.headers.set('ETag', etag);
    }
    if (!matches(etag, c.req.header('If-None-Match'))) return;
    const headers = new Headers();
    for (const name of KEPT_ON_304) {
      const value = c.res.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    c.res = new Response(null, {status: 304, headers});
  };
}
