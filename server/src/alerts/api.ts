import {randomBytes} from 'node:crypto';
import {createRoute, z} from '@hono/zod-openapi';
import {audit} from '../admin/audit.js';
import {ADMIN_PROBLEMS, assertIfMatch, EDIT_PROBLEMS, ETAG_HEADER, etagHeaders, idOf, ifMatchHeaders, newId, NO_STORE, tenantIdParams, tenantParams, WRITE_PROBLEMS} from '../admin/http.js';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {apiApp, json, jsonBody, jsonRequest, problems} from '../http/contract.js';
import {Problem, validationProblem} from '../http/problem.js';
import {enqueue} from './queue.js';
import {refusedWebhookUrl, type WebhookPolicy} from './webhook-address.js';
import {
  AlertSettingsInputSchema,
  AlertSettingsSchema,
  CreatedWebhookSchema,
  DELIVERY_STATUSES,
  DeliverySchema,
  NewWebhookSchema,
  WebhookPatchSchema,
  WebhookSchema,
} from './schema.js';

type Settings = z.infer<typeof AlertSettingsSchema>;
type Surge = Settings['surge'];

export const DEFAULT_SURGE: Surge = {enabled: true, minAnswers: 4, windowMinutes: 15, lowShare: 0.5, cooldownMinutes: 120};

interface SettingsRow {
  branch_id: string;
  surge_enabled: boolean;
  surge_min_answers: number;
  surge_window_minutes: number;
  surge_low_share: string | number;
  surge_cooldown_minutes: number;
  digest_enabled: boolean;
  last_week: string | null;
  recipients: string[];
  version: number;
}

const surgeOf = (r: SettingsRow): Surge => ({
  enabled: r.surge_enabled,
  minAnswers: r.surge_min_answers,
  windowMinutes: r.surge_window_minutes,
  lowShare: Number(r.surge_low_share),
  cooldownMinutes: r.surge_cooldown_minutes,
});

/** The library's settings and their version: the library row's, which every save writes (1 before the first, as a new row starts). */
export async function readVersionedSettings(db: Queryable, tenantId: string): Promise<{settings: Settings; version: number}> {
  const rows = await db.query<SettingsRow>(
    `select branch_id, surge_enabled, surge_min_answers, surge_window_minutes, surge_low_share, surge_cooldown_minutes,
            digest_enabled, digest_last_week::text as last_week, recipients, version
       from alert_settings s where tenant_id = $1
        and (branch_id = '' or exists (select 1 from branches b where b.id = s.branch_id and b.tenant_id = s.tenant_id))
      order by branch_id`,
    [tenantId],
  );
  const library = rows.find((r) => r.branch_id === '');
  const settings = {
    surge: library ? surgeOf(library) : DEFAULT_SURGE,
    digest: {enabled: library?.digest_enabled ?? false, lastWeek: library?.last_week ?? null},
    recipients: library?.recipients ?? [],
    branches: rows.filter((r) => r.branch_id !== '').map((r) => ({branch: r.branch_id, surge: surgeOf(r), recipients: r.recipients})),
  };
  return {settings, version: library?.version ?? 1};
}

export const readSettings = async (db: Queryable, tenantId: string): Promise<Settings> => (await readVersionedSettings(db, tenantId)).settings;

interface WebhookRow {
  id: string;
  url: string;
  description: string;
  enabled: boolean;
  created_at: Date | string;
}
const webhookOf = (r: WebhookRow) => ({id: r.id, url: r.url, description: r.description, enabled: r.enabled, createdAt: new Date(r.created_at).toISOString()});
const findWebhook = async (db: Queryable, tenantId: string, id: string) =>
  (await db.query<WebhookRow>('select id, url, description, enabled, created_at from alert_webhooks where tenant_id = $1 and id = $2', [tenantId, idOf(id, 'webhook')]))[0];
const webhookNotFound = (id: string) => new Problem('not-found', {detail: `There is no webhook endpoint "${id}" in this library.`});

