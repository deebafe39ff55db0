import {randomBytes} from 'node:crypto';
import type {Queryable} from '../db/db.js';
import {hashPassword} from './password.js';
import type {Role} from './roles.js';

/** A staff member: one account, any number of libraries, one role in each. */
export interface User {
  id: string;
  email: string;
  name: string;
  regionalAdmin: boolean;
  passwordHash: string | null;
  memberships: {tenantId: string; role: Role}[];
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const newUserId = () => `usr-${randomBytes(8).toString('hex')}`;

interface UserRow {
  id: string;
  email: string;
  name: string;
  regional_admin: boolean;
  password_hash: string | null;
  memberships: {tenantId: string; role: Role}[] | null;
}

const SELECT_USER = `
  select u.id, u.email, u.name, u.regional_admin, u.password_hash,
         (select json_agg(json_build_object('tenantId', m.tenant_id, 'role', m.role) order by m.tenant_id)
            from memberships m where m.user_id = u.id) as memberships
    from users u`;

const userOf = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  regionalAdmin: row.regional_admin,
  passwordHash: row.password_hash,
  memberships: row.memberships ?? [],
});

export async function findUser(db: Queryable, id: string): Promise<User | undefined> {
  const [row] = await db.query<UserRow>(`${SELECT_USER} where u.id = $1`, [id]);
  return row && userOf(row);
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
  const [row] = await db.query<UserRow>(`${SELECT_USER} where lower(u.email) = $1`, [normalizeEmail(email)]);
  return row && userOf(row);
}

/** Finds the user by email or creates them; a password given replaces the stored one. */
export async function ensureUser(
  db: Queryable,
  spec: {email: string; name?: string; password?: string; regionalAdmin?: boolean},
): Promise<User> {
  const passwordHash = spec.password === undefined ? null : await hashPassword(spec.password);
  const existing = await findUserByEmail(db, spec.email);
  if (existing) {
    await db.query(
      `update users set password_hash = coalesce($2, password_hash), regional_admin = regional_admin or $3,
              name = case when $4 = '' then name else $4 end where id = $1`,
      [existing.id, passwordHash, spec.regionalAdmin ?? false, spec.name ?? ''],
    );
  } else {
    await db.query('insert into users (id, email, name, password_hash, regional_admin) values ($1, $2, $3, $4, $5)', [
      newUserId(),
      normalizeEmail(spec.email),
      spec.name ?? '',
      passwordHash,
      spec.regionalAdmin ?? false,
    ]);
  }
  return (await findUserByEmail(db, spec.email))!;
}

/** Gives the user this role in the tenant (replacing another role there). */
export async function setMembership(db: Queryable, tenantId: string, userId: string, role: Role): Promise<void> {
  await db.query(
    `insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)
     on conflict (tenant_id, user_id) do update set role = excluded.role`,
    [tenantId, userId, role],
  );
}

export async function removeMembership(db: Queryable, tenantId: string, userId: string): Promise<boolean> {
  return (await db.query('delete from memberships where tenant_id = $1 and user_id = $2 returning 1', [tenantId, userId])).length > 0;
}

export async function countOwners(db: Queryable, tenantId: string): Promise<number> {
  const [row] = await db.query<{n: number | string}>("select count(*) as n from memberships where tenant_id = $1 and role = 'owner'", [tenantId]);
  return Number(row!.n);
}

export const DEMO_PASSWORD = 'kirjasto-demo';
/** The demo library's staff, one per role, and the regional admin; demo only. */
export const DEMO_USERS: {email: string; name: string; role?: Role}[] = [
  {email: 'owner@demo.kirjasto.example', name: 'Olli Omistaja', role: 'owner'},
  {email: 'editor@demo.kirjasto.example', name: 'Eeva Editori', role: 'editor'},
  {email: 'moderator@demo.kirjasto.example', name: 'Maija Moderaattori', role: 'moderator'},
  {email: 'viewer@demo.kirjasto.example', name: 'Ville Katsoja', role: 'viewer'},
  {email: 'admin@kirjasto.example', name: 'Alue Ylläpitäjä'},
];

const DEMO_EMAILS = new Set(DEMO_USERS.map((u) => u.email));
/** The demo accounts have a published password: they work only while the server runs as a demo. */
export const isDemoAccount = (email: string) => DEMO_EMAILS.has(normalizeEmail(email));

/** Creates the demo users once (with tenant `demo`); a second start changes nothing. */
export async function seedDemoUsers(db: Queryable): Promise<boolean> {
  if ((await db.query("select 1 from tenants where id = 'demo'")).length === 0) return false;
  if (await findUserByEmail(db, DEMO_USERS[0]!.email)) return false;
  for (const demo of DEMO_USERS) {
    const user = await ensureUser(db, {email: demo.email, name: demo.name, password: DEMO_PASSWORD, regionalAdmin: demo.role === undefined});
    if (demo.role) await setMembership(db, 'demo', user.id, demo.role);
  }
  return true;
}
