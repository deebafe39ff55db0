import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoEmail, json, setUpAdmin, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, newKey, newVoter, postVote, STORES} from './helpers.js';
import {newIdea, postIdea} from './ideas-helpers.js';

interface AdminPoll {
  id: string;
  status: string;
  options: {id: string; label: Record<string, string>; votes: number}[];
  closesAt: string | null;
  answers: number;
  archived: boolean;
  publishResults: boolean;
}

const newPoll = (fields: Record<string, unknown> = {}) => ({
  question: {fi: 'Mitkä aukioloajat sopivat?', sv: 'Vilka öppettider passar?', en: 'Which opening hours suit you?'},
  options: [{label: {fi: 'Aamut', sv: 'Morgnar', en: 'Mornings'}}, {label: {fi: 'Illat', sv: 'Kvällar', en: 'Evenings'}}],
  resultsVisibility: 'always',
  ...fields,
});

describe.each(STORES)('admin content ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let url: string;
  let editor: Staff;
  let owner: Staff;
  const auditOf = async (kind: string, subject: string) =>
    (await json<{entries: {actor: string; action: string; kind: string; subject: string; before: unknown; after: unknown}[]}>(await owner.call('GET', `tenants/demo/audit-log?kind=${kind}&limit=200`), 200)).entries.filter((e) => e.subject === subject);
  beforeAll(async () => {
    env = await setUpAdmin(kind);
    url = env.url;
    editor = await signIn(url, demoEmail('editor'));
    owner = await signIn(url, demoEmail('owner'));
  });
  afterAll(() => env?.tearDown());

  it('creates a poll that the public API serves, takes votes on and counts', async () => {
    const response = await editor.call('POST', 'tenants/demo/polls', newPoll());
    const poll = await json<AdminPoll>(response, 201);
    expect(poll.id).toMatch(/^poll-[0-9a-f]{10}$/);
    expect(poll.options.map((o) => o.id)).toEqual([expect.stringMatching(/^opt-/), expect.stringMatching(/^opt-/)]);
    expect(poll).toMatchObject({status: 'open', closesAt: null, archived: false, publishResults: false, answers: 0});
    expect(response.headers.get('etag')).toBe('"v1"');
    const pub = await json<{question: Record<string, string>; options: {id: string}[]}>(await fetch(`${url}/api/v1/polls/${poll.id}`), 200);
    expect(pub.question.sv).toBe('Vilka öppettider passar?');
    const vote = await postVote(url, poll.id, {optionIds: [poll.options[1]!.id], voter: newVoter(), channel: 'web'});
    const receipt = await json<{results: {total: number; options: {id: string; count: number}[]}}>(vote, 201);
    expect(receipt.results.total).toBe(1);
    const after = await json<AdminPoll>(await editor.call('GET', `tenants/demo/polls/${poll.id}`), 200);
    expect(after.answers).toBe(1);
    expect(after.options[1]!.votes).toBe(1);
    const list = await json<{polls: {id: string}[]}>(await editor.call('GET', 'tenants/demo/polls'), 200);
    expect(list.polls.map((p) => p.id)).toContain(poll.id);
    const [created] = await auditOf('poll', poll.id);
    expect(created).toMatchObject({actor: 'editor@demo.kirjasto.example', action: 'create', before: null, after: {id: poll.id}});
  });

  it('takes an id from the slug the editor picks, unique on the whole server', async () => {
    await json(await editor.call('POST', 'tenants/demo/polls', newPoll({id: 'aukioloajat-2027'})), 201);
    await expectProblem(await editor.call('POST', 'tenants/demo/polls', newPoll({id: 'aukioloajat-2027'})), 409, 'id-taken');
    await expectProblem(await editor.call('POST', 'tenants/demo/polls', newPoll({id: 'demo-poll'})), 409, 'id-taken');
    const bad = await expectProblem(await editor.call('POST', 'tenants/demo/polls', newPoll({id: 'Ääkköset ja välit'})), 400, 'validation');
    expect(bad.errors?.[0]?.path).toBe('/id');
    await expectProblem(await editor.call('POST', 'tenants/demo/polls', newPoll({options: [{label: {fi: 'Yksi'}}]})), 400, 'validation');
    await expectProblem(await editor.call('POST', 'tenants/demo/polls', newPoll({opensAt: '2027-02-01T00:00:00Z', closesAt: '2027-01-01T00:00:00Z'})), 400, 'validation');
  });

  it('needs If-Match to edit, and answers 412 to a stale one', async () => {
    const poll = await json<AdminPoll>(await editor.call('POST', 'tenants/demo/polls', newPoll()), 201);
    const path = `tenants/demo/polls/${poll.id}`;
    await expectProblem(await editor.call('PATCH', path, {archived: true}), 428, 'precondition-required');
    const first = await editor.call('PATCH', path, {question: {fi: 'Uusi kysymys'}}, {'If-Match': '"v1"'});
    await json(first, 200);
    expect(first.headers.get('etag')).toBe('"v2"');
    // A colleague still holding v1 gets a conflict, not a silent overwrite.
    const stale = await expectProblem(await owner.call('PATCH', path, {question: {fi: 'Toinen'}}, {'If-Match': '"v1"'}), 412, 'precondition-failed');
    expect(stale.etag).toBe('"v2"');
    const [update] = (await auditOf('poll', poll.id)).filter((e) => e.action === 'update');
    expect(update).toMatchObject({before: {question: {fi: 'Mitkä aukioloajat sopivat?'}}, after: {question: {fi: 'Uusi kysymys'}}});
  });

  it('closes now, schedules, archives and publishes results; the status follows the dates', async () => {
    const poll = await json<AdminPoll>(await editor.call('POST', 'tenants/demo/polls', newPoll({opensAt: '2030-01-01T08:00:00Z'})), 201);
    expect(poll.status).toBe('scheduled');
    const path = `tenants/demo/polls/${poll.id}`;
    const opened = await json<AdminPoll>(await editor.call('PATCH', path, {opensAt: new Date(Date.now() - 60_000).toISOString()}, {'If-Match': '"v1"'}), 200);
    expect(opened.status).toBe('open');
    const closed = await json<AdminPoll>(await editor.call('PATCH', path, {closesAt: new Date().toISOString(), publishResults: true, archived: true}, {'If-Match': '"v2"'}), 200);
    expect(closed).toMatchObject({status: 'closed', publishResults: true, archived: true});
    // Archived, it is gone from the public side (410), whatever its dates say.
    await expectProblem(await postVote(url, poll.id, {optionIds: [poll.options[0]!.id], voter: newVoter(), channel: 'web'}), 410, 'archived');
    const active = await json<{polls: {id: string}[]}>(await editor.call('GET', 'tenants/demo/polls'), 200);
    expect(active.polls.map((p) => p.id)).not.toContain(poll.id);
    const archived = await json<{polls: {id: string}[]}>(await editor.call('GET', 'tenants/demo/polls?archived=true'), 200);
    expect(archived.polls.map((p) => p.id)).toContain(poll.id);
  });

  it('refuses to remove or re-word options once the poll has votes, but adds options and languages', async () => {
    const poll = await json<AdminPoll>(await editor.call('POST', 'tenants/demo/polls', newPoll({options: [{id: 'mornings', label: {fi: 'Aamut'}}, {id: 'evenings', label: {fi: 'Illat'}}]})), 201);
    const path = `tenants/demo/polls/${poll.id}`;
    await json(await postVote(url, poll.id, {optionIds: ['mornings'], voter: newVoter(), channel: 'qr'}), 201);
    const removed = await expectProblem(await editor.call('PATCH', path, {options: [{id: 'evenings', label: {fi: 'Illat'}}, {label: {fi: 'Viikonloput'}}]}, {'If-Match': '"v1"'}), 409, 'poll-has-votes');
    expect(removed.optionId).toBe('mornings');
    await expectProblem(await editor.call('PATCH', path, {options: [{id: 'mornings', label: {fi: 'Aamupäivät'}}, {id: 'evenings', label: {fi: 'Illat'}}]}, {'If-Match': '"v1"'}), 409, 'poll-has-votes');
    const grown = await json<AdminPoll>(
      await editor.call('PATCH', path, {options: [{id: 'evenings', label: {fi: 'Illat', sv: 'Kvällar'}}, {id: 'mornings', label: {fi: 'Aamut'}}, {id: 'weekends', label: {fi: 'Viikonloput'}}]}, {'If-Match': '"v1"'}),
      200,
    );
    expect(grown.options.map((o) => [o.id, o.votes])).toEqual([['evenings', 0], ['mornings', 1], ['weekends', 0]]);
    expect(grown.options[0]!.label.sv).toBe('Kvällar');
    await expectProblem(await editor.call('DELETE', path, undefined, {'If-Match': '"v2"'}), 409, 'has-answers');
    expect((await editor.call('GET', path)).status).toBe(200);
  });

  it('deletes content only while it has no answers, with If-Match', async () => {
    const poll = await json<AdminPoll>(await editor.call('POST', 'tenants/demo/polls', newPoll()), 201);
    const path = `tenants/demo/polls/${poll.id}`;
    await expectProblem(await editor.call('DELETE', path), 428, 'precondition-required');
    await expectProblem(await (await signIn(url, demoEmail('moderator'))).call('DELETE', path, undefined, {'If-Match': '"v1"'}), 403, 'forbidden');
    expect((await editor.call('DELETE', path, undefined, {'If-Match': '"v1"'})).status).toBe(204);
    await expectProblem(await fetch(`${url}/api/v1/polls/${poll.id}`), 404, 'not-found');
    expect((await auditOf('poll', poll.id)).map((e) => e.action)).toEqual(['delete', 'create']);
    const box = await json<{id: string}>(await editor.call('POST', 'tenants/demo/idea-boxes', {topic: {fi: 'Kokeilu'}}), 201);
    expect((await editor.call('DELETE', `tenants/demo/idea-boxes/${box.id}`, undefined, {'If-Match': '"v1"'})).status).toBe(204);
    await expectProblem(await editor.call('DELETE', 'tenants/demo/ratings/demo-rating', undefined, {'If-Match': '*'}), 409, 'has-answers');
  });

  it('keeps viewers and moderators reading, not editing', async () => {
    const viewer = await signIn(url, demoEmail('viewer'));
    expect((await viewer.call('GET', 'tenants/demo/polls/demo-poll')).status).toBe(200);
    await expectProblem(await viewer.call('POST', 'tenants/demo/polls', newPoll()), 403, 'forbidden');
    await expectProblem(await viewer.call('GET', 'tenants/demo/polls/demo-rating'), 404, 'not-found');
    await expectProblem(await editor.call('GET', 'tenants/demo/polls/nope'), 404, 'not-found');
  });

  it('manages branches with multilingual names and addresses', async () => {
    const created = await owner.call('POST', 'tenants/demo/branches', {id: 'demo-bus', name: {fi: 'Kirjastoauto', sv: 'Biblioteksbussen'}, address: 'Torikatu 1, 90100 Oulu'});
    expect(await json(created, 201)).toEqual({id: 'demo-bus', name: {fi: 'Kirjastoauto', sv: 'Biblioteksbussen'}, address: 'Torikatu 1, 90100 Oulu'});
    await expectProblem(await owner.call('POST', 'tenants/demo/branches', {id: 'demo-central', name: {fi: 'X'}}), 409, 'id-taken');
    await expectProblem(await editor.call('POST', 'tenants/demo/branches', {name: {fi: 'X'}}), 403, 'forbidden');
    await expectProblem(await owner.call('POST', 'tenants/demo/branches', {name: {fi: ' '}}), 400, 'validation');
    const patched = await owner.call('PATCH', 'tenants/demo/branches/demo-bus', {name: {fi: 'Kirjastoauto', sv: 'Biblioteksbussen', en: 'Mobile library'}}, {'If-Match': '"v1"'});
    expect((await json<{name: Record<string, string>}>(patched, 200)).name.en).toBe('Mobile library');
    const list = await json<{branches: {id: string}[]}>(await editor.call('GET', 'tenants/demo/branches'), 200);
    expect(list.branches.map((b) => b.id)).toEqual(['demo-bus', 'demo-central', 'demo-village']);
    await expectProblem(await owner.call('DELETE', 'tenants/demo/branches/demo-bus', undefined, {'If-Match': '"v1"'}), 412, 'precondition-failed');
    expect((await owner.call('DELETE', 'tenants/demo/branches/demo-bus', undefined, {'If-Match': '"v2"'})).status).toBe(204);
    const history = (await auditOf('branch', 'demo-bus')).map((e) => e.action);
    expect(history).toEqual(['delete', 'update', 'create']);
  });

  it('checks allowed web origins as origins, and the widgets follow them', async () => {
    const current = await owner.call('GET', 'tenants/demo/origins');
    const etag = current.headers.get('etag')!;
    const {allowedOrigins} = await json<{allowedOrigins: string[]}>(current, 200);
    for (const bad of ['https://www.ouka.fi/', 'https://www.ouka.fi/uutiset', 'www.ouka.fi', 'ftp://ouka.fi', 'https://WWW.OUKA.FI', 'https://ouka.fi:99999']) {
      const problem = await expectProblem(await owner.call('PUT', 'tenants/demo/origins', {allowedOrigins: [bad]}, {'If-Match': etag}), 400, 'validation');
      expect(problem.errors?.[0]?.path, bad).toBe('/allowedOrigins/0');
    }
    const saved = await owner.call('PUT', 'tenants/demo/origins', {allowedOrigins: [...allowedOrigins, 'https://www.ouka.fi', 'http://[::1]:8080']}, {'If-Match': etag});
    expect((await json<{allowedOrigins: string[]}>(saved, 200)).allowedOrigins).toContain('https://www.ouka.fi');
    await expectProblem(await owner.call('PUT', 'tenants/demo/origins', {allowedOrigins: []}, {'If-Match': etag}), 412, 'precondition-failed');
    const [entry] = await auditOf('origins', 'demo');
    expect(entry).toMatchObject({before: allowedOrigins, after: expect.arrayContaining(['https://www.ouka.fi'])});
  });

  it('adds staff, changes roles, keeps one owner, and audits it without passwords', async () => {
    const added = await json<{user: {id: string; role: string}}>(await owner.call('POST', 'tenants/demo/users', {email: 'Tiina@Ouka.fi', role: 'viewer', password: 'tiinan-salasana'}), 201);
    expect(added.user).toMatchObject({role: 'viewer'});
    await expectProblem(await owner.call('POST', 'tenants/demo/users', {email: 'tiina@ouka.fi', role: 'editor'}), 409, 'email-taken');
    const changed = await json<{role: string}>(await owner.call('PATCH', `tenants/demo/users/${added.user.id}`, {role: 'moderator'}), 200);
    expect(changed.role).toBe('moderator');
    const members = await json<{users: {id: string; email: string; role: string}[]}>(await owner.call('GET', 'tenants/demo/users'), 200);
    const ownerId = members.users.find((u) => u.email === 'owner@demo.kirjasto.example')!.id;
    await expectProblem(await owner.call('PATCH', `tenants/demo/users/${ownerId}`, {role: 'editor'}), 409, 'last-owner');
    await expectProblem(await owner.call('DELETE', `tenants/demo/users/${ownerId}`), 409, 'last-owner');
    expect((await owner.call('DELETE', `tenants/demo/users/${added.user.id}`)).status).toBe(204);
    const tiina = await signIn(url, 'tiina@ouka.fi', 'tiinan-salasana');
    await expectProblem(await tiina.call('GET', 'tenants/demo/polls'), 403, 'forbidden');
    const log = JSON.stringify(await auditOf('user', added.user.id));
    expect(log).toContain('change-role');
    expect(log).not.toContain('tiinan-salasana');
  });

  it('creates a rating prompt the kiosk and web answer; its scale stays once answered', async () => {
    await expectProblem(await editor.call('POST', 'tenants/demo/ratings', {question: {fi: 'Miten onnistuimme?'}, scale: 'smileys-5', comment: 'after-low'}), 400, 'validation');
    const rating = await json<{id: string; answers: number; status: string}>(
      await editor.call('POST', 'tenants/demo/ratings', {question: {fi: 'Miten onnistuimme?', sv: 'Hur lyckades vi?'}, scale: 'smileys-5', comment: 'after-low', lowThreshold: 2}),
      201,
    );
    expect(rating).toMatchObject({id: expect.stringMatching(/^rating-/), answers: 0, status: 'open'});
    const respond = await fetch(`${url}/api/v1/ratings/${rating.id}/responses`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': newKey()},
      body: JSON.stringify({responseId: newKey(), score: 4, voter: newVoter(), channel: 'kiosk'}),
    });
    expect(respond.status).toBe(201);
    const path = `tenants/demo/ratings/${rating.id}`;
    expect((await json<{answers: number}>(await editor.call('GET', path), 200)).answers).toBe(1);
    await expectProblem(await editor.call('PATCH', path, {scale: 'nps'}, {'If-Match': '"v1"'}), 409, 'has-answers');
    const renamed = await json<{question: Record<string, string>}>(await editor.call('PATCH', path, {question: {fi: 'Miten palvelimme?'}}, {'If-Match': '"v1"'}), 200);
    expect(renamed.question.fi).toBe('Miten palvelimme?');
    expect((await json<{ratings: {id: string}[]}>(await editor.call('GET', 'tenants/demo/ratings'), 200)).ratings.map((r) => r.id)).toContain(rating.id);
  });

  it('creates an idea box whose ideas wait for moderation; used categories stay', async () => {
    const box = await json<{id: string; categories: {id: string}[]; pending: number}>(
      await editor.call('POST', 'tenants/demo/idea-boxes', {id: 'oulu-ideat', topic: {fi: 'Ideoita kirjastolle'}, categories: [{id: 'tilat', label: {fi: 'Tilat'}}, {label: {fi: 'Muu'}}]}),
      201,
    );
    expect(box.categories.map((k) => k.id)).toEqual(['tilat', expect.stringMatching(/^cat-/)]);
    const sent = await postIdea(url, box.id, await newIdea(env.store.db, box.id, {category: 'tilat'}));
    expect(sent.status).toBe(201);
    const after = await json<{pending: number; answers: number}>(await editor.call('GET', `tenants/demo/idea-boxes/${box.id}`), 200);
    expect(after).toMatchObject({pending: 1, answers: 1});
    await expectProblem(await editor.call('PATCH', `tenants/demo/idea-boxes/${box.id}`, {categories: [{id: box.categories[1]!.id, label: {fi: 'Muu'}}]}, {'If-Match': '"v1"'}), 409, 'has-answers');
    const moderator = await signIn(url, demoEmail('moderator'));
    const queue = await json<{ideas: {id: string}[]}>(await moderator.call('GET', `tenants/demo/idea-boxes/${box.id}/ideas?state=pending`), 200);
    expect((await moderator.call('POST', `tenants/demo/ideas/${queue.ideas[0]!.id}/publish`)).status).toBe(200);
    await expectProblem(await moderator.call('PATCH', `tenants/demo/idea-boxes/${box.id}`, {archived: true}, {'If-Match': '"v1"'}), 403, 'forbidden');
    const [published] = (await auditOf('idea', queue.ideas[0]!.id));
    expect(published).toMatchObject({actor: 'moderator@demo.kirjasto.example', action: 'publish'});
  });
});
