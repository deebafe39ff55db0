import {randomBytes} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {rollUp} from '../src/counting/rollup.js';
import {registerKiosk} from '../src/kiosk/devices.js';
import {insertRating} from '../src/ratings/store.js';
import {Secrets} from '../src/secrets.js';
import {demoEmail, json, OTHER_OWNER, setUpAdmin, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, newVoter, STORES} from './helpers.js';
import {getSummary, newResponseId, postResponse} from './ratings-helpers.js';

type Cell = Record<string, unknown> & {suppressed?: true; count?: number};
interface RatingReport {
  kind: string;
  threshold: number;
  timeZone: string;
  filters: Record<string, unknown>;
  previous: {from: string; to: string};
  total: Cell;
  previousTotal: Cell;
  series: (Cell & {start: string; end: string})[];
  distribution: (Cell & {score: number})[];
  byChannel: (Cell & {channel: string})[];
  byBranch: (Cell & {branch: string | null})[];
  byLanguage: (Cell & {lang: string | null})[];
  heatmap: (Cell & {weekday: number; hour: number})[];
  comments: Cell;
}

const RATING = 'report-rating';
const OLD = 'report-rating-old';

// Scores sent through the public API: 6 kiosk answers at the main library, 3 at the village, 7 on the web without a branch.
const CENTRAL = [5, 5, 4, 3, 2, 5];
const VILLAGE = [1, 2, 5];
const WEB = [4, 4, 5, 3, 5, 4, 1];

