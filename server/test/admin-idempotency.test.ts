import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoEmail, json, setUpAdmin, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, newKey, STORES} from './helpers.js';

const newPoll = (question = 'Mitä luette kesällä?') => ({question: {fi: question}, options: [{label: {fi: 'Dekkareita'}}, {label: {fi: 'Runoja'}}]});

describe.each(STORES)('admin creates with an Idempotency-Key ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let url: string;
  let editor: Staff;
  let owner: Staff;
  beforeAll(async () => {
    env = await setUpAdmin(kind);
    url = env.url;
    editor = await signIn(url, demoEmail('editor'));
    owner = await signIn(url, demoEmail('owner'));
  });
  afterAll(() => env?.tearDown());

  const count = async (table: string, where: string, params: unknown[]) =>
    Number((await env.store.db.query<{n: number}>(`select count(*)::int as n from ${table} where ${where}`, params))[0]!.n);

  it('replays a retried poll create instead of making a second poll, and refuses the key for another body', async () => {
    const key = newKey();
    const first = await editor.call('POST', 'tenants/demo/polls', newPoll(), {'Idempotency-Key': key});
    const created = await json<{id: string}>(first, 201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await editor.call('POST', 'tenants/demo/polls', newPoll(), {'Idempotency-Key': key});
    expect(await json(again, 201)).toEqual(created);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await count('polls', "question->>'fi' = $1", ['Mitä luette kesällä?'])).toBe(1);
    expect(await count('audit_log', "subject_kind = 'poll' and subject_id = $1 and action = 'create'", [created.id])).toBe(1);

    const other = await expectProblem(await editor.call('POST', 'tenants/demo/polls', newPoll('Jotain muuta?'), {'Idempotency-Key': key}), 422, 'idempotency-key-reused');
    expect(other.detail).toMatch(/new key/);
    expect(await count('polls', "question->>'fi' = $1", ['Jotain muuta?'])).toBe(0);
    await expectProblem(await editor.call('POST', 'tenants/demo/polls', newPoll(), {'Idempotency-Key': 'short'}), 400, 'validation');
  });

  it('makes one poll for two identical creates sent at once', async () => {
    const key = newKey();
    const answers = await Promise.all([0, 1].map(() => editor.call('POST', 'tenants/demo/polls', newPoll('Yhtä aikaa?'), {'Idempotency-Key': key})));
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const [a, b] = await Promise.all(answers.map((r) => r.json()));
    expect(a).toEqual(b);
    expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
    expect(await count('polls', "question->>'fi' = $1", ['Yhtä aikaa?'])).toBe(1);
  });

  it('keeps one key per caller: another staff member with the same key and body makes their own poll', async () => {
    const key = newKey();
    const mine = await json<{id: string}>(await editor.call('POST', 'tenants/demo/polls', newPoll('Kenen kysely?'), {'Idempotency-Key': key}), 201);
    const theirs = await json<{id: string}>(await owner.call('POST', 'tenants/demo/polls', newPoll('Kenen kysely?'), {'Idempotency-Key': key}), 201);
    expect(theirs.id).not.toBe(mine.id);
  });

  it('still makes a new poll for each create sent without a key', async () => {
    const a = await json<{id: string}>(await editor.call('POST', 'tenants/demo/polls', newPoll('Ilman avainta?')), 201);
    const b = await json<{id: string}>(await editor.call('POST', 'tenants/demo/polls', newPoll('Ilman avainta?')), 201);
    expect(a.id).not.toBe(b.id);
  });

  it('replays rating, idea box and branch creates', async () => {
    const creates: [Staff, string, Record<string, unknown>, string, string][] = [
      [editor, 'tenants/demo/ratings', {question: {fi: 'Toistettu arvio?'}, scale: 'stars-5', comment: 'off'}, 'ratings', 'question'],
      [editor, 'tenants/demo/idea-boxes', {topic: {fi: 'Toistettu laatikko'}}, 'idea_boxes', 'topic'],
      [owner, 'tenants/demo/branches', {name: {fi: 'Toistettu sivukirjasto'}}, 'branches', 'name'],
    ];
    for (const [who, path, body, table, text] of creates) {
      const key = newKey();
      const first = await json<{id: string}>(await who.call('POST', path, body, {'Idempotency-Key': key}), 201);
      const again = await who.call('POST', path, body, {'Idempotency-Key': key});
      expect(await json(again, 201), path).toEqual(first);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await count(table, `${text}->>'fi' = $1`, [(body[text] as {fi: string}).fi]), path).toBe(1);
    }
  });

  it('answers the same API token with a new secret on a replay, and the first secret stops working', async () => {
    const key = newKey();
    const body = {name: 'Toistettu avain', roles: ['viewer']};
    const first = await json<{token: string; apiToken: {id: string}}>(await owner.call('POST', 'tenants/demo/tokens', body, {'Idempotency-Key': key}), 201);
    const again = await owner.call('POST', 'tenants/demo/tokens', body, {'Idempotency-Key': key});
    const replayed = await json<{token: string; apiToken: {id: string}}>(again, 201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.apiToken).toEqual(first.apiToken);
    expect(replayed.token).not.toBe(first.token);
    const read = (token: string) => fetch(`${url}/api/v1/admin/tenants/demo/polls`, {headers: {Authorization: `Bearer ${token}`}});
    expect((await read(replayed.token)).status).toBe(200);
    expect((await read(first.token)).status).toBe(401);
    expect(await count('tenant_tokens', "tenant_id = 'demo' and label = $1", ['Toistettu avain'])).toBe(1);
    expect(await count('audit_log', "action = 'reissue' and subject_kind = 'token' and subject_id = $1", [first.apiToken.id])).toBe(1);
    // The stored answer never holds a secret.
    const stored = await env.store.db.query<{response: unknown}>('select response from idempotency_keys where key = $1', [key]);
    expect(JSON.stringify(stored)).not.toContain(first.token);
  });

  it('invites once on a replay, with a new one-time link, and never stores the link or a password in clear', async () => {
    const key = newKey();
    const body = {email: 'uusi.kirjastolainen@demo.kirjasto.example', role: 'editor'};
    const first = await json<{invitation: {url: string; expiresAt: string}}>(await owner.call('POST', 'tenants/demo/users', body, {'Idempotency-Key': key}), 201);
    const replayed = await json<{invitation: {url: string; expiresAt: string}}>(await owner.call('POST', 'tenants/demo/users', body, {'Idempotency-Key': key}), 201);
    expect(replayed.invitation.expiresAt).toBe(first.invitation.expiresAt);
    expect(replayed.invitation.url).not.toBe(first.invitation.url);
    expect(await count('invitations', 'email = $1', [body.email])).toBe(1);
    expect(await count('audit_log', "action = 'reissue-invitation' and after->>'email' = $1", [body.email])).toBe(1);
    const accept = (link: string) =>
      fetch(`${url}/api/v1/admin/invitations/${link.split('#invitation=')[1]}`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({password: 'pitka-salasana-123'})});
    await expectProblem(await accept(first.invitation.url), 400, 'invitation-invalid');
    expect((await accept(replayed.invitation.url)).status).toBe(201);

    const withPassword = {email: 'salasanalla@demo.kirjasto.example', role: 'viewer', password: 'toinen-pitka-salasana'};
    const passwordKey = newKey();
    const added = await json<{user: {id: string}}>(await owner.call('POST', 'tenants/demo/users', withPassword, {'Idempotency-Key': passwordKey}), 201);
    expect(await json(await owner.call('POST', 'tenants/demo/users', withPassword, {'Idempotency-Key': passwordKey}), 201)).toEqual(added);
    const [row] = await env.store.db.query<{request_hash: string; response: unknown}>('select request_hash, response from idempotency_keys where key = $1', [passwordKey]);
    expect(JSON.stringify(row)).not.toContain('toinen-pitka-salasana');
    expect(await count('idempotency_keys', 'key = $1 or key = $2', [key, passwordKey])).toBe(2);
  });
});
