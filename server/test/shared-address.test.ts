import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ADDRESS_CEILING_FACTOR} from '../src/http/rate-limit.js';
import {insertBox} from '../src/ideas/store.js';
import {expectProblem, newVoter, postVote, setUp, startServer, STORES, testConfig, type TestServer} from './helpers.js';
import {newIdea, postIdea} from './ideas-helpers.js';

/** One library's public computers: every patron behind the same address. */
const LIBRARY_PC = {'X-Forwarded-For': '198.51.100.7'};

describe.each(STORES)('patrons sharing one address, on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let limited: TestServer;

  beforeAll(async () => {
    env = await setUp(kind);
    await insertBox(env.store.db, {id: 'box-shared', tenantId: 'demo', topic: {en: 'Ideas'}, moderation: 'post'});
    // the default idea limit (5 per patron per 10 minutes), and a tiny general write limit
    limited = await startServer(env.store.db, testConfig({rateLimitWrites: 2, rateLimitIdeas: 5, trustProxy: true}));
  });
  afterAll(async () => {
    await limited?.close();
    await env?.tearDown();
  });

  it('lets the sixth patron on one address send an idea, and stops one patron at their own limit', async () => {
    for (let patron = 1; patron <= 6; patron++) {
      const response = await postIdea(limited.url, 'box-shared', await newIdea(env.store.db, 'box-shared', {voter: newVoter()}), {headers: LIBRARY_PC});
      expect(response.status, `patron ${patron}`).toBe(201);
    }
    // the general write limit is 2 per patron per minute; the idea limit would be 5
    const voter = newVoter();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await postIdea(limited.url, 'box-shared', await newIdea(env.store.db, 'box-shared', {voter}), {headers: LIBRARY_PC})).status);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });

  it('lets many patrons on one address vote, up to a far higher ceiling for the address alone', async () => {
    const address = {'X-Forwarded-For': '198.51.100.8'};
    const ceiling = 2 * ADDRESS_CEILING_FACTOR;
    const statuses: number[] = [];
    for (let i = 0; i <= ceiling; i++) {
      statuses.push((await postVote(limited.url, 'demo-poll', {optionIds: ['hours'], voter: newVoter(), channel: 'web'}, {headers: address})).status);
    }
    expect(statuses.slice(0, ceiling).every((s) => s === 201)).toBe(true);
    const refused = await postVote(limited.url, 'demo-poll', {optionIds: ['hours'], voter: newVoter(), channel: 'web'}, {headers: address});
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectProblem(refused, 429, 'rate-limited');
    // another address is not affected
    expect((await postVote(limited.url, 'demo-poll', {optionIds: ['hours'], voter: newVoter(), channel: 'web'}, {headers: {'X-Forwarded-For': '198.51.100.9'}})).status).toBe(201);
  });

  it("does not count one patron's refused writes against the address", async () => {
    const address = {'X-Forwarded-For': '198.51.100.12'};
    const voter = newVoter();
    const statuses: number[] = [];
    // far more refused writes than the address's ceiling
    for (let i = 0; i < 2 * ADDRESS_CEILING_FACTOR + 10; i++) {
      statuses.push((await postVote(limited.url, 'demo-poll', {optionIds: ['hours'], voter, channel: 'web'}, {headers: address})).status);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(statuses.length - 2);
    expect((await postVote(limited.url, 'demo-poll', {optionIds: ['hours'], voter: newVoter(), channel: 'web'}, {headers: address})).status).toBe(201);
  });

  it('counts a standalone page that claims to be a kiosk as web', async () => {
    const html = await (await fetch(`${limited.url}/w/rating/demo-stars?lang=en&channel=kiosk`)).text();
    expect(html).toContain('<kirjasto-rating rating="demo-stars" channel="web">');
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
    const response = await fetch(`${limited.url}/w/rating/demo-stars`, {
      method: 'POST',
      redirect: 'manual',
      headers: {'X-Forwarded-For': '198.51.100.11', 'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({...fields, channel: 'kiosk', score: '4'}).toString(),
    });
    expect(response.status).toBe(303);
    const [row] = await env.store.db.query<{channel: string}>('select channel from rating_responses where response_id = $1', [fields.responseId]);
    expect(row?.channel).toBe('web');
  });

  it('counts patrons of the no-JavaScript page apart by their form key', async () => {
    const address = {'X-Forwarded-For': '198.51.100.10'};
    for (let patron = 1; patron <= 4; patron++) {
      const html = await (await fetch(`${limited.url}/w/poll/demo-poll-multi?lang=en`, {headers: address})).text();
      const key = /name="key" value="([^"]+)"/.exec(html)![1]!;
      const response = await fetch(`${limited.url}/w/poll/demo-poll-multi`, {
        method: 'POST',
        redirect: 'manual',
        headers: {...address, 'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({key, optionIds: 'loans', lang: 'en', channel: 'web'}).toString(),
      });
      expect(response.status, `patron ${patron}`).toBe(303);
    }
  });
});
