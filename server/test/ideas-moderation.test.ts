import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureDemoModerationToken} from '../src/auth/tokens.js';
import {insertBox} from '../src/ideas/store.js';
import {Secrets} from '../src/secrets.js';
import {insertTenant} from '../src/tenants/store.js';
import {expectProblem, newVoter, setUp, STORES} from './helpers.js';
import {admin, ideaConfig, moderationToken, newIdea, postIdea, support} from './ideas-helpers.js';

describe.each(STORES)('idea moderation on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;
  let token: string;
  let otherToken: string;
  const db = () => env.store.db;
  const submit = async (boxId: string, fields: Record<string, unknown> = {}) => (await (await postIdea(url, boxId, await newIdea(db(), boxId, fields))).json()).idea.id as string;
  const publicIdea = (id: string) => fetch(`${url}/api/v1/ideas/${id}`);
  const total = async (boxId: string) => (await (await fetch(`${url}/api/v1/idea-boxes/${boxId}/ideas`)).json()).total as number;
  const audit = async () => (await (await admin(url, token, 'GET', 'audit-log?limit=200')).json()).entries as {action: string; subject: string; kind: string; actor: string; tenantId: string; after: Record<string, unknown>}[];

  beforeAll(async () => {
    env = await setUp(kind, ideaConfig());
    url = env.url;
    await insertBox(db(), {id: 'mod-pre', tenantId: 'demo', topic: {en: 'Pre'}, moderation: 'pre', allowContact: true, categories: [{id: 'a', label: {en: 'A'}}]});
    await insertBox(db(), {id: 'mod-post', tenantId: 'demo', topic: {en: 'Post'}, moderation: 'post'});
    await insertTenant(db(), {id: 'other', name: 'Other', allowedOrigins: []});
    await insertBox(db(), {id: 'other-box', tenantId: 'other', topic: {en: 'Other'}, moderation: 'post'});
    token = await moderationToken(db(), 'demo', 'Maija (demo)');
    otherToken = await moderationToken(db(), 'other');
  });
  afterAll(() => env?.tearDown());

  it('refuses missing, malformed and unknown tokens with 401 and WWW-Authenticate', async () => {
    for (const t of [null, 'x', 'not-a-real-token-at-all-1234567890']) {
      const response = await admin(url, t, 'GET', 'idea-boxes/demo-ideas/ideas');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      await expectProblem(response, 401, 'unauthorized');
    }
    const basic = await fetch(`${url}/api/v1/admin/tenants/demo/audit-log`, {headers: {Authorization: 'Basic dXNlcjpwYXNz'}});
    await expectProblem(basic, 401, 'unauthorized');
    await expectProblem(await admin(url, null, 'POST', 'ideas/demo-idea-pending/publish'), 401, 'unauthorized');
  });

  it('derives the demo token from the pepper, the same at every start', async () => {
    const first = await ensureDemoModerationToken(db(), new Secrets(db()));
    const second = await ensureDemoModerationToken(db(), new Secrets(db()));
    expect(first).toMatch(/^demo-[A-Za-z0-9_-]{32}$/);
    expect(second).toBe(first);
    expect((await admin(url, first!, 'GET', 'audit-log')).status).toBe(200);
  });

  it('refuses another library’s token, and hides another library’s boxes and ideas as not found', async () => {
    await expectProblem(await admin(url, otherToken, 'GET', 'idea-boxes/demo-ideas/ideas'), 403, 'forbidden');
    await expectProblem(await admin(url, otherToken, 'POST', 'ideas/demo-idea-pending/publish'), 403, 'forbidden');
    await expectProblem(await admin(url, otherToken, 'PATCH', 'ideas/demo-idea-sunday', {status: 'done'}), 403, 'forbidden');
    await expectProblem(await admin(url, otherToken, 'DELETE', 'ideas/demo-idea-sv/contact'), 403, 'forbidden');
    await expectProblem(await admin(url, otherToken, 'GET', 'tenants/other/idea-boxes/demo-ideas/ideas'), 404, 'not-found');
    await expectProblem(await admin(url, otherToken, 'POST', 'tenants/other/ideas/demo-idea-pending/publish'), 404, 'not-found');
    await expectProblem(await admin(url, token, 'GET', 'idea-boxes/other-box/ideas'), 404, 'not-found');
    const otherIdea = await submit('other-box');
    await expectProblem(await admin(url, token, 'POST', `ideas/${otherIdea}/hide`), 404, 'not-found');
    await expectProblem(await admin(url, token, 'POST', 'ideas/demo-idea-sunday/merge', {into: otherIdea}), 400, 'validation');
    expect((await admin(url, otherToken, 'GET', 'tenants/other/audit-log')).status).toBe(200);
  });

  it('lists ideas with moderation fields and the contact, by state', async () => {
    const all = await (await admin(url, token, 'GET', 'idea-boxes/demo-ideas/ideas?state=all&limit=50')).json();
    expect(all.ideas).toHaveLength(11);
    const sv = all.ideas.find((i: {id: string}) => i.id === 'demo-idea-sv');
    expect(sv).toMatchObject({state: 'published', contact: 'ann.example@example.org', channel: expect.any(String), boxId: 'demo-ideas'});
    const dup = all.ideas.find((i: {id: string}) => i.id === 'demo-idea-sunday-dup');
    expect(dup.mergedInto).toBe('demo-idea-sunday');
    for (const state of ['pending', 'hidden']) {
      const page = await (await admin(url, token, 'GET', `idea-boxes/demo-ideas/ideas?state=${state}`)).json();
      expect(page.ideas.map((i: {id: string}) => i.id)).toEqual([`demo-idea-${state}`]);
    }
    // cursor walk
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await (await admin(url, token, 'GET', `idea-boxes/demo-ideas/ideas?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).json();
      ids.push(...page.ideas.map((i: {id: string}) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(11);
    await expectProblem(await admin(url, token, 'GET', 'idea-boxes/demo-ideas/ideas?state=weird'), 400, 'validation');
  });

  it('holds pre-moderated ideas until published; hide and reject take them out, with counters right', async () => {
    const id = await submit('mod-pre', {contact: 'patron@example.org'});
    await expectProblem(await publicIdea(id), 404, 'not-found');
    expect(await total('mod-pre')).toBe(0);
    const published = await admin(url, token, 'POST', `ideas/${id}/publish`);
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({id, state: 'published', contact: 'patron@example.org'});
    expect((await publicIdea(id)).status).toBe(200);
    expect(await total('mod-pre')).toBe(1);
    expect((await admin(url, token, 'POST', `ideas/${id}/publish`)).status).toBe(200); // twice: no double count
    expect(await total('mod-pre')).toBe(1);
    expect((await (await admin(url, token, 'POST', `ideas/${id}/hide`)).json()).state).toBe('hidden');
    expect(await total('mod-pre')).toBe(0);
    await expectProblem(await publicIdea(id), 404, 'not-found');
    await expectProblem(await admin(url, token, 'POST', `ideas/${id}/reject`, {}), 400, 'validation');
    await expectProblem(await admin(url, token, 'POST', `ideas/${id}/reject`, {reason: '   '}), 400, 'validation');
    const rejected = await (await admin(url, token, 'POST', `ideas/${id}/reject`, {reason: 'Ei liity kirjastoon'})).json();
    expect(rejected).toMatchObject({state: 'rejected', rejectReason: 'Ei liity kirjastoon'});
    expect(await total('mod-pre')).toBe(0);
    await expectProblem(await admin(url, token, 'POST', 'ideas/nope/publish'), 404, 'not-found');
  });

  it('sets category, status and a multilingual answer, and clears them', async () => {
    const id = await submit('mod-pre');
    await admin(url, token, 'POST', `ideas/${id}/publish`);
    const patched = await (await admin(url, token, 'PATCH', `ideas/${id}`, {category: 'a', status: 'planned', answer: {fi: 'Teemme sen.', sv: 'Vi gör det.', en: 'We will.'}})).json();
    expect(patched).toMatchObject({category: 'a', status: 'planned', answer: {fi: 'Teemme sen.', sv: 'Vi gör det.', en: 'We will.'}});
    expect(Date.parse(patched.answeredAt)).toBeGreaterThan(Date.now() - 60_000);
    const seen = await (await publicIdea(id)).json();
    expect(seen.answer.sv).toBe('Vi gör det.');
    const cleared = await (await admin(url, token, 'PATCH', `ideas/${id}`, {category: null, answer: null})).json();
    expect(cleared.category).toBeUndefined();
    expect(cleared.answer).toBeUndefined();
    expect(cleared.answeredAt).toBeUndefined();
    expect(cleared.status).toBe('planned');
    for (const body of [{}, {status: 'maybe'}, {category: 'zzz'}, {answer: {}}, {answer: {fi: ''}}, {answer: {'not a lang': 'x'}}, {answer: {fi: 'a\u0000b'}}]) {
      await expectProblem(await admin(url, token, 'PATCH', `ideas/${id}`, body), 400, 'validation');
    }
  });

  it('merges a duplicate: overlapping supporters count once, the duplicate leaves the list, totals stay right', async () => {
    const kept = await submit('mod-post');
    const dup = await submit('mod-post');
    const both = [newVoter(), newVoter(), newVoter()];
    const onlyKept = [newVoter(), newVoter()];
    const onlyDup = [newVoter(), newVoter(), newVoter(), newVoter()];
    for (const v of [...both, ...onlyKept]) await support(url, kept, {voter: v});
    for (const v of [...both, ...onlyDup]) await support(url, dup, {voter: v});
    const before = await total('mod-post');
    await expectProblem(await admin(url, token, 'POST', `ideas/${dup}/merge`, {into: dup}), 400, 'validation');
    await expectProblem(await admin(url, token, 'POST', `ideas/${dup}/merge`, {into: 'nope'}), 400, 'validation');
    await expectProblem(await admin(url, token, 'POST', `ideas/${dup}/merge`, {into: 'demo-idea-sunday'}), 400, 'validation');
    const merged = await admin(url, token, 'POST', `ideas/${dup}/merge`, {into: kept});
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({id: dup, mergedInto: kept, supports: 0});
    const keptNow = await (await publicIdea(kept)).json();
    expect(keptNow.supports).toBe(both.length + onlyKept.length + onlyDup.length);
    const [rows] = await db().query<{n: number}>('select count(*)::int as n from idea_supports where idea_id = $1', [kept]);
    expect(rows!.n).toBe(9);
    expect(await total('mod-post')).toBe(before - 1);
    const list = await (await fetch(`${url}/api/v1/idea-boxes/mod-post/ideas?limit=50`)).json();
    expect(list.ideas.map((i: {id: string}) => i.id)).not.toContain(dup);
    expect((await (await publicIdea(dup)).json()).mergedInto).toBe(kept);
    // a supporter of the duplicate is now a supporter of the kept idea
    const mine = await (await fetch(`${url}/api/v1/ideas/${kept}`, {headers: {'Kirjasto-Voter': onlyDup[0]!}})).json();
    expect(mine.supported).toBe(true);
    await expectProblem(await support(url, dup, {voter: newVoter()}), 409, 'idea-merged');
    // no second merge, and nothing merges into a merged idea
    const third = await submit('mod-post');
    await expectProblem(await admin(url, token, 'POST', `ideas/${dup}/merge`, {into: third}), 409, 'idea-merged');
    await expectProblem(await admin(url, token, 'POST', `ideas/${third}/merge`, {into: dup}), 409, 'idea-merged');
    // merging the kept idea onward re-points the earlier duplicate
    await admin(url, token, 'POST', `ideas/${kept}/merge`, {into: third});
    expect((await (await publicIdea(dup)).json()).mergedInto).toBe(third);
    expect((await (await publicIdea(third)).json()).supports).toBe(9);
    expect(await total('mod-post')).toBe(before - 1);
  });

  it('deletes a contact for good', async () => {
    const id = await submit('mod-pre', {contact: 'delete.me@example.org'});
    const response = await admin(url, token, 'DELETE', `ideas/${id}/contact`);
    expect(response.status).toBe(204);
    const [row] = await db().query<{contact: string | null}>('select contact from ideas where id = $1', [id]);
    expect(row!.contact).toBeNull();
    const listed = await (await admin(url, token, 'GET', 'idea-boxes/mod-pre/ideas?state=pending&limit=50')).json();
    expect(listed.ideas.find((i: {id: string}) => i.id === id).contact).toBeUndefined();
  });

  it('writes one audit row per action, in the tenant’s log only', async () => {
    const id = await submit('mod-pre', {contact: 'x@example.org'});
    const before = (await audit()).length;
    await admin(url, token, 'POST', `ideas/${id}/publish`);
    await admin(url, token, 'PATCH', `ideas/${id}`, {status: 'done'});
    await admin(url, token, 'POST', `ideas/${id}/hide`);
    await admin(url, token, 'POST', `ideas/${id}/reject`, {reason: 'Kaksoiskappale'});
    await admin(url, token, 'DELETE', `ideas/${id}/contact`);
    await expectProblem(await admin(url, token, 'POST', `ideas/${id}/reject`, {}), 400, 'validation'); // refused: no row
    const entries = await audit();
    expect(entries.length).toBe(before + 5);
    const mine = entries.filter((e) => e.kind === 'idea' && e.subject === id);
    expect(mine.map((e) => e.action)).toEqual(['delete-contact', 'reject', 'hide', 'update', 'publish']);
    expect(mine.every((e) => e.actor === 'token:Maija (demo)' && e.tenantId === 'demo')).toBe(true);
    expect(mine[1]!.after).toMatchObject({from: 'hidden', to: 'rejected', reason: 'Kaksoiskappale'});
    expect(JSON.stringify(entries)).not.toContain('x@example.org');
    const others = (await (await admin(url, otherToken, 'GET', 'tenants/other/audit-log')).json()).entries;
    expect(others.every((e: {tenantId: string}) => e.tenantId === 'other')).toBe(true);
    expect((await (await admin(url, token, 'GET', 'audit-log?limit=2')).json()).entries).toHaveLength(2);
    await expectProblem(await admin(url, token, 'GET', 'audit-log?limit=0'), 400, 'validation');
  });

  it('answers admin CORS for the server’s own origin only', async () => {
    const own = await admin(url, token, 'GET', 'audit-log', undefined, {Origin: 'http://localhost:8787'});
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe('http://localhost:8787');
    const tenantSite = await admin(url, token, 'GET', 'audit-log', undefined, {Origin: 'http://localhost:5173'});
    await expectProblem(tenantSite, 403, 'forbidden');
    const preflight = await fetch(`${url}/api/v1/admin/tenants/demo/ideas/x/publish`, {method: 'OPTIONS', headers: {Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST'}});
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const ownPreflight = await fetch(`${url}/api/v1/admin/tenants/demo/ideas/x/publish`, {method: 'OPTIONS', headers: {Origin: 'http://localhost:8787', 'Access-Control-Request-Method': 'POST'}});
    expect(ownPreflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  });
});