describe.each(STORES)('rating reports ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let viewer: Staff;
  let moderator: Staff;
  const report = async (query = '', who = viewer) => json<RatingReport>(await who.call('GET', `tenants/demo/reports/ratings/${RATING}${query}`), 200);

  beforeAll(async () => {
    env = await setUpAdmin(kind);
    viewer = await signIn(env.url, demoEmail('viewer'));
    moderator = await signIn(env.url, demoEmail('moderator'));
    const opensAt = new Date('2025-01-01T00:00:00Z');
    await insertRating(env.store.db, {id: RATING, tenantId: 'demo', question: {fi: 'Miten onnistuimme?', en: 'How did we do?'}, scale: 'smileys-5', commentMode: 'always', opensAt});
    await insertRating(env.store.db, {id: OLD, tenantId: 'demo', question: {fi: 'Vanha', en: 'Old'}, scale: 'nps', opensAt});
    // Kiosk answers count as kiosk only from a registered kiosk.
    const kiosk = {'Kirjasto-Kiosk': (await registerKiosk(env.store.db, new Secrets(env.store.db), {tenantId: 'demo'})).token};
    const send = async (score: number, channel: string, location?: string, comment?: string, lang?: string) => {
      const body = {responseId: newResponseId(), score, voter: newVoter(), channel, ...(location ? {location} : {}), ...(comment ? {comment} : {}), ...(lang ? {lang} : {})};
      const response = await postResponse(env.url, RATING, body, {headers: channel === 'kiosk' ? kiosk : {}});
      expect(response.status, await response.clone().text()).toBe(201);
    };
    for (const score of CENTRAL) await send(score, 'kiosk', 'demo-central', undefined, 'fi');
    for (const score of VILLAGE) await send(score, 'kiosk', 'demo-village');
    for (const [i, score] of WEB.entries()) await send(score, 'web', undefined, i < 3 ? `Comment ${i}: the ${['coffee', 'chairs', 'COFFEE 100%'][i]}` : undefined, 'sv');
  }, 180_000); // many answers through the public API: slow on a busy machine
  afterAll(() => env?.tearDown());

  it('counts the answers sent, with mean and CSAT, the same before and after the rollup', async () => {
    const before = await report();
    expect(before.kind).toBe('rating');
    expect(before.timeZone).toBe('Europe/Helsinki');
    expect(before.threshold).toBe(5);
    const all = [...CENTRAL, ...VILLAGE, ...WEB];
    expect(before.total).toEqual({count: 16, mean: all.reduce((a, b) => a + b) / 16, csat: all.filter((s) => s >= 4).length / 16, nps: null});
    expect(before.byChannel).toEqual([
      {channel: 'web', count: 7, mean: Math.round((WEB.reduce((a, b) => a + b) / 7) * 1000) / 1000, csat: Math.round((5 / 7) * 10_000) / 10_000, nps: null},
      {channel: 'qr', count: 0, mean: null, csat: null, nps: null},
      {channel: 'kiosk', count: 9, mean: Math.round((32 / 9) * 1000) / 1000, csat: Math.round((5 / 9) * 10_000) / 10_000, nps: null},
    ]);
    // Last 30 days by day, today's bucket holds everything.
    expect(before.filters.bucket).toBe('day');
    expect(before.series).toHaveLength(30);
    expect(before.series.at(-1)).toMatchObject({count: 16});
    expect(before.series.slice(0, -1).every((s) => s.count === 0)).toBe(true);
    await rollUp(env.store.db, 'rating_responses');
    expect(await report()).toEqual(before);
  });

  it('suppresses a branch with fewer than 5 answers and the next smallest with it, so neither is recovered from the total', async () => {
    const r = await report();
    expect(r.byBranch).toEqual([
      {branch: 'demo-central', name: expect.objectContaining({fi: 'Pääkirjasto'}), suppressed: true},
      {branch: 'demo-village', name: expect.objectContaining({fi: 'Kylän kirjasto'}), suppressed: true},
      {branch: null, name: null, count: 7, mean: expect.any(Number), csat: expect.any(Number), nps: null},
    ]);
    // Scores 1–4 have 2, 2, 2 and 4 answers: hidden; 5 has 6.
    expect(r.distribution).toEqual([
      {score: 1, suppressed: true},
      {score: 2, suppressed: true},
      {score: 3, suppressed: true},
      {score: 4, suppressed: true},
      {score: 5, count: 6},
    ]);
    // Languages: fi 6, sv 7, unknown 3 (hidden), so fi goes with it.
    expect(r.byLanguage).toEqual([
      {lang: 'fi', suppressed: true},
      {lang: 'sv', count: 7, mean: expect.any(Number), csat: expect.any(Number), nps: null},
      {lang: null, suppressed: true},
    ]);
    for (const c of [...r.byBranch, ...r.distribution]) if (c.suppressed) expect(Object.keys(c).filter((k) => !['branch', 'name', 'score', 'suppressed'].includes(k))).toEqual([]);
  });

  it('filters by channel and branch, and hides the total when the filter leaves too few', async () => {
    const central = await report('?channel=kiosk&branch=demo-central');
    expect(central.filters).toMatchObject({channel: 'kiosk', branch: 'demo-central'});
    expect(central.total).toEqual({count: 6, mean: 4, csat: 0.6667, nps: null});
    expect(central.byChannel).toEqual([{channel: 'kiosk', count: 6, mean: 4, csat: expect.any(Number), nps: null}]);
    const village = await report('?branch=demo-village');
    expect(village.total).toEqual({suppressed: true});
    expect(village.series.every((s) => s.suppressed === true || s.count === 0)).toBe(true);
    const sv = await report('?lang=sv');
    expect(sv.filters.lang).toBe('sv');
    expect(sv.total).toMatchObject({count: 7});
    expect(sv.byChannel.find((c) => c.channel === 'kiosk')).toEqual({channel: 'kiosk', count: 0, mean: null, csat: null, nps: null});
    expect(sv.heatmap).toEqual([]);
    const qr = await report('?channel=qr');
    expect(qr.total).toEqual({count: 0, mean: null, csat: null, nps: null});
  });

  it('shows the kiosk answers by weekday and hour in the library\'s time zone, without the web answers', async () => {
    const r = await report();
    const now = new Date();
    const local = new Intl.DateTimeFormat('en-GB', {timeZone: 'Europe/Helsinki', weekday: 'short', hour: '2-digit', hourCycle: 'h23'}).formatToParts(now);
    const hour = Number(local.find((p) => p.type === 'hour')!.value);
    const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(local.find((p) => p.type === 'weekday')!.value) + 1;
    const counted = r.heatmap.filter((h) => !h.suppressed).reduce((sum, h) => sum + (h.count ?? 0), 0);
    expect(r.heatmap.length).toBeGreaterThan(0);
    expect(r.heatmap.every((h) => h.weekday === weekday && (h.hour === hour || h.hour === (hour + 23) % 24))).toBe(true);
    expect(counted === 9 || r.heatmap.some((h) => h.suppressed)).toBe(true);
    expect((await report('?channel=web')).heatmap).toEqual([]);
  });

  it('counts comments for moderators, and hides fewer than the free-text threshold from viewers', async () => {
    expect((await report()).comments).toEqual({suppressed: true});
    expect((await report('', moderator)).comments).toEqual({count: 3});
  });

  it('lets moderators read and search the comments in keyset pages, never viewers', async () => {
    await expectProblem(await viewer.call('GET', `tenants/demo/reports/ratings/${RATING}/comments`), 403, 'forbidden');
    const first = await json<{items: {id: string; comment: string; score: number; channel: string; branch: string | null}[]; next: string | null}>(
      await moderator.call('GET', `tenants/demo/reports/ratings/${RATING}/comments?limit=2`),
      200,
    );
    expect(first.items.map((i) => i.comment)).toEqual(['Comment 2: the COFFEE 100%', 'Comment 1: the chairs']);
    expect(first.items[0]).toMatchObject({score: WEB[2], channel: 'web', branch: null});
    expect(first.next).not.toBeNull();
    const second = await json<{items: {comment: string}[]; next: string | null}>(await moderator.call('GET', `tenants/demo/reports/ratings/${RATING}/comments?limit=2&after=${first.next}`), 200);
    expect(second).toEqual({items: [expect.objectContaining({comment: 'Comment 0: the coffee'})], next: null});
    const coffee = await json<{items: {comment: string}[]}>(await moderator.call('GET', `tenants/demo/reports/ratings/${RATING}/comments?q=coffee`), 200);
    expect(coffee.items.map((i) => i.comment)).toEqual(['Comment 2: the COFFEE 100%', 'Comment 0: the coffee']);
    const percent = await json<{items: {comment: string}[]}>(await moderator.call('GET', `tenants/demo/reports/ratings/${RATING}/comments?q=${encodeURIComponent('0%')}`), 200);
    expect(percent.items.map((i) => i.comment)).toEqual(['Comment 2: the COFFEE 100%']);
    const kiosk = await json<{items: unknown[]}>(await moderator.call('GET', `tenants/demo/reports/ratings/${RATING}/comments?channel=kiosk`), 200);
    expect(kiosk.items).toEqual([]);
  });

  it('writes every view to the audit log, with the filters and without counts or texts', async () => {
    await report('?channel=kiosk&from=2026-01-01&to=2026-01-31&bucket=week');
    await moderator.call('GET', `tenants/demo/reports/ratings/${RATING}/comments?q=secret-words`);
    const rows = await env.store.db.query<{actor: string; action: string; subject_kind: string; subject_id: string; after: Record<string, unknown>}>(
      `select actor, action, subject_kind, subject_id, after from audit_log where action = 'report.view' and subject_id = $1 order by id desc limit 2`,
      [RATING],
    );
    expect(rows[1]).toMatchObject({actor: demoEmail('viewer'), subject_kind: 'rating', after: {from: '2026-01-01', to: '2026-01-31', channel: 'kiosk', branch: null, lang: null, bucket: 'week'}});
    expect(rows[0]).toMatchObject({actor: demoEmail('moderator'), after: expect.objectContaining({view: 'comments', search: true})});
    expect(JSON.stringify(rows)).not.toContain('secret-words');
    expect(JSON.stringify(rows)).not.toContain('"count"');
  });

  it('buckets by ISO week and by month in Europe/Helsinki, and compares with the previous period of the same length', async () => {
    const insert = async (at: string, n: number, score = 8) => {
      for (let i = 0; i < n; i++) {
        await env.store.db.query(`insert into rating_responses (rating_id, response_id, voter_hash, score, channel, created_at) values ($1, $2, $3, $4, 'qr', $5::timestamptz)`, [
          OLD,
          newResponseId(),
          randomBytes(16).toString('hex'),
          score,
          at,
        ]);
      }
    };
    await insert('2026-02-28T21:30:00Z', 5, 10); // Saturday 28 February 23:30 in Helsinki (UTC+2)
    await insert('2026-02-28T22:30:00Z', 5, 3); // Sunday 1 March 00:30
    await insert('2026-03-29T20:30:00Z', 5, 9); // Sunday 29 March 23:30 (UTC+3 since that morning)
    await insert('2026-03-29T21:30:00Z', 6, 6); // Monday 30 March 00:30
    const get = (q: string) => viewer.call('GET', `tenants/demo/reports/ratings/${OLD}${q}`).then((r) => json<RatingReport>(r, 200));
    for (const rolled of [false, true]) {
      if (rolled) await rollUp(env.store.db, 'rating_responses');
      const weeks = await get('?from=2026-03-16&to=2026-04-12&bucket=week');
      expect(weeks.series.map((s) => [s.start, s.end, s.count ?? 'hidden'])).toEqual([
        ['2026-03-16', '2026-03-22', 0],
        ['2026-03-23', '2026-03-29', 5],
        ['2026-03-30', '2026-04-05', 6],
        ['2026-04-06', '2026-04-12', 0],
      ]);
      const months = await get('?from=2026-02-15&to=2026-04-30');
      expect(months.filters.bucket).toBe('week');
      const monthly = await get('?from=2026-02-15&to=2026-04-30&bucket=month');
      expect(monthly.series.map((s) => [s.start, s.end, s.count ?? 'hidden'])).toEqual([
        ['2026-02-15', '2026-02-28', 5],
        ['2026-03-01', '2026-03-31', 16],
        ['2026-04-01', '2026-04-30', 0],
      ]);
      // NPS: promoters 9–10 minus detractors 0–6, in points.
      expect(monthly.total).toEqual({count: 21, mean: Math.round(((5 * 10 + 5 * 3 + 5 * 9 + 6 * 6) / 21) * 1000) / 1000, csat: Math.round((10 / 21) * 10_000) / 10_000, nps: Math.round(((10 - 11) / 21) * 100)});
      const week = await get('?from=2026-03-30&to=2026-04-05');
      expect(week.previous).toEqual({from: '2026-03-23', to: '2026-03-29'});
      expect(week.total).toMatchObject({count: 6, nps: -100});
      expect(week.previousTotal).toMatchObject({count: 5, nps: 100});
    }
  });

  it('puts kiosk answers in weekday × hour cells of the library\'s time zone, with their means, the same after the rollup', async () => {
    const id = 'report-rating-kiosk';
    await insertRating(env.store.db, {id, tenantId: 'demo', question: {fi: 'Kioski', en: 'Kiosk'}, scale: 'stars-5', opensAt: new Date('2025-01-01T00:00:00Z')});
    const insert = async (at: string, scores: number[], channel = 'kiosk') => {
      for (const score of scores) {
        await env.store.db.query(
          `insert into rating_responses (rating_id, response_id, voter_hash, score, channel, branch_id, created_at) values ($1, $2, $3, $4, $5, 'demo-central', $6::timestamptz)`,
          [id, newResponseId(), randomBytes(16).toString('hex'), score, channel, at],
        );
      }
    };
    await insert('2026-03-30T06:15:00Z', [5, 5, 4, 4, 2]); // Monday 09:15 in Helsinki (UTC+3)
    await insert('2026-03-31T10:59:00Z', [3, 3, 3, 3, 3, 3]); // Tuesday 13:59
    await insert('2026-04-01T21:30:00Z', [1, 1]); // Thursday 00:30: too few, and Monday's 5 go with it
    await insert('2026-03-30T06:20:00Z', [1, 1, 1, 1, 1, 1, 1], 'web'); // not a kiosk
    for (const rolled of [false, true]) {
      if (rolled) await rollUp(env.store.db, 'rating_responses');
      const r = await json<RatingReport>(await viewer.call('GET', `tenants/demo/reports/ratings/${id}?from=2026-03-30&to=2026-04-05`), 200);
      expect(r.heatmap).toEqual([
        {weekday: 1, hour: 9, suppressed: true},
        {weekday: 2, hour: 13, count: 6, mean: 3},
        {weekday: 4, hour: 0, suppressed: true},
      ]);
      const branch = await json<RatingReport>(await viewer.call('GET', `tenants/demo/reports/ratings/${id}?from=2026-03-30&to=2026-03-31&branch=demo-central`), 200);
      expect(branch.heatmap).toEqual([
        {weekday: 1, hour: 9, count: 5, mean: 4},
        {weekday: 2, hour: 13, count: 6, mean: 3},
      ]);
      const village = await json<RatingReport>(await viewer.call('GET', `tenants/demo/reports/ratings/${id}?from=2026-03-30&to=2026-04-05&branch=demo-village`), 200);
      expect(village.heatmap).toEqual([]);
    }
  });

  it('answers problems: unknown or other library\'s rating 404, bad filters 400, other library 403', async () => {
    await expectProblem(await viewer.call('GET', 'tenants/demo/reports/ratings/no-such-rating'), 404, 'not-found');
    await expectProblem(await viewer.call('GET', 'tenants/demo/reports/ratings/demo-rating?from=2026-02-01&to=2026-01-01'), 400, 'validation');
    await expectProblem(await viewer.call('GET', 'tenants/demo/reports/ratings/demo-rating?bucket=year'), 400, 'validation');
    await expectProblem(await viewer.call('GET', 'tenants/demo/reports/ratings/demo-rating?from=2026-13-01'), 400, 'validation');
    await expectProblem(await viewer.call('GET', 'tenants/demo/reports/ratings/demo-rating?branch=nowhere'), 400, 'validation');
    await expectProblem(await viewer.call('GET', 'tenants/demo/reports/ratings/demo-rating?channel=email'), 400, 'validation');
    const other = await signIn(env.url, OTHER_OWNER);
    await expectProblem(await other.call('GET', `tenants/demo/reports/ratings/${RATING}`), 403, 'forbidden');
    await expectProblem(await other.call('GET', `tenants/other/reports/ratings/${RATING}`), 404, 'not-found');
  });

  it('suppresses the public summary\'s channels and branches under the threshold', async () => {
    const summary = (await getSummary(env.url, RATING)) as {count: number; byChannel: Record<string, Cell>; byLocation: Record<string, Cell>};
    expect(summary.count).toBe(16);
    expect(summary.byChannel).toEqual({web: expect.objectContaining({count: 7}), qr: expect.objectContaining({count: 0}), kiosk: expect.objectContaining({count: 9})});
    // The answers without a branch are not listed: they are unknown to a reader, so the main library's 6 cannot give away the village's 3.
    expect(summary.byLocation).toEqual({'demo-central': expect.objectContaining({count: 6, mean: 4}), 'demo-village': {suppressed: true}});
  });
});
