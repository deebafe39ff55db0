import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DEMO_PASSWORD, ensureUser} from '../src/auth/accounts.js';
import {Secrets} from '../src/secrets.js';
import {demoEmail, json, OTHER_OWNER, seedStaff, setUpAdmin, signIn, signInRequest, staffWith} from './admin-helpers.js';
import {expectProblem, newVoter, postVote, setUp, startServer, STORES, testConfig} from './helpers.js';

describe.each(STORES)('staff sign-in and sessions ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let url: string;
  const db = () => env.store.db;
  beforeAll(async () => {
    env = await setUpAdmin(kind);
    url = env.url;
  });
  afterAll(() => env?.tearDown());
  const seedStaffMember = (email: string, password: string) => ensureUser(db(), {email, password});

  it('signs in with email and password into an HttpOnly, SameSite=Strict cookie of its own', async () => {
    const response = await signInRequest(url, '  Editor@Demo.Kirjasto.Example ', DEMO_PASSWORD);
    const body = await json<{user: {email: string; regionalAdmin: boolean}; tenants: {id: string; role: string}[]; csrfToken: string; expiresAt: string}>(response, 201);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kirjasto_session=[A-Za-z0-9_-]{43}; Path=\/api\/v1\/admin; HttpOnly; SameSite=Strict$/);
    expect(body.user).toMatchObject({email: 'editor@demo.kirjasto.example', regionalAdmin: false});
    expect(body.tenants).toEqual([{id: 'demo', name: 'Demo-kirjasto', role: 'editor', may: ['read', 'edit', 'audit']}]);
    const staff = staffWith(url, /=([^;]+)/.exec(cookie)![1]!, body.csrfToken);
    const current = await json<{csrfToken: string}>(await staff.call('GET', 'session'), 200);
    expect(current.csrfToken).toBe(body.csrfToken);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secure = await setUp(kind, testConfig({demo: true, publicUrl: 'https://kirjasto.example.fi', rateLimitSignIns: 100}));
    try {
      await seedStaff(secure.store.db);
      const response = await signInRequest(secure.url, demoEmail('viewer'), DEMO_PASSWORD);
      expect(response.status).toBe(201);
      expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
    } finally {
      await secure.tearDown();
    }
  });

  it('refuses the demo accounts and their sessions once the server runs without KIRJASTO_DEMO', async () => {
    const demoSession = await signIn(url, demoEmail('owner'));
    const production = await startServer(db(), testConfig({demo: false}));
    try {
      await expectProblem(await signInRequest(production.url, demoEmail('owner'), DEMO_PASSWORD), 401, 'sign-in-failed');
      await expectProblem(await staffWith(production.url, demoSession.cookie, demoSession.csrf).call('GET', 'session'), 401, 'unauthorized');
      expect((await signInRequest(production.url, OTHER_OWNER, DEMO_PASSWORD)).status).toBe(201);
    } finally {
      await production.close();
    }
  });

  it('refuses a wrong password and an unknown email alike, without a cookie', async () => {
    for (const [email, password] of [[demoEmail('owner'), 'wrong-password'], ['nobody@example.fi', DEMO_PASSWORD]] as const) {
      const response = await signInRequest(url, email, password);
      expect(response.headers.get('set-cookie')).toBeNull();
      await expectProblem(response, 401, 'sign-in-failed');
    }
  });

  it('stores only scrypt hashes of passwords and keyed hashes of sessions and tokens', async () => {
    const staff = await signIn(url, demoEmail('owner'));
    const created = await json<{token: string}>(await staff.call('POST', 'tenants/demo/tokens', {name: 'CMS', roles: ['viewer']}), 201);
    const dump = JSON.stringify([
      await db().query('select * from users'),
      await db().query('select * from sessions'),
      await db().query('select * from tenant_tokens'),
      await db().query('select * from audit_log'),
    ]);
    expect(dump).not.toContain(DEMO_PASSWORD);
    expect(dump).not.toContain(staff.cookie);
    expect(dump).not.toContain(created.token);
    expect(dump).not.toContain(staff.csrf);
    const [user] = await db().query<{password_hash: string}>("select password_hash from users where email = 'owner@demo.kirjasto.example'");
    expect(user!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it('ends a session after the idle time and after the absolute time', async () => {
    const idle = await signIn(url, demoEmail('viewer'));
    const old = await signIn(url, demoEmail('viewer'));
    // 8 h idle by default: a session last seen 9 h ago has ended; one made 4 days ago too (72 h at most).
    const hash = async (cookie: string) => (await new Secrets(db()).mac(`session:${cookie}`)).toString('hex');
    await db().query("update sessions set last_seen_at = now() - interval '9 hours' where id_hash = $1", [await hash(idle.cookie)]);
    await db().query("update sessions set created_at = now() - interval '4 days', last_seen_at = now() where id_hash = $1", [await hash(old.cookie)]);
    await expectProblem(await idle.call('GET', 'session'), 401, 'unauthorized');
    await expectProblem(await old.call('GET', 'session'), 401, 'unauthorized');
    const fresh = await signIn(url, demoEmail('viewer'));
    expect((await fresh.call('GET', 'session')).status).toBe(200);
  });

  it('signs out one browser, and everywhere', async () => {
    const here = await signIn(url, demoEmail('moderator'));
    const there = await signIn(url, demoEmail('moderator'));
    const elsewhere = await signIn(url, demoEmail('moderator'));
    const out = await here.call('DELETE', 'session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^kirjasto_session=; Path=\/api\/v1\/admin; Max-Age=0; HttpOnly; SameSite=Strict/);
    await expectProblem(await here.call('GET', 'session'), 401, 'unauthorized');
    expect((await there.call('GET', 'session')).status).toBe(200);
    const everywhere = await json<{ended: number}>(await there.call('DELETE', 'session/all'), 200);
    expect(everywhere.ended).toBeGreaterThanOrEqual(2);
    await expectProblem(await there.call('GET', 'session'), 401, 'unauthorized');
    await expectProblem(await elsewhere.call('GET', 'session'), 401, 'unauthorized');
  });

  it('changes the password with the current one, and ends the other sessions', async () => {
    await seedStaffMember('vaihtaja@ouka.fi', 'vanha-salasana-1');
    const here = await signIn(url, 'vaihtaja@ouka.fi', 'vanha-salasana-1');
    const there = await signIn(url, 'vaihtaja@ouka.fi', 'vanha-salasana-1');
    await expectProblem(await here.call('PUT', 'session/password', {currentPassword: 'wrong-one-123', newPassword: 'uusi-salasana-2'}), 401, 'sign-in-failed');
    await expectProblem(await here.call('PUT', 'session/password', {currentPassword: 'vanha-salasana-1', newPassword: 'short'}), 400, 'validation');
    expect((await here.call('PUT', 'session/password', {currentPassword: 'vanha-salasana-1', newPassword: 'uusi-salasana-2'})).status).toBe(204);
    expect((await here.call('GET', 'session')).status).toBe(200);
    await expectProblem(await there.call('GET', 'session'), 401, 'unauthorized');
    await expectProblem(await signInRequest(url, 'vaihtaja@ouka.fi', 'vanha-salasana-1'), 401, 'sign-in-failed');
    expect((await signInRequest(url, 'vaihtaja@ouka.fi', 'uusi-salasana-2')).status).toBe(201);
  });

  it('never gives a patron a cookie', async () => {
    const responses = await Promise.all([
      fetch(`${url}/api/v1/polls/demo-poll`),
      postVote(url, 'demo-poll', {optionIds: ['hours'], voter: newVoter(), channel: 'web'}),
      fetch(`${url}/api/v1/ratings/demo-rating`),
      fetch(`${url}/api/v1/idea-boxes/demo-ideas`),
      fetch(`${url}/api/v1/openapi.json`),
      fetch(`${url}/w/poll/demo-poll`),
      fetch(`${url}/w/ideas/demo-ideas`),
      fetch(`${url}/kiosk/demo-rating?location=demo-central`),
    ]);
    for (const response of responses) expect(response.headers.get('set-cookie'), response.url).toBeNull();
  });

  it('invites by a one-time link that sets the password and signs in', async () => {
    const owner = await signIn(url, demoEmail('owner'));
    const added = await json<{invitation: {url: string}}>(await owner.call('POST', 'tenants/demo/users', {email: 'uusi@ouka.fi', role: 'editor'}), 201);
    const token = /#invitation=(.+)$/.exec(added.invitation.url)![1]!;
    const accept = (password: string) =>
      fetch(`${url}/api/v1/admin/invitations/${token}`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({password, name: 'Uusi'})});
    await expectProblem(await accept('short'), 400, 'validation');
    const accepted = await accept('uusi-salasana-123');
    const body = await json<{tenants: {id: string; role: string}[]}>(accepted, 201);
    expect(body.tenants).toEqual([{id: 'demo', name: 'Demo-kirjasto', role: 'editor', may: ['read', 'edit', 'audit']}]);
    expect(accepted.headers.get('set-cookie')).toMatch(/^kirjasto_session=/);
    await expectProblem(await accept('uusi-salasana-456'), 400, 'invitation-invalid');
    expect((await signInRequest(url, 'uusi@ouka.fi', 'uusi-salasana-123')).status).toBe(201);
  });

  it('lets an owner make named, scoped API tokens, shown once, and revoke them', async () => {
    const owner = await signIn(url, demoEmail('owner'));
    const created = await json<{token: string; apiToken: {id: string; name: string; roles: string[]}}>(
      await owner.call('POST', 'tenants/demo/tokens', {name: 'Moderation bot', roles: ['moderator']}),
      201,
    );
    expect(created.apiToken).toMatchObject({name: 'Moderation bot', roles: ['moderator']});
    await expectProblem(await owner.call('POST', 'tenants/demo/tokens', {name: 'Too strong', roles: ['owner']}), 400, 'validation');
    const bearer = {Authorization: `Bearer ${created.token}`};
    const box = await fetch(`${url}/api/v1/admin/tenants/demo/idea-boxes/demo-ideas/ideas`, {headers: bearer});
    expect(box.status).toBe(200);
    // A token needs no CSRF token: it is not an ambient credential.
    const published = await fetch(`${url}/api/v1/admin/tenants/demo/ideas/demo-idea-pending/publish`, {method: 'POST', headers: bearer});
    expect(published.status).toBe(200);
    await expectProblem(await fetch(`${url}/api/v1/admin/tenants/demo/polls`, {method: 'POST', headers: {...bearer, 'Content-Type': 'application/json'}, body: '{}'}), 403, 'forbidden');
    const list = await json<{tokens: {id: string; name: string; lastUsedAt: string | null}[]}>(await owner.call('GET', 'tenants/demo/tokens'), 200);
    expect(list.tokens.find((t) => t.id === created.apiToken.id)!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect((await owner.call('DELETE', `tenants/demo/tokens/${created.apiToken.id}`)).status).toBe(204);
    await expectProblem(await fetch(`${url}/api/v1/admin/tenants/demo/idea-boxes/demo-ideas/ideas`, {headers: bearer}), 401, 'unauthorized');
    await expectProblem(await owner.call('DELETE', 'tenants/demo/tokens/tok-nope'), 404, 'not-found');
  });

  it('lists each user’s own libraries; a regional admin sees all and creates them', async () => {
    const other = await signIn(url, OTHER_OWNER);
    const mine = await json<{tenants: {id: string}[]}>(await other.call('GET', 'tenants'), 200);
    expect(mine.tenants.map((t) => t.id)).toEqual(['other']);
    await expectProblem(await other.call('POST', 'tenants', {id: 'oulu', name: 'Oulu'}), 403, 'forbidden');
    const admin = await signIn(url, 'admin@kirjasto.example');
    const created = await json<{id: string; timeZone: string}>(await admin.call('POST', 'tenants', {id: 'oulu', name: 'Oulun kaupunginkirjasto', allowedOrigins: ['https://www.ouka.fi']}), 201);
    expect(created).toMatchObject({id: 'oulu', timeZone: 'Europe/Helsinki'});
    await expectProblem(await admin.call('POST', 'tenants', {id: 'oulu', name: 'Again'}), 409, 'id-taken');
    await expectProblem(await admin.call('POST', 'tenants', {id: 'Bad Id', name: 'x'}), 400, 'validation');
    const all = await json<{tenants: {id: string}[]}>(await admin.call('GET', 'tenants'), 200);
    expect(all.tenants.map((t) => t.id)).toEqual(expect.arrayContaining(['demo', 'other', 'oulu']));
  });
});

describe.each(STORES)('sign-in rate limits ($name)', (kind) => {
  it('limits failed attempts per account, and attempts per client key', async () => {
    const env = await setUpAdmin(kind, {rateLimitSignIns: 15});
    try {
      for (let i = 0; i < 10; i++) await expectProblem(await signInRequest(env.url, demoEmail('owner'), `wrong-${i}`), 401, 'sign-in-failed');
      // The right password too: the account is locked for the window, whoever tries.
      const locked = await signInRequest(env.url, demoEmail('owner'), DEMO_PASSWORD);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      await expectProblem(locked, 429, 'rate-limited');
      // Another account still signs in, until this client has used its 15 attempts.
      expect((await signInRequest(env.url, demoEmail('editor'), DEMO_PASSWORD)).status).toBe(201);
      for (let i = 0; i < 3; i++) await signInRequest(env.url, demoEmail('viewer'), `wrong-${i}`);
      await expectProblem(await signInRequest(env.url, demoEmail('moderator'), DEMO_PASSWORD), 429, 'rate-limited');
    } finally {
      await env.tearDown();
    }
  });
});
