import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {rollUp} from '../src/counting/rollup.js';
import {demoEmail, json, OTHER_OWNER, setUpAdmin, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, newVoter, postVote, STORES} from './helpers.js';
import {newIdea, postIdea} from './ideas-helpers.js';
import {newResponseId, postResponse} from './ratings-helpers.js';

interface Overview {
  timeZone: string;
  weekStart: string;
  live: {kind: string; id: string; title: Record<string, string>; closesAt: string | null; thisWeek: number}[];
  moderation: {pending: number; boxes: {id: string; pending: number}[]};
  thisWeek: {channel: string; votes: number; ratings: number; ideas: number; total: number}[];
}

describe.each(STORES)('admin overview ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let viewer: Staff;
  const overview = async () => json<Overview>(await viewer.call('GET', 'tenants/demo/overview'), 200);
  const channel = (o: Overview, name: string) => o.thisWeek.find((c) => c.channel === name)!;
  const item = (o: Overview, k: string, id: string) => o.live.find((l) => l.kind === k && l.id === id);

  beforeAll(async () => {
    env = await setUpAdmin(kind);
    viewer = await signIn(env.url, demoEmail('viewer'));
  });
  afterAll(() => env?.tearDown());

  it('lists what is open now, not what is closed, scheduled or archived, and the week from Monday in the library\'s time zone', async () => {
    const o = await overview();
    expect(o.timeZone).toBe('Europe/Helsinki');
    expect(new Date(`${o.weekStart}T12:00:00Z`).getUTCDay()).toBe(1);
    const today = new Intl.DateTimeFormat('en-CA', {timeZone: 'Europe/Helsinki'}).format(new Date());
    expect(o.weekStart <= today).toBe(true);
    expect((Date.parse(today) - Date.parse(o.weekStart)) / 86_400_000).toBeLessThan(7);
    expect(item(o, 'poll', 'demo-poll')?.title.fi).toBeTruthy();
    expect(item(o, 'idea-box', 'demo-ideas')).toBeDefined();
    expect(item(o, 'rating', 'demo-rating')).toBeDefined();
    expect(item(o, 'poll', 'demo-poll-closed')).toBeUndefined();
    expect(item(o, 'poll', 'demo-poll-upcoming')).toBeUndefined();
    expect(o.thisWeek.map((c) => c.channel)).toEqual(['web', 'qr', 'kiosk']);
    for (const c of o.thisWeek) expect(c.total).toBe(c.votes + c.ratings + c.ideas);
  });

  it('counts a new vote, rating response and idea in their channel once, before and after the rollup, and the idea as waiting', async () => {
    const before = await overview();
    expect((await postVote(env.url, 'demo-poll', {optionIds: ['quiet'], voter: newVoter(), channel: 'qr'})).status).toBe(201);
    expect((await postResponse(env.url, 'demo-rating', {responseId: newResponseId(), score: 4, voter: newVoter(), channel: 'web'})).status).toBe(201);
    expect((await postIdea(env.url, 'demo-ideas-village', await newIdea(env.store.db, 'demo-ideas-village', {channel: 'web'}))).status).toBe(201);
    const after = await overview();
    expect(channel(after, 'qr').votes).toBe(channel(before, 'qr').votes + 1);
    expect(channel(after, 'web').ratings).toBe(channel(before, 'web').ratings + 1);
    expect(channel(after, 'web').ideas).toBe(channel(before, 'web').ideas + 1);
    expect(channel(after, 'kiosk')).toEqual(channel(before, 'kiosk'));
    expect(item(after, 'poll', 'demo-poll')!.thisWeek).toBe(item(before, 'poll', 'demo-poll')!.thisWeek + 1);
    expect(item(after, 'idea-box', 'demo-ideas-village')!.thisWeek).toBe(item(before, 'idea-box', 'demo-ideas-village')!.thisWeek + 1);
    expect(after.moderation.pending).toBe(before.moderation.pending + 1);
    expect(after.moderation.boxes.find((b) => b.id === 'demo-ideas-village')!.pending).toBeGreaterThanOrEqual(1);

    await rollUp(env.store.db, 'votes');
    await rollUp(env.store.db, 'rating_responses');
    expect(await overview()).toEqual(after);
  });

  it('starts the week on Monday at midnight in the library\'s time zone: a vote a minute before is last week\'s', async () => {
    const before = await overview();
    const monday = `(date_trunc('week', now() at time zone 'Europe/Helsinki')::timestamp at time zone 'Europe/Helsinki')`;
    for (const [voter, at] of [[newVoter(), `${monday} - interval '1 minute'`], [newVoter(), `${monday} + interval '1 minute'`]] as const) {
      await env.store.db.query(`insert into votes (poll_id, voter_hash, option_ids, channel, created_at) values ('demo-poll', $1, '{quiet}', 'kiosk', ${at})`, [voter]);
    }
    const after = await overview();
    expect(channel(after, 'kiosk').votes).toBe(channel(before, 'kiosk').votes + 1);
    await rollUp(env.store.db, 'votes');
    expect(channel(await overview(), 'kiosk').votes).toBe(channel(before, 'kiosk').votes + 1);
  });

  it('refuses another library\'s owner', async () => {
    const other = await signIn(env.url, OTHER_OWNER);
    await expectProblem(await other.call('GET', 'tenants/demo/overview'), 403, 'forbidden');
  });
});
