import {cp, mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createTenantToken} from '../src/auth/tokens.js';
import {migrate, MIGRATIONS_DIR} from '../src/db/migrate.js';
import {Secrets} from '../src/secrets.js';
import {insertTenant} from '../src/tenants/store.js';
import {expectProblem, startServer, STORES, testConfig, type OpenedStore} from './helpers.js';

describe.each(STORES)('migration 005 on a database in use ($name)', (kind) => {
  let store: OpenedStore;
  let before: string;
  beforeAll(async () => {
    store = await kind.open();
    before = await mkdtemp(join(tmpdir(), 'kirjasto-migrations-'));
    for (const file of (await readdir(MIGRATIONS_DIR)).filter((f) => f < '005')) await cp(join(MIGRATIONS_DIR, file), join(before, file));
  });
  afterAll(async () => {
    await store?.cleanup();
    await rm(before, {recursive: true, force: true});
  });

  it('keeps the moderation tokens working as moderator API tokens, and the moderation log in the audit log', async () => {
    const db = store.db;
    await migrate(db, before);
    await insertTenant(db, {id: 'vanha', name: 'Vanha kirjasto', allowedOrigins: []});
    // A token and an audit row as the server before 005 stored them.
    const token = 'old-moderation-token-1234567890';
    await db.query('insert into tenant_tokens (token_hash, tenant_id, label) values ($1, $2, $3)', [
      (await new Secrets(db).mac(`tenant-token:${token}`)).toString('hex'),
      'vanha',
      'Kaisa',
    ]);
    await db.query("insert into moderation_audit (tenant_id, actor, action, idea_id, detail) values ('vanha', 'Kaisa', 'publish', 'idea-1', '{\"from\": \"pending\"}')");
    expect(await migrate(db)).toContain('005_admin');
    const server = await startServer(db, testConfig());
    try {
      const log = await fetch(`${server.url}/api/v1/admin/tenants/vanha/audit-log`, {headers: {Authorization: `Bearer ${token}`}});
      expect(log.status).toBe(200);
      const {entries} = (await log.json()) as {entries: {actor: string; action: string; kind: string; subject: string; after: unknown}[]};
      expect(entries).toEqual([expect.objectContaining({actor: 'Kaisa', action: 'publish', kind: 'idea', subject: 'idea-1', after: {from: 'pending'}})]);
      const [row] = await db.query<{id: string; roles: string[]}>("select id, roles from tenant_tokens where tenant_id = 'vanha'");
      expect(row).toMatchObject({id: expect.stringMatching(/^tok-[0-9a-f]{16}$/), roles: ['moderator']});
      await expectProblem(await fetch(`${server.url}/api/v1/admin/tenants/vanha/polls`, {method: 'POST', headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'}, body: '{}'}), 403, 'forbidden');
      // New tokens made the old way still work too.
      const made = await createTenantToken(db, new Secrets(db), {tenantId: 'vanha', label: 'later'});
      expect((await fetch(`${server.url}/api/v1/admin/tenants/vanha/idea-boxes/x/ideas`, {headers: {Authorization: `Bearer ${made}`}})).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
