import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {insertPoll} from '../src/polls/store.js';
import {insertTenant} from '../src/tenants/store.js';
import {originMatches} from '../src/tenants/store.js';
import {expectProblem, newVoter, postVote, setUp, startServer, STORES, testConfig, type TestServer} from './helpers.js';

describe('origin patterns', () => {
  it('matches exact origins and port wildcards only', () => {
    expect(originMatches('https://www.kirjasto.fi', 'https://www.kirjasto.fi')).toBe(true);
    expect(originMatches('https://www.kirjasto.fi/', 'https://www.kirjasto.fi')).toBe(true);
    expect(originMatches('https://www.kirjasto.fi', 'https://evil.kirjasto.fi')).toBe(false);
    expect(originMatches('https://www.kirjasto.fi', 'https://www.kirjasto.fi.evil.com')).toBe(false);
    expect(originMatches('http://localhost:*', 'http://localhost:5173')).toBe(true);
    expect(originMatches('http://localhost:*', 'http://localhost')).toBe(true);
    expect(originMatches('http://localhost:*', 'http://localhost.evil.com:80')).toBe(false);
    expect(originMatches('http://localhost:*', 'http://localhost:80@evil.com')).toBe(false);
    expect(originMatches('http://localhost:*', 'https://localhost:8080')).toBe(false);
  });
});

describe.each(STORES)('CORS and rate limits on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const other = 'https://www.other-library.example';

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
    await insertTenant(env.store.db, {id: 'other', name: 'Other library', allowedOrigins: [other]});
    await insertPoll(env.store.db, {
      id: 'other-poll',
      tenantId: 'other',
      question: {en: 'Other?'},
      options: [{id: 'a', label: {en: 'A'}}],
      resultsVisibility: 'always',
    });
  });
  afterAll(() => env?.tearDown());

  it('allows the tenant’s origins on reads and writes', async () => {
    const read = await fetch(`${url}/api/v1/polls/demo-poll`, {headers: {Origin: 'http://localhost:5173'}});
    expect(read.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(read.headers.get('vary')).toContain('Origin');
    expect(read.headers.get('access-control-expose-headers')).toBe('Retry-After, Idempotent-Replayed');
    expect(read.headers.get('set-cookie')).toBeNull();
    const write = await postVote(url, 'other-poll', {optionIds: ['a'], voter: newVoter(), channel: 'web'}, {origin: other});
    expect(write.status).toBe(201);
    expect(write.headers.get('access-control-allow-origin')).toBe(other);
  });

  it('does not allow another tenant’s origin: its reads get a readable 403, its writes a plain one', async () => {
    const read = await fetch(`${url}/api/v1/polls/demo-poll`, {headers: {Origin: other}});
    expect(read.headers.get('access-control-allow-origin')).toBe(other);
    const problem = await expectProblem(read, 403, 'origin-not-allowed');
    expect(problem.origin).toBe(other);
    expect(problem.detail).toBe(`This library has not allowed ${other} to show its widgets; allow it in the console at /admin → library settings → allowed web origins.`);
    const write = await postVote(url, 'demo-poll', {optionIds: ['hours'], voter: newVoter(), channel: 'web'}, {origin: other});
    await expectProblem(write, 403, 'origin-not-allowed');
    expect(write.headers.get('access-control-allow-origin')).toBeNull();
    await expectProblem(
      await postVote(url, 'other-poll', {optionIds: ['a'], voter: newVoter(), channel: 'web'}, {origin: 'http://localhost:3000'}),
      403,
      'origin-not-allowed',
    );
  });

  it('always allows the server’s own public origin', async () => {
    const response = await postVote(url, 'other-poll', {optionIds: ['a'], voter: newVoter(), channel: 'web'}, {origin: 'http://localhost:8787'});
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:8787');
  });

  it('answers preflights', async () => {
    const allowed = await fetch(`${url}/api/v1/polls/demo-poll/votes`, {
      method: 'OPTIONS',
      headers: {Origin: 'http://127.0.0.1:8788', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key'},
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8788');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Content-Type, Idempotency-Key, Kirjasto-Voter, Kirjasto-Kiosk');
    expect(allowed.headers.get('access-control-max-age')).toBe('600');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const denied = await fetch(`${url}/api/v1/polls/demo-poll/votes`, {
      method: 'OPTIONS',
      headers: {Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST'},
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a 404 reach a widget on any tenant’s origin', async () => {
    const response = await fetch(`${url}/api/v1/polls/no-such-poll`, {headers: {Origin: other}});
    expect(response.headers.get('access-control-allow-origin')).toBe(other);
    await expectProblem(response, 404, 'not-found');
    const evil = await fetch(`${url}/api/v1/polls/no-such-poll`, {headers: {Origin: 'https://evil.example'}});
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('with tiny rate limits', () => {
    let limited: TestServer;
    beforeAll(async () => {
      limited = await startServer(env.store.db, testConfig({rateLimitWrites: 2, rateLimitReads: 3, trustProxy: true}));
    });
    afterAll(() => limited?.close());

    it('answers 429 with Retry-After, counting writes and reads separately per client', async () => {
      const client = {'X-Forwarded-For': '203.0.113.9', Origin: 'http://localhost:5173'};
      const voter = newVoter();
      const statuses = [];
      for (const pollId of ['demo-poll', 'demo-poll-multi']) {
        statuses.push((await postVote(limited.url, pollId, {optionIds: ['hours'], voter, channel: 'web'}, {headers: client})).status);
      }
      expect(statuses[0]).toBe(201);
      const refused = await postVote(limited.url, 'demo-poll', {optionIds: ['hours'], voter, channel: 'web'}, {headers: client});
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      await expectProblem(refused, 429, 'rate-limited');
      // reads have their own budget
      for (let i = 0; i < 3; i++) expect((await fetch(`${limited.url}/api/v1/polls/demo-poll`, {headers: client})).status).toBe(200);
      await expectProblem(await fetch(`${limited.url}/api/v1/polls/demo-poll`, {headers: client}), 429, 'rate-limited');
      // another client is not affected
      const someoneElse = await fetch(`${limited.url}/api/v1/polls/demo-poll`, {headers: {'X-Forwarded-For': '203.0.113.10'}});
      expect(someoneElse.status).toBe(200);
    });
  });
});
