import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {rollUp} from '../src/counting/rollup.js';
import type {Db} from '../src/db/db.js';
import {ADMIN_EMAIL, demoEmail, OTHER_OWNER, signIn, setUpAdmin, type Staff} from './admin-helpers.js';
import {expectProblem, newKey, newVoter, postVote, STORES} from './helpers.js';
import {newIdea, postIdea, support} from './ideas-helpers.js';
import {newResponseId, postComment, postResponse} from './ratings-helpers.js';

/** Every table of the store and its number of rows. */
async function rowsPerTable(db: Db): Promise<Map<string, number>> {
  const tables = await db.query<{name: string}>(
    `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
  );
  const counts = new Map<string, number>();
  for (const {name} of tables) counts.set(name, (await db.query<{n: number}>(`select count(*)::int as n from "${name}"`))[0]!.n);
  return counts;
}

/** The tables whose number of rows changed, but for the audit log, which records the deletion itself. */
function changed(before: Map<string, number>, after: Map<string, number>): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const [table, n] of after) if (table !== 'audit_log' && before.get(table) !== n) out[table] = [before.get(table) ?? 0, n];
  return out;
}

// Issue 11, point 3: an owner deletes a poll, a rating or an idea box with everything it holds, after a
// confirmation naming the number of answers, and no row about it is left in any table.
describe.each(STORES)('deleting content with its answers on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let db: Db;
  let owner: Staff;
  let editor: Staff;

  beforeAll(async () => {
    env = await setUpAdmin(kind);
    db = env.store.db;
    owner = await signIn(env.url, demoEmail('owner'));
    editor = await signIn(env.url, demoEmail('editor'));
  });
  afterAll(() => env?.tearDown());

  const create = async (path: string, body: unknown) => {
    const response = await owner.call('POST', `tenants/demo/${path}`, body, {'Idempotency-Key': newKey()});
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as {id: string}).id;
  };
  const settle = async () => {
    for (const table of ['votes', 'rating_responses', 'idea_support_changes'] as const) await rollUp(db, table);
  };

  it('leaves no row behind in any table', async () => {
    await settle();
    const before = await rowsPerTable(db);

    const pollId = await create('polls', {question: {fi: 'Poistetaanko?'}, options: [{label: {fi: 'Kyllä'}}, {label: {fi: 'Ei'}}], allowOther: true, resultsVisibility: 'always'});
    const poll = (await (await fetch(`${env.url}/api/v1/polls/${pollId}`)).json()) as {options: {id: string}[]};
    expect((await postVote(env.url, pollId, {optionIds: [poll.options[0]!.id], voter: newVoter(), channel: 'qr', location: 'demo-central', lang: 'fi'})).status).toBe(201);
    expect((await postVote(env.url, pollId, {optionIds: [], otherText: 'omin sanoin', voter: newVoter(), channel: 'web'})).status).toBe(201);
    // A QR code with its short link.
    expect((await fetch(`${env.url}/api/v1/polls/${pollId}/qr.svg?location=demo-central`)).status).toBe(200);

    const ratingId = await create('ratings', {question: {fi: 'Miten meni?'}, scale: 'smileys-5', comment: 'always'});
    const responseId = newResponseId();
    const voter = newVoter();
    expect((await postResponse(env.url, ratingId, {responseId, score: 2, voter, channel: 'kiosk'})).status).toBe(201);
    expect((await postComment(env.url, ratingId, responseId, {comment: 'jonot', voter})).status).toBeLessThan(300);

    const boxId = await create('idea-boxes', {topic: {fi: 'Ideat'}, moderation: 'post', allowContact: true});
    const posted = await postIdea(env.url, boxId, await newIdea(db, boxId, {contact: 'me@example.fi'}));
    expect(posted.status).toBe(201);
    const ideaId = ((await posted.json()) as {idea: {id: string}}).idea.id;
    expect((await support(env.url, ideaId, {voter: newVoter()})).status).toBeLessThan(300);
    await settle();

    // An editor may not delete answers; an owner must name their number, and a wrong one is refused.
    const refused = await expectProblem(await editor.call('DELETE', `tenants/demo/polls/${pollId}`, undefined, {'If-Match': '*'}), 409, 'has-answers');
    expect(refused.answers).toBe(2);
    await expectProblem(await owner.call('DELETE', `tenants/demo/polls/${pollId}`, undefined, {'If-Match': '*'}), 409, 'has-answers');
    await expectProblem(await owner.call('DELETE', `tenants/demo/polls/${pollId}?answers=1`, undefined, {'If-Match': '*'}), 409, 'has-answers');
    expect((await owner.call('DELETE', `tenants/demo/polls/${pollId}?answers=2`, undefined, {'If-Match': '*'})).status).toBe(204);
    expect((await owner.call('DELETE', `tenants/demo/ratings/${ratingId}?answers=1`, undefined, {'If-Match': '*'})).status).toBe(204);
    expect((await owner.call('DELETE', `tenants/demo/idea-boxes/${boxId}?answers=1`, undefined, {'If-Match': '*'})).status).toBe(204);
    await settle();

    expect(changed(before, await rowsPerTable(db))).toEqual({});
    const audited = await db.query<{action: string; subject_kind: string}>(
      `select action, subject_kind from audit_log where subject_id = any($1) and action = 'delete' order by id`,
      [[pollId, ratingId, boxId]],
    );
    expect(audited.map((a) => a.subject_kind)).toEqual(['poll', 'rating', 'idea-box']);
  });

  it('deletes a library with everything it holds, and its staff who work nowhere else', async () => {
    const admin = await signIn(env.url, ADMIN_EMAIL);
    await settle();
    const before = await rowsPerTable(db);
    const made = await admin.call('POST', 'tenants', {id: 'closing', name: 'Lakkautettava kirjasto', timeZone: 'Europe/Helsinki', allowedOrigins: []});
    expect(made.status, await made.clone().text()).toBe(201);
    const call = (method: string, path: string, body?: unknown) => admin.call(method, `tenants/closing/${path}`, body);
    const added = await call('POST', 'users', {email: 'only-here@closing.example', role: 'owner', password: 'pitkä salasana 123'});
    expect(added.status, await added.clone().text()).toBe(201);
    expect((await call('POST', 'users', {email: OTHER_OWNER, role: 'editor'})).status).toBe(201); // works elsewhere too: stays
    const branch = await call('POST', 'branches', {id: 'closing-main', name: {fi: 'Pääkirjasto'}});
    expect(branch.status, await branch.clone().text()).toBe(201);
    const token = await call('POST', 'tokens', {name: 'integration', roles: ['viewer']});
    expect(token.status, await token.clone().text()).toBe(201);
    const poll = (await (await call('POST', 'polls', {question: {fi: 'Viimeinen kysely'}, options: [{label: {fi: 'A'}}, {label: {fi: 'B'}}]})).json()) as {poll?: {id: string}; id?: string};
    const pollId = poll.poll?.id ?? poll.id!;
    const options = ((await (await fetch(`${env.url}/api/v1/polls/${pollId}`)).json()) as {options: {id: string}[]}).options;
    expect((await postVote(env.url, pollId, {optionIds: [options[0]!.id], voter: newVoter(), channel: 'web', location: 'closing-main'})).status).toBe(201);
    await settle();

    await expectProblem(await admin.call('DELETE', 'tenants/closing?confirm=wrong'), 400, 'validation');
    await expectProblem(await owner.call('DELETE', 'tenants/closing?confirm=closing'), 403, 'forbidden');
    expect((await admin.call('DELETE', 'tenants/closing?confirm=closing')).status).toBe(204);
    await settle();

    expect(changed(before, await rowsPerTable(db))).toEqual({});
    const [logged] = await db.query<{tenant_id: string | null; actor: string}>(`select tenant_id, actor from audit_log where subject_kind = 'tenant' and subject_id = 'closing' and action = 'delete'`);
    expect(logged).toEqual({tenant_id: null, actor: ADMIN_EMAIL});
    expect((await db.query(`select 1 from users where email = $1`, [OTHER_OWNER])).length).toBe(1);
  });
});
