import {createRoute, z} from '@hono/zod-openapi';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import {apiApp, dateTime, json, problems} from '../http/contract.js';
import {ADMIN_PROBLEMS, NO_STORE, tenantParams} from './http.js';

/** One admin write, recorded in its transaction: who, what, on which thing, the state before and after. */
export interface AuditRecord {
  tenantId: string | null;
  actor: string;
  action: string;
  kind: string;
  id: string | null;
  before?: unknown;
  after?: unknown;
}

export async function audit(db: Queryable, entry: AuditRecord): Promise<void> {
  await db.query(
    'insert into audit_log (tenant_id, actor, action, subject_kind, subject_id, before, after) values ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb)',
    [entry.tenantId, entry.actor, entry.action, entry.kind, entry.id, JSON.stringify(entry.before ?? null), JSON.stringify(entry.after ?? null)],
  );
}

export const AuditEntrySchema = z
  .strictObject({
    id: z.string(),
    at: dateTime(),
    tenantId: z.string().nullable(),
    actor: z.string().openapi({description: "The user's email, or token:<name>"}),
    action: z.string().openapi({description: 'create, update, delete, publish, hide, reject, merge, …'}),
    kind: z.string().openapi({description: 'poll, rating, idea-box, idea, branch, user, token, kiosk, tenant, origins'}),
    subject: z.string().nullable().openapi({description: 'The id of the thing acted on'}),
    before: z.unknown().openapi({description: 'The state before (null for a create); never a password or secret'}),
    after: z.unknown().openapi({description: 'The state after (null for a delete)'}),
  })
  .openapi('AuditEntry');
export const AuditLogSchema = z.strictObject({entries: z.array(AuditEntrySchema), nextCursor: z.string().nullable()}).openapi('AuditLog');

const LIMIT_MAX = 200;

export function auditApi(deps: AppDeps) {
  const app = apiApp<AdminEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/audit-log',
      operationId: 'adminAuditLog',
      summary: "The library's admin actions, newest first",
      ...access('audit'),
      middleware: [authenticate(deps), requireCapability(deps, 'audit')] as const,
      request: {
        params: tenantParams,
        query: z.object({
          limit: z.coerce.number({error: `An integer 1–${LIMIT_MAX}`}).int().min(1).max(LIMIT_MAX).default(50),
          before: z.string().regex(/^\d{1,18}$/, 'An entry id').optional().openapi({description: 'The nextCursor of the previous page'}),
          kind: z.string().max(32).optional(),
        }),
      },
      responses: {200: {description: 'Entries', content: json(AuditLogSchema)}, ...problems('validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {limit, before, kind} = c.req.valid('query');
      const rows = await deps.db.query<{id: string | number; at: Date | string; tenant_id: string | null; actor: string; action: string; subject_kind: string; subject_id: string | null; before: unknown; after: unknown}>(
        `select id, at, tenant_id, actor, action, subject_kind, subject_id, before, after from audit_log
          where tenant_id = $1 and ($2::bigint is null or id < $2::bigint) and ($3::text is null or subject_kind = $3)
          order by id desc limit $4`,
        [c.req.valid('param').tenant, before ?? null, kind ?? null, limit + 1],
      );
      const entries = rows.slice(0, limit).map((r) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        tenantId: r.tenant_id,
        actor: r.actor,
        action: r.action,
        kind: r.subject_kind,
        subject: r.subject_id,
        before: r.before,
        after: r.after,
      }));
      return c.json({entries, nextCursor: rows.length > limit ? entries.at(-1)!.id : null}, 200, NO_STORE);
    },
  );
  return app;
}
