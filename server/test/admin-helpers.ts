import {expect} from 'vitest';
import {DEMO_PASSWORD, ensureUser, seedDemoUsers, setMembership} from '../src/auth/accounts.js';
import type {Role} from '../src/auth/roles.js';
import type {Db} from '../src/db/db.js';
import {insertTenant} from '../src/tenants/store.js';
import {setUp, testConfig, type StoreKind} from './helpers.js';

export interface Staff {
  cookie: string;
  csrf: string;
  /** A call to /api/v1/admin/<path> with the session cookie and, for writes, the CSRF token. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export const demoEmail = (role: Role) => `${role}@demo.kirjasto.example`;
export const ADMIN_EMAIL = 'admin@kirjasto.example';
export const OTHER_OWNER = 'owner@other.example';

/** The demo store and server with the demo staff, and a second library `other` with its own owner. */
export async function setUpAdmin(kind: StoreKind, overrides: Parameters<typeof testConfig>[0] = {}) {
  const env = await setUp(kind, testConfig({demo: true, rateLimitSignIns: 100_000, ...overrides}));
  await seedStaff(env.store.db);
  return env;
}

export async function seedStaff(db: Db) {
  await seedDemoUsers(db);
  await insertTenant(db, {id: 'other', name: 'Toinen kirjasto', allowedOrigins: []});
  const other = await ensureUser(db, {email: OTHER_OWNER, password: DEMO_PASSWORD});
  await setMembership(db, 'other', other.id, 'owner');
}

export function signInRequest(url: string, email: string, password: string) {
  return fetch(`${url}/api/v1/admin/session`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({email, password})});
}

const cookieOf = (response: Response) => /kirjasto_session=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';

/** Signs in and returns the session's cookie, CSRF token and a caller. */
export async function signIn(url: string, email: string, password = DEMO_PASSWORD): Promise<Staff> {
  const response = await signInRequest(url, email, password);
  expect(response.status, `sign-in of ${email}`).toBe(201);
  const body = (await response.json()) as {csrfToken: string};
  return staffWith(url, cookieOf(response), body.csrfToken);
}

export function staffWith(url: string, cookie: string, csrf: string): Staff {
  return {
    cookie,
    csrf,
    call: (method, path, body, headers = {}) =>
      fetch(`${url}/api/v1/admin/${path}`, {
        method,
        headers: {
          Cookie: `kirjasto_session=${cookie}`,
          ...(method === 'GET' ? {} : {'X-CSRF-Token': csrf}),
          ...(body !== undefined ? {'Content-Type': 'application/json'} : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

export const json = async <T = Record<string, unknown>>(response: Response, status: number): Promise<T> => {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
};
