import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {rollUp} from '../src/counting/rollup.js';
import {registerKiosk} from '../src/kiosk/devices.js';
import {insertPoll} from '../src/polls/store.js';
import {Secrets} from '../src/secrets.js';
import {demoEmail, json, setUpAdmin, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, newVoter, postVote, STORES} from './helpers.js';
import {newIdea, postIdea, support} from './ideas-helpers.js';

type Cell = Record<string, unknown> & {suppressed?: true; count?: number};
interface PollReport {
  total: Cell;
  previousTotal: Cell;
  series: Cell[];
  results: (Cell & {option: string})[];
  byChannel: (Cell & {channel: string})[];
  byBranch: (Cell & {branch: string | null})[];
  byLanguage: (Cell & {lang: string | null})[];
}
interface BoxReport {
  total: Cell;
  previousTotal: Cell;
  series: Cell[];
  byStatus: (Cell & {status: string})[];
  answered: Cell;
  supports: Cell;
  byChannel: (Cell & {channel: string})[];
  byBranch: (Cell & {branch: string | null})[];
  byLanguage: (Cell & {lang: string | null})[];
}
interface Summary {
  kind: string;
  widgets: {kind: string; id: string; total: Cell; previousTotal: Cell; figures?: Cell}[];
  ratings: {total: Cell; series: Cell[]; byChannel: Cell[]; byBranch: Cell[]};
}

const POLL = 'report-poll';
const BOX = 'report-box';

