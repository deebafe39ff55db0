import {connect} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DEMO_PASSWORD} from '../src/auth/accounts.js';
import {demoEmail, setUpAdmin, signInRequest} from './admin-helpers.js';
import {expectProblem, startServer, STORES, testConfig, type TestServer} from './helpers.js';

/** REDIS_URL, or Redis on its default port here when something answers there. */
async function redisUrl(): Promise<string | undefined> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const up = await new Promise<boolean>((resolve) => {
    const s = connect(6379, '127.0.0.1', () => (s.end(), resolve(true)));
    s.on('error', () => resolve(false));
    s.setTimeout(500, () => (s.destroy(), resolve(false)));
  });
  return up ? 'redis://127.0.0.1:6379' : undefined;
}

const redis = await redisUrl();
const CLIENT_LIMIT = 16;

// Without REDIS_URL each instance counts its own (see docs/scaling.md); these tests need a shared Redis.
describe.skipIf(!redis).each(STORES)('sign-in limits over two instances sharing Redis ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let second: TestServer;
  let urls: string[];
  beforeAll(async () => {
    const config = {redisUrl: redis, rateLimitSignIns: CLIENT_LIMIT};
    env = await setUpAdmin(kind, config);
    second = await startServer(env.store.db, testConfig({demo: true, ...config}));
    urls = [env.url, second.url];
  });
  afterAll(async () => {
    await second?.close();
    await env?.tearDown();
  });

  it('locks an account after ten wrong passwords spread over both instances, on both', async () => {
    const owner = demoEmail('owner');
    for (let i = 0; i < 10; i++) await expectProblem(await signInRequest(urls[i % 2]!, owner, `wrong-${i}`), 401, 'sign-in-failed');
    // Each instance saw five: counted alone, either would still let the right password in.
    for (const url of urls) {
      const locked = await signInRequest(url, owner, DEMO_PASSWORD);
      await expectProblem(locked, 429, 'rate-limited');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Another account is not locked.
    expect((await signInRequest(urls[0]!, demoEmail('editor'), DEMO_PASSWORD)).status).toBe(201);
  });

  it('holds the per-client limit of attempts over both instances', async () => {
    // 13 attempts so far from this client (10 wrong, 2 locked, 1 right); the rest of the limit alternates.
    for (let i = 13; i < CLIENT_LIMIT; i++) await expectProblem(await signInRequest(urls[i % 2]!, `nobody-${i}@demo.kirjasto.example`, 'wrong'), 401, 'sign-in-failed');
    for (const url of urls) await expectProblem(await signInRequest(url, demoEmail('viewer'), DEMO_PASSWORD), 429, 'rate-limited');
  });
});
