import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ROLES} from '../src/auth/roles.js';
import {createApiToken} from '../src/auth/tokens.js';
import {Secrets} from '../src/secrets.js';
import {ADMIN_EMAIL, demoEmail, OTHER_OWNER, setUpAdmin, signIn, staffWith, type Staff} from './admin-helpers.js';
import {expectProblem, STORES} from './helpers.js';

interface Operation {
  method: string;
  path: string;
  roles: string[] | undefined;
}

/** Every operation of the admin API, from the served OpenAPI document. */
async function adminOperations(url: string): Promise<Operation[]> {
  const doc = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as {paths: Record<string, Record<string, {'x-kirjasto-roles'?: string[]}>>};
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/v1/admin/'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({method: method.toUpperCase(), path, roles: op['x-kirjasto-roles']})));
}

/** The path with its parameters filled: the demo library, ids that exist where it matters. */
const concrete = (path: string) => path.replace('{tenant}', 'demo').replace('{id}', 'demo-poll').replace('{token}', 'x'.repeat(43));
const request = (url: string, op: Operation, headers: Record<string, string> = {}) =>
  fetch(`${url}${concrete(op.path)}`, {method: op.method, headers: {'Content-Type': 'application/json', 'If-Match': '*', ...headers}, body: op.method === 'GET' ? undefined : '{}'});
const call = (staff: Staff, op: Operation) => staff.call(op.method, concrete(op.path).slice('/api/v1/admin/'.length), op.method === 'GET' ? undefined : {}, {'If-Match': '*'});
const label = (op: Operation) => `${op.method} ${op.path}`;

// The only admin operations anyone may call: signing in (by password or through the library's OpenID
// provider), and accepting an invitation (its token is the credential).
const PUBLIC = ['POST /api/v1/admin/session', 'POST /api/v1/admin/invitations/{token}', 'GET /api/v1/admin/oidc/{tenant}/start', 'GET /api/v1/admin/oidc/{tenant}/callback'];

describe.each(STORES)('admin API access ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let url: string;
  let operations: Operation[];
  beforeAll(async () => {
    env = await setUpAdmin(kind);
    url = env.url;
    operations = await adminOperations(url);
  });
  afterAll(() => env?.tearDown());

  it('declares the roles of every operation but signing in and accepting an invitation', () => {
    expect(operations.length).toBeGreaterThan(25);
    expect(operations.filter((op) => op.roles === undefined).map(label).sort()).toEqual([...PUBLIC].sort());
  });

  it('answers 401 problem+json to every operation without a session or token, or with a bad one', async () => {
    for (const op of operations.filter((o) => o.roles !== undefined)) {
      await expectProblem(await request(url, op), 401, 'unauthorized').catch((e: Error) => Promise.reject(new Error(`${label(op)}: ${e.message}`)));
      await expectProblem(await request(url, op, {Cookie: 'kirjasto_session=' + 'A'.repeat(43)}), 401, 'unauthorized');
      await expectProblem(await request(url, op, {Authorization: 'Bearer kt_not-a-token-of-anyone-at-all'}), 401, 'unauthorized');
    }
  });

  it('answers 403 to a session of another library, to each role too weak, and to tokens, on every operation', async () => {
    const other = await signIn(url, OTHER_OWNER);
    const staff = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await signIn(url, demoEmail(role))] as const)));
    const tokens = await Promise.all(
      (['editor', 'moderator', 'viewer'] as const).map(async (role) => ({
        role,
        token: (await createApiToken(env.store.db, new Secrets(env.store.db), {tenantId: 'demo', name: `walk ${role}`, roles: [role], createdBy: 'test'})).token,
      })),
    );
    let refused = 0;
    for (const op of operations.filter((o) => o.roles !== undefined && !o.roles.includes('any'))) {
      const fail = (who: string) => (e: Error) => Promise.reject(new Error(`${label(op)} as ${who}: ${e.message}`));
      await expectProblem(await call(other, op), 403, 'forbidden').catch(fail('owner of another library'));
      refused++;
      for (const role of ROLES.filter((r) => !op.roles!.includes(r))) {
        await expectProblem(await call(staff[role]!, op), 403, 'forbidden').catch(fail(role));
        refused++;
      }
      for (const {role, token} of tokens.filter((t) => !op.roles!.includes(t.role))) {
        await expectProblem(await request(url, op, {Authorization: `Bearer ${token}`}), 403, 'forbidden').catch(fail(`${role} token`));
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(60);
  });

  it('refuses a state-changing request of a session without its CSRF token', async () => {
    const owner = await signIn(url, demoEmail('owner'));
    for (const op of operations.filter((o) => o.roles !== undefined && o.method !== 'GET')) {
      const noCsrf = staffWith(url, owner.cookie, '');
      const forged = staffWith(url, owner.cookie, 'x'.repeat(owner.csrf.length));
      await expectProblem(await noCsrf.call(op.method, concrete(op.path).slice(14), {}), 403, 'csrf-token-invalid');
      await expectProblem(await forged.call(op.method, concrete(op.path).slice(14), {}), 403, 'csrf-token-invalid');
    }
    // the owner's session is still there: nothing above acted
    expect((await owner.call('GET', 'session')).status).toBe(200);
  });

  it('lets the regional admin act in every library', async () => {
    const admin = await signIn(url, ADMIN_EMAIL);
    expect((await admin.call('GET', 'tenants/other/users')).status).toBe(200);
    expect((await admin.call('GET', 'tenants/demo/polls')).status).toBe(200);
  });
});