describe.each(STORES)('poll, idea box and library reports ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let viewer: Staff;
  let moderator: Staff;
  const get = async <T>(path: string, who = viewer) => json<T>(await who.call('GET', `tenants/demo/reports/${path}`), 200);

  beforeAll(async () => {
    env = await setUpAdmin(kind, {rateLimitIdeas: 100_000});
    viewer = await signIn(env.url, demoEmail('viewer'));
    moderator = await signIn(env.url, demoEmail('moderator'));
    await insertPoll(env.store.db, {
      id: POLL,
      tenantId: 'demo',
      question: {fi: 'Mitä?', en: 'What?'},
      options: ['a', 'b', 'c'].map((id) => ({id, label: {fi: id.toUpperCase(), en: id.toUpperCase()}})),
      maxChoices: 2,
      allowOther: true,
      opensAt: new Date('2025-01-01T00:00:00Z'),
    });
    await env.store.db.query(`insert into idea_boxes (id, tenant_id, topic, moderation, opens_at) values ($1, 'demo', '{"fi": "Ideat", "en": "Ideas"}', 'post', '2025-01-01T00:00:00Z')`, [BOX]);
    // Answers count as kiosk only from a registered kiosk.
    const kiosk = {'Kirjasto-Kiosk': (await registerKiosk(env.store.db, new Secrets(env.store.db), {tenantId: 'demo'})).token};
    const vote = async (body: Record<string, unknown>) => {
      const response = await postVote(env.url, POLL, {voter: newVoter(), ...body}, {headers: body.channel === 'kiosk' ? kiosk : {}});
      expect(response.status, await response.clone().text()).toBe(201);
    };
    // 6 on the web at the main library in Finnish (5 with an "other" answer), 2 by QR code at the village, 5 at a kiosk without a branch.
    for (let i = 0; i < 6; i++) await vote({optionIds: ['a'], channel: 'web', location: 'demo-central', lang: 'fi', ...(i < 5 ? {otherText: `Muuta ${i}: ${i % 2 ? 'kahvia' : 'tuoleja'}`} : {})});
    for (let i = 0; i < 2; i++) await vote({optionIds: ['b'], channel: 'qr', location: 'demo-village'});
    for (let i = 0; i < 5; i++) await vote({optionIds: ['a', 'c'], channel: 'kiosk', lang: 'sv'});

    // 5 ideas on the web, 6 at a kiosk of the main library; 5 answered as planned, 1 declined with an answer.
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      const body = await newIdea(env.store.db, BOX, i < 5 ? {channel: 'web', lang: 'fi'} : {channel: 'kiosk', location: 'demo-central'});
      const response = await postIdea(env.url, BOX, body, {headers: i < 5 ? {} : kiosk});
      expect(response.status, await response.clone().text()).toBe(201);
      ids.push(((await response.json()) as {idea: {id: string}}).idea.id);
    }
    for (const [i, id] of ids.entries()) {
      if (i >= 6) continue;
      const status = i === 5 ? 'declined' : 'planned';
      const response = await moderator.call('PATCH', `tenants/demo/ideas/${id}`, {status, answer: {fi: 'Vastaus'}});
      expect(response.status, await response.clone().text()).toBe(200);
    }
    for (const id of ids.slice(0, 5)) expect((await support(env.url, id, {voter: newVoter()})).status).toBeLessThan(300);
  }, 180_000); // many answers through the public API: slow on a busy machine
  afterAll(() => env?.tearDown());

  it('counts a poll\'s voters and options, and hides small cells with their complements, the same after the rollup', async () => {
    const before = await get<PollReport>(`polls/${POLL}`);
    expect(before.total).toEqual({count: 13, other: null});
    expect(before.previousTotal).toEqual({count: 0, other: 0});
    // b has 2 votes: hidden, and c (5) with it, so that a + b + c cannot give b away.
    expect(before.results).toEqual([{option: 'a', count: 11, share: Math.round((11 / 13) * 10_000) / 10_000}, {option: 'b', suppressed: true}, {option: 'c', suppressed: true}]);
    expect(before.byChannel).toEqual([{channel: 'web', count: 6}, {channel: 'qr', suppressed: true}, {channel: 'kiosk', suppressed: true}]);
    expect(before.byBranch).toEqual([
      {branch: 'demo-central', name: expect.any(Object), count: 6},
      {branch: 'demo-village', name: expect.any(Object), suppressed: true},
      {branch: null, name: null, suppressed: true},
    ]);
    expect(before.byLanguage).toEqual([{lang: 'fi', count: 6}, {lang: 'sv', suppressed: true}, {lang: null, suppressed: true}]);
    await rollUp(env.store.db, 'votes');
    expect(await get<PollReport>(`polls/${POLL}`)).toEqual(before);
  });

  it('filters a poll by channel, branch and language', async () => {
    expect((await get<PollReport>(`polls/${POLL}?channel=kiosk`)).total).toEqual({count: 5, other: 0});
    expect((await get<PollReport>(`polls/${POLL}?lang=fi&branch=demo-central`)).results[0]).toEqual({option: 'a', count: 6, share: 1});
    expect((await get<PollReport>(`polls/${POLL}?branch=demo-village`)).total).toEqual({suppressed: true});
  });

  it('shows the count of "other" answers to moderators only from the free-text threshold, and their texts to moderators only', async () => {
    expect((await get<PollReport>(`polls/${POLL}`, moderator)).total).toEqual({count: 13, other: 5});
    await expectProblem(await viewer.call('GET', `tenants/demo/reports/polls/${POLL}/other-answers`), 403, 'forbidden');
    const page = await get<{items: {text: string; channel: string; branch: string; lang: string}[]; next: string | null}>(`polls/${POLL}/other-answers?q=KAHVIA`, moderator);
    expect(page.items.map((i) => i.text)).toEqual(['Muuta 3: kahvia', 'Muuta 1: kahvia']);
    expect(page.items[0]).toMatchObject({channel: 'web', branch: 'demo-central', lang: 'fi'});
    expect(page.next).toBeNull();
  });

  it('counts an idea box\'s ideas by status, channel and branch, its answers and supports', async () => {
    const r = await get<BoxReport>(`idea-boxes/${BOX}`);
    expect(r.total).toEqual({count: 11});
    expect(r.byStatus).toEqual([
      {status: 'new', suppressed: true},
      {status: 'under-consideration', count: 0},
      {status: 'planned', count: 5},
      {status: 'done', count: 0},
      {status: 'declined', suppressed: true},
    ]);
    expect(r.answered).toEqual({count: 6, medianDaysToAnswer: 0});
    expect(r.supports).toEqual({count: 5});
    expect(r.byChannel).toEqual([{channel: 'web', count: 5}, {channel: 'qr', count: 0}, {channel: 'kiosk', count: 6}]);
    expect(r.byBranch).toEqual([{branch: 'demo-central', name: expect.any(Object), count: 6}, {branch: 'demo-village', name: expect.any(Object), count: 0}, {branch: null, name: null, count: 5}]);
    expect(r.byLanguage).toEqual([{lang: 'fi', count: 5}, {lang: null, count: 6}]);
    await rollUp(env.store.db, 'idea_support_changes');
    expect(await get<BoxReport>(`idea-boxes/${BOX}`)).toEqual(r);
    expect((await get<BoxReport>(`idea-boxes/${BOX}?channel=web`)).answered).toEqual({count: 5, medianDaysToAnswer: 0});
    expect((await get<BoxReport>(`idea-boxes/${BOX}?from=2025-01-01&to=2025-01-31`)).total).toEqual({count: 0});
  });

  it('sums the whole library: each widget against the previous period, and all ratings', async () => {
    const s = await get<Summary>('summary');
    expect(s.kind).toBe('summary');
    expect(s.widgets.find((w) => w.id === POLL)).toMatchObject({kind: 'poll', total: {count: 13}, previousTotal: {count: 0}});
    expect(s.widgets.find((w) => w.id === BOX)).toMatchObject({kind: 'idea-box', total: {count: 11}});
    const [row] = await env.store.db.query<{n: number}>(
      `select count(*)::int as n from rating_responses r join ratings g on g.id = r.rating_id
        where g.tenant_id = 'demo' and (r.created_at at time zone 'Europe/Helsinki')::date > (now() at time zone 'Europe/Helsinki')::date - 30`,
    );
    const n = Number(row!.n);
    expect(s.ratings.total.count ?? 'hidden').toBe(n >= 5 ? n : 'hidden');
    for (const w of s.widgets.filter((x) => x.kind === 'rating')) expect(w.figures === undefined).toBe(false);
    const kiosk = await get<Summary>('summary?channel=kiosk');
    expect(kiosk.widgets.find((w) => w.id === POLL)).toMatchObject({total: {count: 5}});
    expect(kiosk.widgets.find((w) => w.id === BOX)).toMatchObject({total: {count: 6}});
    const audited = await env.store.db.query<{subject_kind: string; after: {channel: string}}>(`select subject_kind, after from audit_log where action = 'report.view' order by id desc limit 1`);
    expect(audited).toEqual([{subject_kind: 'summary', after: expect.objectContaining({channel: 'kiosk'})}]);
  });

  it('answers 404 for a widget of another library or none, and 400 for bad filters', async () => {
    await expectProblem(await viewer.call('GET', `tenants/demo/reports/polls/nope`), 404, 'not-found');
    await expectProblem(await viewer.call('GET', `tenants/demo/reports/idea-boxes/nope`), 404, 'not-found');
    await expectProblem(await viewer.call('GET', `tenants/demo/reports/summary?lang=xx`), 400, 'validation');
    await expectProblem(await viewer.call('GET', `tenants/demo/reports/summary?from=2020-01-01&to=2026-01-01`), 400, 'validation');
    await expectProblem(await moderator.call('GET', `tenants/demo/reports/polls/${POLL}/other-answers?limit=0`), 400, 'validation');
  });
});
