import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {expectProblem, newKey, newVoter, postVote, setUp, STORES} from './helpers.js';

/** No client input, however malformed, may yield a 5xx; every error is a problem. */
describe.each(STORES)('hostile input on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
  });
  afterAll(() => env?.tearDown());

  it('answers malformed JSON with a 400 validation problem', async () => {
    for (const body of ['{', '', 'nul', '{"optionIds": [}', '\u0000', '{"a":1}garbage']) {
      await expectProblem(await postVote(url, 'demo-poll', body), 400, 'validation');
    }
  });

  it('answers another content type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const response = await fetch(`${url}/api/v1/polls/demo-poll/votes`, {
        method: 'POST',
        headers: {'Content-Type': type, 'Idempotency-Key': newKey()},
        body: JSON.stringify({optionIds: ['hours'], voter: newVoter(), channel: 'web'}),
      });
      await expectProblem(response, 415, 'unsupported-media-type');
    }
  });

  it('accepts application/json with a charset', async () => {
    const response = await postVote(url, 'demo-poll', {optionIds: ['hours'], voter: newVoter(), channel: 'web'}, {
      headers: {'Content-Type': 'application/json; charset=utf-8'},
    });
    expect(response.status).toBe(201);
  });

  it('refuses a body over 16 KiB with 413, with or without Content-Length', async () => {
    const huge = JSON.stringify({optionIds: ['hours'], voter: newVoter(), channel: 'web', pad: 'x'.repeat(17_000)});
    await expectProblem(await postVote(url, 'demo-poll', huge), 413, 'payload-too-large');
    const chunks = new TextEncoder().encode(huge);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < chunks.length; i += 1000) controller.enqueue(chunks.slice(i, i + 1000));
        controller.close();
      },
    });
    const response = await fetch(`${url}/api/v1/polls/demo-poll/votes`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': newKey()},
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(response, 413, 'payload-too-large');
  });

  it('answers arrays, nulls, numbers and wrong types with 400, never 5xx', async () => {
    const voter = newVoter();
    const bodies: unknown[] = [
      [],
      null,
      42,
      'string',
      true,
      {},
      {optionIds: null, voter, channel: 'web'},
      {optionIds: [null], voter, channel: 'web'},
      {optionIds: [1, 2], voter, channel: 'web'},
      {optionIds: [{}], voter, channel: 'web'},
      {optionIds: ['hours'], voter: 12345678901234567890, channel: 'web'},
      {optionIds: ['hours'], voter: null, channel: 'web'},
      {optionIds: ['hours'], voter, channel: ['web']},
      {optionIds: ['hours'], voter, channel: 'web', location: 7},
      {optionIds: ['hours'], voter, channel: 'web', otherText: {}},
      {optionIds: ['hours\u0000'], voter, channel: 'web'},
      {optionIds: ['hours'], voter: `${voter}\u0000`, channel: 'web'},
      {optionIds: ['hours'], voter, channel: 'web', location: 'demo-central\u0000'},
      {optionIds: [], voter, channel: 'web', otherText: 'a\u0000b'},
      {optionIds: ['x'.repeat(10_000)], voter, channel: 'web'},
      {optionIds: Array.from({length: 2000}, (_, i) => `o${i}`), voter, channel: 'web'},
      {optionIds: ['hours'], voter: 'v'.repeat(10_000), channel: 'web'},
      {__proto__: {optionIds: ['hours']}, voter, channel: 'web'},
      {optionIds: ['\ud800'], voter, channel: 'web'},
      {optionIds: ["hours'; drop table votes; --"], voter, channel: 'web'},
    ];
    for (const body of bodies) {
      const response = await postVote(url, 'demo-poll', body);
      expect([400, 413], JSON.stringify(body).slice(0, 80)).toContain(response.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('survives a fuzz loop of random hostile bodies, headers and paths', async () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const atoms: unknown[] = [null, 0, -1, 1e308, '', '\u0000', '\ud83d', 'ä'.repeat(600), [], {}, [[[[]]]], true, 'hours', 'demo-central'];
    const value = (depth: number): unknown => {
      if (depth > 3 || random() < 0.5) return pick(atoms);
      if (random() < 0.5) return Array.from({length: Math.floor(random() * 4)}, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({length: Math.floor(random() * 5)}, () => [pick(['optionIds', 'voter', 'channel', 'otherText', 'location', 'x']), value(depth + 1)]),
      );
    };
    const paths = ['demo-poll', 'demo-poll-multi', 'demo-poll-closed', '%00', '..%2F..%2Fetc', 'x'.repeat(300), '%E2%82', "a'b"];
    for (let i = 0; i < 150; i++) {
      const body = random() < 0.1 ? '{"optionIds":' + '['.repeat(3000) : JSON.stringify(value(0));
      const key = pick([newKey(), 'bad key', '', 'k'.repeat(200), newKey() + '\u00e4']);
      const response = await fetch(`${url}/api/v1/polls/${pick(paths)}/votes`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', ...(key ? {'Idempotency-Key': encodeURIComponent(key)} : {})},
        body,
      });
      expect(response.status, `${i}: ${body.slice(0, 100)}`).toBeLessThan(500);
      await response.arrayBuffer();
    }
    for (const path of paths) {
      for (const suffix of ['', '/results']) {
        const response = await fetch(`${url}/api/v1/polls/${path}${suffix}`, {headers: {'Kirjasto-Voter': 'x\u00e4'.replace('\u00e4', 'y')}});
        expect(response.status, path).toBeLessThan(500);
      }
      const page = await fetch(`${url}/w/poll/${path}?lang=%00&location=%00&channel=%FF`);
      expect(page.status, path).toBeLessThan(500);
    }
  });

  it('answers unknown routes with a 404 problem and wrong methods with 405', async () => {
    await expectProblem(await fetch(`${url}/api/v1/nothing`), 404, 'not-found');
    await expectProblem(await fetch(`${url}/nothing/at/all`), 404, 'not-found');
    const put = await fetch(`${url}/api/v1/polls/demo-poll`, {method: 'PUT'});
    expect(put.headers.get('allow')).toBe('GET, HEAD');
    await expectProblem(put, 405, 'method-not-allowed');
    await expectProblem(await fetch(`${url}/api/v1/polls/demo-poll/votes`), 405, 'method-not-allowed');
    await expectProblem(await fetch(`${url}/api/v1/health`, {method: 'DELETE'}), 405, 'method-not-allowed');
  });

  it('treats a malformed Kirjasto-Voter as not having voted', async () => {
    await expectProblem(
      await fetch(`${url}/api/v1/polls/demo-poll/results`, {headers: {'Kirjasto-Voter': 'short'}}),
      403,
      'results-hidden',
    );
  });
});