/** Refuses an address webhooks may not go to, naming the field; `reason` (https-required, internal-address) is for the console. */
async function checkWebhookUrl(url: string, policy: WebhookPolicy): Promise<void> {
  const refused = await refusedWebhookUrl(url, policy);
  if (refused) throw new Problem('validation', {errors: [{path: '/url', message: refused.message}], extensions: {reason: refused.reason}});
}

/** A Standard Webhooks signing secret: whsec_ and 24 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/**
 * Alerts and digests of one library: owners set them and the webhook endpoints, moderators and owners
 * see what was delivered and what failed. Every write is audited (never a webhook secret).
 */
export function alertApi(deps: AppDeps) {
  const {db} = deps;
  const app = apiApp<AdminEnv>();
  const guard = (capability: 'moderate' | 'manage') => [authenticate(deps), requireCapability(deps, capability)] as const;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/alerts',
      operationId: 'adminGetAlerts',
      summary: "The library's alert and digest settings",
      ...access('moderate'),
      middleware: [...guard('moderate')] as const,
      request: {params: tenantParams},
      responses: {200: {description: 'Settings, with the ETag to send back in If-Match', headers: ETAG_HEADER, content: json(AlertSettingsSchema)}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {settings, version} = await readVersionedSettings(db, c.req.valid('param').tenant);
      return c.json(settings, 200, etagHeaders(version));
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/tenants/{tenant}/alerts',
      operationId: 'adminPutAlerts',
      summary: 'Set the alerts: low-rating surges (the library and branches of their own), the weekly digest, recipients',
      description: 'With If-Match: the ETag of the settings being edited (428 without it, 412 when someone else saved since).',
      ...access('manage'),
      middleware: [...guard('manage'), jsonBody()] as const,
      request: {params: tenantParams, headers: ifMatchHeaders, body: jsonRequest(AlertSettingsInputSchema)},
      responses: {200: {description: 'Saved', headers: ETAG_HEADER, content: json(AlertSettingsSchema)}, ...problems(...EDIT_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const input = c.req.valid('json');
      const saved = await db.transaction(async (tx) => {
        // The library row is the lock of the whole: made first (as the defaults) so that two first saves queue on it too.
        await tx.query(`insert into alert_settings (tenant_id, branch_id) values ($1, '') on conflict do nothing`, [tenant]);
        const [library] = await tx.query<{version: number}>(`select version from alert_settings where tenant_id = $1 and branch_id = '' for update`, [tenant]);
        assertIfMatch(c, library!.version);
        const known = new Set((await tx.query<{id: string}>('select id from branches where tenant_id = $1', [tenant])).map((r) => r.id));
        const errors = input.branches.flatMap((b, i) => (known.has(b.branch) ? [] : [{path: `/branches/${i}/branch`, message: 'Not a branch of this library'}]));
        const seen = new Set<string>();
        input.branches.forEach((b, i) => {
          if (seen.has(b.branch)) errors.push({path: `/branches/${i}/branch`, message: 'This branch is listed twice'});
          seen.add(b.branch);
        });
        if (errors.length > 0) throw validationProblem(errors);
        const before = await readSettings(tx, tenant);
        const scopes = [{branch: '', surge: input.surge, recipients: input.recipients, digest: input.digest.enabled}, ...input.branches.map((b) => ({...b, digest: false}))];
        await tx.query(`delete from alert_settings where tenant_id = $1 and branch_id <> all($2::text[])`, [tenant, scopes.map((s) => s.branch)]);
        for (const s of scopes) {
          await tx.query(
            `insert into alert_settings (tenant_id, branch_id, surge_enabled, surge_min_answers, surge_window_minutes, surge_low_share, surge_cooldown_minutes, digest_enabled, recipients)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[])
             on conflict (tenant_id, branch_id) do update set surge_enabled = excluded.surge_enabled, surge_min_answers = excluded.surge_min_answers,
               surge_window_minutes = excluded.surge_window_minutes, surge_low_share = excluded.surge_low_share,
               surge_cooldown_minutes = excluded.surge_cooldown_minutes, digest_enabled = excluded.digest_enabled,
               recipients = excluded.recipients, version = alert_settings.version + 1`,
            [tenant, s.branch, s.surge.enabled, s.surge.minAnswers, s.surge.windowMinutes, s.surge.lowShare, s.surge.cooldownMinutes, s.digest, s.recipients],
          );
        }
        const after = await readVersionedSettings(tx, tenant);
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'update', kind: 'alerts', id: tenant, before, after: after.settings});
        return after;
      });
      return c.json(saved.settings, 200, etagHeaders(saved.version));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/webhooks',
      operationId: 'adminListWebhooks',
      summary: "The library's webhook endpoints (without their secrets)",
      ...access('moderate'),
      middleware: [...guard('moderate')] as const,
      request: {params: tenantParams},
      responses: {200: {description: 'Endpoints', content: json(z.object({webhooks: z.array(WebhookSchema)}).openapi('Webhooks'))}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const rows = await db.query<WebhookRow>('select id, url, description, enabled, created_at from alert_webhooks where tenant_id = $1 order by created_at, id', [c.req.valid('param').tenant]);
      return c.json({webhooks: rows.map(webhookOf)}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenants/{tenant}/webhooks',
      operationId: 'adminCreateWebhook',
      summary: 'Add a webhook endpoint; its signing secret is in this answer only',
      description:
        'The address must be https:// (http:// only if the operator allows it) and resolve to public addresses only: a loopback, private, link-local, ' +
        'unspecified or multicast address is refused as `validation` with `reason` `https-required` or `internal-address`, and checked again at every send.',
      ...access('manage'),
      middleware: [...guard('manage'), jsonBody()] as const,
      request: {params: tenantParams, body: jsonRequest(NewWebhookSchema)},
      responses: {201: {description: 'Created', content: json(CreatedWebhookSchema)}, ...problems(...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const body = c.req.valid('json');
      await checkWebhookUrl(body.url, deps.config);
      const id = newId('hook');
      const secret = newWebhookSecret();
      const row = await db.transaction(async (tx) => {
        await tx.query('insert into alert_webhooks (id, tenant_id, url, secret, description, enabled) values ($1, $2, $3, $4, $5, $6)', [id, tenant, body.url, secret, body.description, body.enabled]);
        const created = (await findWebhook(tx, tenant, id))!;
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'create', kind: 'webhook', id, after: webhookOf(created)});
        return created;
      });
      return c.json({...webhookOf(row), secret}, 201, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/tenants/{tenant}/webhooks/{id}',
      operationId: 'adminUpdateWebhook',
      summary: "Change a webhook endpoint's address or description, or turn it off or on",
      ...access('manage'),
      middleware: [...guard('manage'), jsonBody()] as const,
      request: {params: tenantIdParams, body: jsonRequest(WebhookPatchSchema)},
      responses: {200: {description: 'Saved', content: json(WebhookSchema)}, ...problems(...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const patch = c.req.valid('json');
      if (patch.url !== undefined) await checkWebhookUrl(patch.url, deps.config);
      const row = await db.transaction(async (tx) => {
        const before = await findWebhook(tx, tenant, id);
        if (!before) throw webhookNotFound(id);
        await tx.query('update alert_webhooks set url = $3, description = $4, enabled = $5 where tenant_id = $1 and id = $2', [
          tenant,
          id,
          patch.url ?? before.url,
          patch.description ?? before.description,
          patch.enabled ?? before.enabled,
        ]);
        const after = (await findWebhook(tx, tenant, id))!;
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'update', kind: 'webhook', id, before: webhookOf(before), after: webhookOf(after)});
        return after;
      });
      return c.json(webhookOf(row), 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/tenants/{tenant}/webhooks/{id}',
      operationId: 'adminDeleteWebhook',
      summary: 'Remove a webhook endpoint (its queued deliveries fail as removed)',
      ...access('manage'),
      middleware: [...guard('manage')] as const,
      request: {params: tenantIdParams},
      responses: {204: {description: 'Removed'}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      await db.transaction(async (tx) => {
        const before = await findWebhook(tx, tenant, id);
        if (!before) throw webhookNotFound(id);
        await tx.query('delete from alert_webhooks where tenant_id = $1 and id = $2', [tenant, id]);
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'delete', kind: 'webhook', id, before: webhookOf(before)});
      });
      return c.body(null, 204, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/alerts/deliveries',
      operationId: 'adminListAlertDeliveries',
      summary: 'Alert, digest and test deliveries, newest first: status, attempts, the last error',
      ...access('moderate'),
      middleware: [...guard('moderate')] as const,
      request: {
        params: tenantParams,
        query: z.object({
          status: z.enum(DELIVERY_STATUSES).optional(),
          limit: z.coerce.number({error: 'An integer 1–200'}).int().min(1).max(200).default(50),
        }),
      },
      responses: {200: {description: 'Deliveries', content: json(z.object({deliveries: z.array(DeliverySchema)}).openapi('AlertDeliveries'))}, ...problems('validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {status, limit} = c.req.valid('query');
      const rows = await db.query<{
        id: string | number;
        message_id: string;
        event_type: string;
        channel: 'email' | 'webhook';
        target: string;
        status: (typeof DELIVERY_STATUSES)[number];
        attempts: number;
        last_error: string | null;
        next_attempt_at: Date | string;
        delivered_at: Date | string | null;
        created_at: Date | string;
      }>(
        `select * from (
           select id, message_id, event_type, channel, target, attempts, last_error, next_attempt_at, delivered_at, created_at,
                  case when delivered_at is not null then 'delivered' when failed_at is not null then 'failed'
                       when attempts > 0 then 'retrying' else 'pending' end as status
             from alert_deliveries where tenant_id = $1) d
          where $2::text is null or d.status = $2 order by id desc limit $3`,
        [c.req.valid('param').tenant, status ?? null, limit],
      );
      const deliveries = rows.map((r) => ({
        id: String(r.id),
        messageId: r.message_id,
        eventType: r.event_type,
        channel: r.channel,
        target: r.target,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        nextAttemptAt: r.status === 'pending' || r.status === 'retrying' ? iso(r.next_attempt_at) : null,
        deliveredAt: iso(r.delivered_at),
        createdAt: iso(r.created_at)!,
      }));
      return c.json({deliveries}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenants/{tenant}/alerts/test',
      operationId: 'adminTestAlerts',
      summary: "Queue a test message to the library's recipients and webhook endpoints (or one endpoint)",
      ...access('manage'),
      middleware: [...guard('manage'), jsonBody({optional: true})] as const,
      request: {params: tenantParams, body: {required: false, content: json(z.strictObject({webhook: z.string().optional()}).openapi('AlertTest'))}},
      responses: {202: {description: 'Queued', content: json(z.object({queued: z.number().int()}).openapi('AlertTestQueued'))}, ...problems(...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const {webhook} = c.req.valid('json') ?? {};
      const queued = await db.transaction(async (tx) => {
        if (webhook !== undefined && !(await findWebhook(tx, tenant, webhook))) throw webhookNotFound(webhook);
        const settings = await readSettings(tx, tenant);
        const event = {type: 'alerts.test' as const, timestamp: new Date().toISOString(), data: {tenant}};
        const n = await enqueue(tx, tenant, event, webhook === undefined ? settings.recipients : [], webhook);
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'test', kind: 'alerts', id: tenant, after: {queued: n, webhook: webhook ?? null}});
        return n;
      });
      return c.json({queued}, 202, NO_STORE);
    },
  );
  return app;
}
