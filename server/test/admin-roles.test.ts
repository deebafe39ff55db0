import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ROLES} from '../src/auth/roles.js';
import {ADMIN_EMAIL, demoEmail, json, setUpAdmin, signIn} from './admin-helpers.js';
import {STORES} from './helpers.js';

interface StaffSession {
  tenants: {id: string; role: string; may: string[]}[];
}

describe.each(STORES)('what the session tells the console each role may do ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  beforeAll(async () => {
    env = await setUpAdmin(kind);
  });
  afterAll(() => env?.tearDown());

  const mayOf = async (email: string) => {
    const session = await json<StaffSession>(await (await signIn(env.url, email)).call('GET', 'session'), 200);
    return session.tenants.find((t) => t.id === 'demo')!.may;
  };

  it('lists the capabilities of each role in each library', async () => {
    expect(await mayOf(demoEmail('owner'))).toEqual(['read', 'edit', 'moderate', 'audit', 'manage']);
    expect(await mayOf(demoEmail('editor'))).toEqual(['read', 'edit', 'audit']);
    expect(await mayOf(demoEmail('moderator'))).toEqual(['read', 'moderate', 'audit']);
    expect(await mayOf(demoEmail('viewer'))).toEqual(['read']);
  });

  it('agrees with the roles every operation of the OpenAPI document declares', async () => {
    const doc = (await (await fetch(`${env.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, {'x-kirjasto-roles'?: string[]; 'x-kirjasto-capability'?: string}>>;
    };
    const may = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await mayOf(demoEmail(role))] as const)));
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/v1/admin/tenants/{tenant}'))) {
      for (const [method, op] of Object.entries(methods)) {
        const capability = op['x-kirjasto-capability'];
        if (!capability || !op['x-kirjasto-roles']) continue;
        for (const role of ROLES) expect(op['x-kirjasto-roles'].includes(role), `${method} ${path} for ${role}`).toBe(may[role]!.includes(capability));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('gives the regional admin every capability', async () => {
    const session = await json<StaffSession>(await (await signIn(env.url, ADMIN_EMAIL)).call('GET', 'session'), 200);
    for (const tenant of session.tenants) expect(tenant.may).toEqual(['read', 'edit', 'moderate', 'audit', 'manage']);
  });
});
