import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {insertRating} from '../src/ratings/store.js';
import {newVoter, setUp, STORES} from './helpers.js';
import {countersMatchRows, getSummary, newResponseId, postResponse} from './ratings-helpers.js';

describe.each(STORES)('rating summaries on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  const answer = async (ratingId: string, score: number, channel: string, location?: string) => {
    const response = await postResponse(url, ratingId, {responseId: newResponseId(), score, voter: newVoter(), channel, ...(location ? {location} : {})});
    expect(response.status).toBe(201);
  };

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
    await insertRating(env.store.db, {id: 's-nps', tenantId: 'demo', question: {en: 'NPS'}, scale: 'nps'});
    await insertRating(env.store.db, {id: 's-smileys', tenantId: 'demo', question: {en: 'Smileys'}, scale: 'smileys-4'});
    await insertRating(env.store.db, {id: 's-thumbs', tenantId: 'demo', question: {en: 'Thumbs'}, scale: 'thumbs'});
    await insertRating(env.store.db, {id: 's-empty', tenantId: 'demo', question: {en: 'Empty'}, scale: 'stars-5'});
    await insertRating(env.store.db, {id: 's-empty-nps', tenantId: 'demo', question: {en: 'Empty NPS'}, scale: 'nps'});
  });
  afterAll(() => env?.tearDown());

  it('computes distribution, mean, CSAT and NPS overall, by channel and by branch', async () => {
    for (const score of [10, 9, 8]) await answer('s-nps', score, 'web');
    for (const score of [6, 0]) await answer('s-nps', score, 'qr', 'demo-central');
    for (const score of [10, 7, 3]) await answer('s-nps', score, 'kiosk', 'demo-village');
    const summary = await getSummary(url, 's-nps');
    expect(summary).toEqual({
      count: 8,
      mean: 53 / 8,
      csat: 3 / 8,
      nps: 0,
      distribution: {'0': 1, '1': 0, '2': 0, '3': 1, '4': 0, '5': 0, '6': 1, '7': 1, '8': 1, '9': 1, '10': 2},
      // Every channel and branch has fewer answers than the demo library's threshold (5): suppressed (issue 10).
      byChannel: {web: {suppressed: true}, qr: {suppressed: true}, kiosk: {suppressed: true}},
      byLocation: {'demo-central': {suppressed: true}, 'demo-village': {suppressed: true}},
    });
  });

  it('uses the top two scores of a 4-point scale and has no NPS outside the NPS scale', async () => {
    for (const score of [4, 4, 3, 1, 2]) await answer('s-smileys', score, 'web');
    const summary = await getSummary(url, 's-smileys');
    expect(summary).toEqual({
      count: 5,
      mean: 2.8,
      csat: 0.6,
      distribution: {'1': 1, '2': 1, '3': 1, '4': 2},
      byChannel: {
        web: {count: 5, mean: 2.8, csat: 0.6},
        qr: {count: 0, mean: null, csat: null},
        kiosk: {count: 0, mean: null, csat: null},
      },
      byLocation: {},
    });
    for (const score of [1, 1, 0]) await answer('s-thumbs', score, 'kiosk', 'demo-central');
    const thumbs = await getSummary(url, 's-thumbs');
    expect(thumbs).toMatchObject({count: 3, distribution: {'0': 1, '1': 2}, byLocation: {'demo-central': {suppressed: true}}});
    expect(thumbs.mean).toBeCloseTo(2 / 3);
    expect(thumbs.csat).toBeCloseTo(2 / 3);
    expect(thumbs.nps).toBeUndefined();
  });

  it('shows every score with zeros and null figures before any response', async () => {
    expect(await getSummary(url, 's-empty')).toEqual({
      count: 0,
      mean: null,
      csat: null,
      distribution: {'1': 0, '2': 0, '3': 0, '4': 0, '5': 0},
      byChannel: {web: {count: 0, mean: null, csat: null}, qr: {count: 0, mean: null, csat: null}, kiosk: {count: 0, mean: null, csat: null}},
      byLocation: {},
    });
    const nps = await getSummary(url, 's-empty-nps');
    expect(nps.nps).toBeNull();
    expect(nps.byChannel.web).toEqual({count: 0, mean: null, csat: null, nps: null});
  });

  it('summarizes the seeded demo ratings from counters that agree with the rows', async () => {
    const demo = await getSummary(url, 'demo-rating');
    expect(demo.count).toBe(37);
    expect(Object.keys(demo.distribution)).toEqual(['1', '2', '3', '4', '5']);
    expect(Object.keys(demo.byLocation).sort()).toEqual(['demo-central', 'demo-village']);
    expect(demo.byChannel.kiosk.count + demo.byChannel.qr.count + demo.byChannel.web.count).toBe(37);
    expect((await getSummary(url, 'demo-nps')).nps).toEqual(expect.any(Number));
    const {counters, recount} = await countersMatchRows(env.store.db);
    expect(counters.length).toBeGreaterThan(10);
    expect(counters).toEqual(recount);
  });

  it('reads the counters, not the responses', async () => {
    // Counters are the source of the summary: a row deleted behind the server's back does not change it.
    const before = await getSummary(url, 's-thumbs');
    await env.store.db.query("delete from rating_responses where rating_id = 's-thumbs'");
    expect(await getSummary(url, 's-thumbs')).toEqual(before);
  });
});
