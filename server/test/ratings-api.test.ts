import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {insertRating, insertResponse} from '../src/ratings/store.js';
import {Secrets} from '../src/secrets.js';
import {expectProblem, newKey, newVoter, setUp, STORES} from './helpers.js';
import {countersMatchRows, getSummary, newResponseId, postComment, postResponse, responseRows} from './ratings-helpers.js';

const DAY = 86_400_000;

describe.each(STORES)('ratings API on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const respond = (ratingId: string, fields: Record<string, unknown>, options = {}) =>
    postResponse(url, ratingId, {responseId: newResponseId(), voter: newVoter(), channel: 'web', ...fields}, options);

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
    const db = env.store.db;
    for (const scale of ['smileys-4', 'smileys-5', 'stars-5', 'nps', 'thumbs'] as const) {
      await insertRating(db, {id: `t-${scale}`, tenantId: 'demo', question: {en: scale}, scale});
    }
    await insertRating(db, {id: 't-always', tenantId: 'demo', question: {en: 'Always'}, scale: 'stars-5', commentMode: 'always', commentMaxLength: 10});
    await insertRating(db, {id: 't-low', tenantId: 'demo', question: {en: 'Low'}, scale: 'smileys-4', commentMode: 'after-low', lowThreshold: 2, commentMaxLength: 20});
    await insertRating(db, {id: 't-closed', tenantId: 'demo', question: {en: 'Closed'}, scale: 'thumbs', opensAt: new Date(Date.now() - 2 * DAY), closesAt: new Date(Date.now() - 1000)});
    await insertRating(db, {id: 't-later', tenantId: 'demo', question: {en: 'Later'}, scale: 'thumbs', opensAt: new Date(Date.now() + DAY)});
  });
  afterAll(async () => {
    if (env) {
      // whatever the tests did, the counters still agree with the rows
      const {counters, recount} = await countersMatchRows(env.store.db);
      expect(counters).toEqual(recount);
    }
    await env?.tearDown();
  });

  it('shows each demo rating with its scale and comment rules', async () => {
    const rating = await (await fetch(`${url}/api/v1/ratings/demo-rating`)).json();
    expect(rating).toMatchObject({
      id: 'demo-rating',
      question: {fi: 'Miten onnistuimme tänään?', sv: 'Hur lyckades vi i dag?', en: 'How did we do today?'},
      scale: 'smileys-5',
      comment: 'after-low',
      lowThreshold: 2,
      commentMaxLength: 500,
      status: 'open',
    });
    expect(rating.closesAt).toBeUndefined();
    const nps = await (await fetch(`${url}/api/v1/ratings/demo-nps`)).json();
    expect(nps).toMatchObject({scale: 'nps', comment: 'always', status: 'open'});
    expect(nps.question.fi).toBe('Kuinka todennäköisesti suosittelisit kirjastoa ystävällesi?');
    expect(nps.lowThreshold).toBeUndefined();
    expect(await (await fetch(`${url}/api/v1/ratings/demo-stars`)).json()).toMatchObject({scale: 'stars-5', comment: 'off'});
    expect(await (await fetch(`${url}/api/v1/ratings/demo-thumbs`)).json()).toMatchObject({scale: 'thumbs', comment: 'off'});
    expect((await (await fetch(`${url}/api/v1/ratings/t-closed`)).json()).status).toBe('closed');
    expect((await (await fetch(`${url}/api/v1/ratings/t-later`)).json()).status).toBe('scheduled');
    await expectProblem(await fetch(`${url}/api/v1/ratings/no-such-rating`), 404, 'not-found');
    await expectProblem(await fetch(`${url}/api/v1/ratings/no-such-rating/summary`), 404, 'not-found');
    await expectProblem(await respond('no-such-rating', {score: 1}), 404, 'not-found');
  });

  it("takes exactly the scores of each rating's scale", async () => {
    const ranges = {'smileys-4': [1, 4], 'smileys-5': [1, 5], 'stars-5': [1, 5], nps: [0, 10], thumbs: [0, 1]} as const;
    for (const [scale, [min, max]] of Object.entries(ranges)) {
      for (const score of [min, max]) {
        const response = await respond(`t-${scale}`, {score});
        expect(response.status, `${scale} ${score}`).toBe(201);
        expect(await response.json()).toMatchObject({ratingId: `t-${scale}`, score});
      }
      for (const score of [min - 1, max + 1]) {
        const problem = await expectProblem(await respond(`t-${scale}`, {score}), 400, 'validation');
        expect(problem.errors).toEqual([{path: '/score', message: `Must be ${min}–${max} on the ${scale} scale`}]);
      }
      for (const score of [min + 0.5, '1', null]) {
        const problem = await expectProblem(await respond(`t-${scale}`, {score}), 400, 'validation');
        expect(problem.errors?.[0]?.path, `${scale} ${score}`).toBe('/score');
      }
    }
  });

  it('takes comments only where the rating asks for them', async () => {
    const off = await expectProblem(await respond('t-stars-5', {score: 3, comment: 'Hi'}), 400, 'validation');
    expect(off.errors).toEqual([{path: '/comment', message: 'This rating does not take comments'}]);

    const always = await respond('t-always', {score: 5, comment: '  Kiitos!  '});
    expect(always.status).toBe(201);
    expect((await always.json()).comment).toBe('Kiitos!');
    const tooLong = await expectProblem(await respond('t-always', {score: 5, comment: 'x'.repeat(11)}), 400, 'validation');
    expect(tooLong.errors).toEqual([{path: '/comment', message: 'At most 10 characters'}]);
    expect((await respond('t-always', {score: 5, comment: `  ${'x'.repeat(10)}  `})).status).toBe(201);
    const blank = await expectProblem(await respond('t-always', {score: 5, comment: '   '}), 400, 'validation');
    expect(blank.errors?.[0]?.path).toBe('/comment');

    expect((await respond('t-low', {score: 1, comment: 'Liian kylmä'})).status).toBe(201);
    expect((await respond('t-low', {score: 2, comment: 'Jonoa'})).status).toBe(201);
    const high = await expectProblem(await respond('t-low', {score: 3, comment: 'Hyvä'}), 400, 'validation');
    expect(high.errors).toEqual([{path: '/comment', message: 'This rating takes comments only with a score of 2 or less'}]);
    expect((await respond('t-low', {score: 3})).status).toBe(201);
  });

  it('attaches a follow-up comment to my own response, once', async () => {
    const voter = newVoter();
    const responseId = newResponseId();
    expect((await postResponse(url, 't-low', {responseId, score: 1, voter, channel: 'kiosk'})).status).toBe(201);

    await expectProblem(await postComment(url, 't-low', responseId, {comment: 'Not mine', voter: newVoter()}), 404, 'not-found');
    await expectProblem(await postComment(url, 't-low', newResponseId(), {comment: 'Nothing', voter}), 404, 'not-found');
    await expectProblem(await postComment(url, 'no-such-rating', responseId, {comment: 'x', voter}), 404, 'not-found');
    const long = await expectProblem(await postComment(url, 't-low', responseId, {comment: 'x'.repeat(21), voter}), 400, 'validation');
    expect(long.errors).toEqual([{path: '/comment', message: 'At most 20 characters'}]);
    await expectProblem(await postComment(url, 't-low', responseId, {comment: 'x', voter}, {key: null}), 400, 'validation');

    const key = newKey();
    const first = await postComment(url, 't-low', responseId, {comment: ' Liian meluisaa ', voter}, {key});
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ratingId: 't-low', responseId, score: 1, comment: 'Liian meluisaa'});
    const replay = await postComment(url, 't-low', responseId, {comment: ' Liian meluisaa ', voter}, {key});
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // the same words again with a new key are no conflict; other words are
    expect((await postComment(url, 't-low', responseId, {comment: 'Liian meluisaa', voter})).status).toBe(200);
    await expectProblem(await postComment(url, 't-low', responseId, {comment: 'Muuta', voter}), 409, 'comment-exists');
    await expectProblem(await postComment(url, 't-low', responseId, {comment: 'Muuta', voter}, {key}), 422, 'idempotency-key-reused');
    const [row] = await env.store.db.query<{comment: string}>('select comment from rating_responses where response_id = $1', [responseId]);
    expect(row!.comment).toBe('Liian meluisaa');

    // a high score in after-low mode, and a rating without comments
    const happy = newResponseId();
    expect((await postResponse(url, 't-low', {responseId: happy, score: 4, voter, channel: 'kiosk'})).status).toBe(201);
    const refused = await expectProblem(await postComment(url, 't-low', happy, {comment: 'Hyvä', voter}), 400, 'validation');
    expect(refused.errors?.[0]?.path).toBe('/comment');
    const quiet = newResponseId();
    expect((await postResponse(url, 't-stars-5', {responseId: quiet, score: 1, voter, channel: 'web'})).status).toBe(201);
    await expectProblem(await postComment(url, 't-stars-5', quiet, {comment: 'Huono', voter}), 400, 'validation');
  });

  it('takes one web or QR response per voter and UTC day, and any number from a kiosk', async () => {
    const voter = newVoter();
    expect((await respond('demo-stars', {score: 4, voter, channel: 'web'})).status).toBe(201);
    await expectProblem(await respond('demo-stars', {score: 5, voter, channel: 'web'}), 409, 'already-rated');
    await expectProblem(await respond('demo-stars', {score: 5, voter, channel: 'qr'}), 409, 'already-rated');
    // another rating is another question
    expect((await respond('demo-thumbs', {score: 1, voter, channel: 'qr'})).status).toBe(201);

    const device = newVoter();
    const before = await responseRows(env.store.db, 'demo-stars');
    for (let i = 0; i < 4; i++) expect((await respond('demo-stars', {score: 1 + i, voter: device, channel: 'kiosk'})).status).toBe(201);
    expect(await responseRows(env.store.db, 'demo-stars')).toBe(before + 4);

    // yesterday's answer does not count against today
    const returning = newVoter();
    const voterHash = await new Secrets(env.store.db).voterHash('demo', returning);
    const yesterday = {ratingId: 'demo-stars', responseId: newResponseId(), voterHash, score: 2, channel: 'web' as const};
    expect(await insertResponse(env.store.db, yesterday, 'Europe/Helsinki', new Date(Date.now() - DAY))).toBe(true);
    expect((await respond('demo-stars', {score: 5, voter: returning, channel: 'web'})).status).toBe(201);
    await expectProblem(await respond('demo-stars', {score: 5, voter: returning, channel: 'qr'}), 409, 'already-rated');
  });

  it('stores a replayed request once and counts it once', async () => {
    const body = {responseId: newResponseId(), score: 5, voter: newVoter(), channel: 'web', location: 'demo-central'};
    const key = newKey();
    const before = (await getSummary(url, 'demo-rating')).count;
    const first = await postResponse(url, 'demo-rating', body, {key});
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    const again = await postResponse(url, 'demo-rating', body, {key});
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    expect((await env.store.db.query('select 1 from rating_responses where response_id = $1', [body.responseId])).length).toBe(1);
    expect((await getSummary(url, 'demo-rating')).count).toBe(before + 1);
    await expectProblem(await postResponse(url, 'demo-rating', {...body, score: 4}, {key}), 422, 'idempotency-key-reused');
  });

  it('stores concurrent deliveries of one key once', async () => {
    const body = {responseId: newResponseId(), score: 3, voter: newVoter(), channel: 'kiosk', location: 'demo-village'};
    const key = newKey();
    const before = await getSummary(url, 'demo-rating');
    const responses = await Promise.all(Array.from({length: 6}, () => postResponse(url, 'demo-rating', body, {key})));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect((await env.store.db.query('select 1 from rating_responses where response_id = $1', [body.responseId])).length).toBe(1);
    const after = await getSummary(url, 'demo-rating');
    expect(after.count).toBe(before.count + 1);
    expect(after.distribution['3']).toBe(before.distribution['3'] + 1);
    // byLocation cells under the threshold are suppressed (issue 10): the branch is checked on the row.
    expect(await env.store.db.query('select branch_id from rating_responses where response_id = $1', [body.responseId])).toEqual([{branch_id: 'demo-village'}]);
  });

  it('refuses a responseId that was already used with another key', async () => {
    const responseId = newResponseId();
    const voter = newVoter();
    expect((await postResponse(url, 'demo-thumbs', {responseId, score: 1, voter, channel: 'kiosk'})).status).toBe(201);
    await expectProblem(await postResponse(url, 'demo-thumbs', {responseId, score: 1, voter, channel: 'kiosk'}), 409, 'response-exists');
    await expectProblem(await postResponse(url, 'demo-thumbs', {responseId, score: 0, voter: newVoter(), channel: 'web'}), 409, 'response-exists');
    // the same id on another rating is another response
    expect((await postResponse(url, 'demo-stars', {responseId, score: 4, voter, channel: 'kiosk'})).status).toBe(201);
    const concurrent = newResponseId();
    const results = await Promise.all(
      Array.from({length: 4}, () => postResponse(url, 'demo-thumbs', {responseId: concurrent, score: 1, voter: newVoter(), channel: 'kiosk'})),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it('refuses closed, scheduled, unknown branches and missing keys', async () => {
    await expectProblem(await respond('t-closed', {score: 1}), 409, 'rating-closed');
    const later = await expectProblem(await respond('t-later', {score: 1}), 409, 'rating-not-open');
    expect(typeof later.opensAt).toBe('string');
    const branch = await expectProblem(await respond('demo-rating', {score: 1, location: 'nowhere'}), 400, 'validation');
    expect(branch.errors).toEqual([{path: '/location', message: 'Not a known branch of this library'}]);
    const noKey = await expectProblem(await respond('demo-rating', {score: 1}, {key: null}), 400, 'validation');
    expect(noKey.errors?.[0]?.path).toBe('Idempotency-Key');
    const shape = await expectProblem(await postResponse(url, 'demo-rating', {responseId: 'short', score: 1, voter: 'v', channel: 'post'}), 400, 'validation');
    expect(shape.errors?.map((e) => e.path).sort()).toEqual(['/channel', '/responseId', '/voter']);
    await expectProblem(await fetch(`${url}/api/v1/ratings/demo-rating/responses`), 405, 'method-not-allowed');
    await expectProblem(await fetch(`${url}/api/v1/ratings/demo-rating/summary`, {method: 'POST'}), 405, 'method-not-allowed');
  });

  it('answers CORS for the rating paths per tenant, with Kirjasto-Voter allowed', async () => {
    const preflight = await fetch(`${url}/api/v1/ratings/demo-rating/responses`, {
      method: 'OPTIONS',
      headers: {Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key'},
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Kirjasto-Voter');
    await expectProblem(await respond('demo-rating', {score: 5}, {origin: 'https://evil.example'}), 403, 'origin-not-allowed');
    const comment = await postComment(url, 'demo-rating', newResponseId(), {comment: 'x', voter: newVoter()}, {origin: 'https://evil.example'});
    await expectProblem(comment, 403, 'origin-not-allowed');
  });

  it('never answers hostile bodies with a 5xx', async () => {
    let seed = 4242;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const atoms: unknown[] = [null, 0, -1, 1, 5, 10, 11, 2.5, 1e308, -0, '', '\u0000', '\ud83d', 'ä'.repeat(3000), [], {}, true, 'kiosk', 'demo-central', newResponseId(), newVoter()];
    const value = (depth: number): unknown => {
      if (depth > 3 || random() < 0.5) return pick(atoms);
      if (random() < 0.4) return Array.from({length: Math.floor(random() * 4)}, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({length: Math.floor(random() * 6)}, () => [pick(['responseId', 'score', 'comment', 'voter', 'channel', 'location', '__proto__']), value(depth + 1)]),
      );
    };
    const ids = ['demo-rating', 'demo-nps', 'demo-thumbs', '%00', '..%2F..', 'x'.repeat(300), '%E2%82'];
    for (let i = 0; i < 120; i++) {
      const body = random() < 0.1 ? '{"score":' + '['.repeat(3000) : JSON.stringify(value(0));
      const key = pick([newKey(), 'bad key', '', 'k'.repeat(200)]);
      const id = pick(ids);
      const path = random() < 0.7 ? `/api/v1/ratings/${id}/responses` : `/api/v1/ratings/${id}/responses/${pick([newResponseId(), '%00', 'x'])}/comment`;
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', ...(key ? {'Idempotency-Key': encodeURIComponent(key)} : {})},
        body,
      });
      expect(response.status, `${i} ${path}: ${body.slice(0, 100)}`).toBeLessThan(500);
      await response.arrayBuffer();
    }
    for (const id of ids) {
      for (const suffix of ['', '/summary', '/qr.svg?location=%00']) expect((await fetch(`${url}/api/v1/ratings/${id}${suffix}`)).status, id).toBeLessThan(500);
      expect((await fetch(`${url}/w/rating/${id}?channel=%FF&location=%00&lang=%00`)).status).toBeLessThan(500);
      expect((await fetch(`${url}/kiosk/${id}?location=%00`)).status).toBeLessThan(500);
    }
  });
});
