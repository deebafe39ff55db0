import {createRoute, z} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, requireRegionalAdmin, type AdminEnv} from '../auth/principal.js';
import {ROLES} from '../auth/roles.js';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {apiApp, json, jsonBody, jsonRequest, problems, type Text, TextSchema} from '../http/contract.js';
import {Problem, validationProblem} from '../http/problem.js';
import {PATRON_LANGUAGES} from '../languages.js';
import {DEFAULT_CONTENT_LANGUAGES} from '../pages/tenant-look.js';
import {DEFAULT_TIME_ZONE} from '../tenants/time.js';
import {audit} from './audit.js';
import {nonEmptyText, purgeContent} from './content.js';
import {ADMIN_PROBLEMS, assertIfMatch, EDIT_PROBLEMS, ETAG_HEADER, etagHeaders, ifMatchHeaders, isUniqueViolation, NO_STORE, slugField, tenantParams, WRITE_PROBLEMS} from './http.js';

const ORIGIN_SHAPE = /^https?:\/\/[a-z0-9.-]+(?::(?:\d{1,5}|\*))?$|^https?:\/\/\[[0-9a-f:.]+\](?::(?:\d{1,5}|\*))?$/;

/** scheme://host[:port] exactly, lower case, no path; `:*` for any port of a development host. */
export const originField = () =>
  z
    .string()
    .trim()
    .max(300)
    .refine((value) => {
      if (!ORIGIN_SHAPE.test(value)) return false;
      try {
        return new URL(value.replace(/:\*$/, '')).origin === value.replace(/:\*$/, '');
      } catch {
        return false;
      }
    }, 'An origin: scheme://host[:port] in lower case, no path or trailing slash (e.g. https://www.ouka.fi)')
    .openapi({example: 'https://www.ouka.fi'});

/** An IANA time zone as the runtime knows it, stored in its canonical spelling (europe/helsinki → Europe/Helsinki). */
const timeZoneField = () =>
  z
    .string()
    .max(100)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', {timeZone: tz});
        return true;
      } catch {
        return false;
      }
    }, 'An IANA time zone, e.g. Europe/Helsinki')
    .transform((tz) => new Intl.DateTimeFormat('en', {timeZone: tz}).resolvedOptions().timeZone)
    .openapi({type: 'string', example: 'Europe/Helsinki'});

export const AdminTenantSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    allowedOrigins: z.array(z.string()),
    role: z.enum(ROLES).nullable().openapi({description: "The caller's role in it (null for a regional admin who is not a member)"}),
  })
  .openapi('AdminTenant');
export const NewTenantSchema = z
  .object({
    id: slugField('library'),
    name: z.string().trim().min(1).max(200),
    timeZone: timeZoneField().default(DEFAULT_TIME_ZONE),
    allowedOrigins: z.array(originField()).max(50).default([]),
  })
  .openapi('NewTenant');
export const OriginsSchema = z.object({allowedOrigins: z.array(originField()).max(50)}).openapi('AllowedOrigins');

interface TenantRow {
  id: string;
  name: string;
  time_zone: string;
  allowed_origins: string[];
  version: number;
  role: (typeof ROLES)[number] | null;
}
const tenantView = (r: TenantRow) => ({id: r.id, name: r.name, timeZone: r.time_zone, allowedOrigins: r.allowed_origins, role: r.role});

const tenantsOf = (db: Queryable, userId: string | null, all: boolean, tenantId?: string) =>
  db.query<TenantRow>(
    `select t.id, t.name, t.time_zone, t.allowed_origins, t.version, m.role
       from tenants t left join memberships m on m.tenant_id = t.id and m.user_id = $1
      where ($2 or m.role is not null) and ($3::text is null or t.id = $3) order by t.name, t.id`,
    [userId, all, tenantId ?? null],
  );

/**
 * The console's languages, and the languages a library may serve its patrons in and write its texts
 * in: Northern Sami and plain Finnish are turned on per library (docs/languages.md).
 */
export const UI_LANGUAGES = ['fi', 'sv', 'en'] as const;
export const LIBRARY_LANGUAGES = PATRON_LANGUAGES;


/** #rgb or #rrggbb, any case; stored as #rrggbb in lower case. */
const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}){1,2}$/;
const brandColorField = () =>
  z
    .string()
    .regex(HEX_COLOR, 'A CSS hex colour: #rgb or #rrggbb, e.g. #0b5cad')
    .transform((hex) => (hex.length === 4 ? `#${[...hex.slice(1)].map((d) => d + d).join('')}` : hex).toLowerCase())
    .openapi({type: 'string', example: '#0b5cad'});
const logoUrlField = () =>
  z
    .url({protocol: /^https$/, error: 'An https:// address of the logo image'})
    .max(2000)
    .openapi({example: 'https://www.ouka.fi/logo.svg'});

const months = (max: number, description: string) => z.number().int().min(1).max(max).openapi({description});
export const RetentionSchema = z
  .strictObject({
    freeTextMonths: months(120, 'Rating comments, "other" answers and idea texts are deleted after this many months (default 24)'),
    contactMonths: months(12, 'Contact details of ideas are deleted after this many months at the latest (default 12)'),
    answeredContactDays: z.number().int().min(0).max(90).openapi({description: 'and this many days after the idea was answered (default 90)'}),
    rawMonths: months(120, 'Raw votes, rating answers and supports with their voter hashes are deleted after this many months, once counted in the reports (default 24)'),
  })
  .openapi('Retention', {description: 'How long what patrons wrote is kept; a daily job applies it (issue 11)'});
export const SmallNumbersSchema = z
  .strictObject({
    reportThreshold: z.number().int().min(3).max(100).openapi({description: 'A breakdown cell with fewer answers shows "too few answers to show" (default 5, never below 3)'}),
    freeTextThreshold: z.number().int().min(3).max(1000).openapi({description: 'Free text appears outside moderation only from this many answers (default 10)'}),
  })
  .openapi('SmallNumbers');

export const TenantSettingsSchema = z
  .strictObject({
    id: z.string(),
    name: TextSchema.openapi({description: "The library's name by language"}),
    defaultLanguage: z.enum(UI_LANGUAGES).openapi({description: 'The UI language of its staff and pages when nothing else says'}),
    languages: z.array(z.enum(LIBRARY_LANGUAGES)).openapi({
      description:
        'The languages the library serves patrons in (the kiosk\'s language buttons) and writes its texts in, in the order the console offers them; se turns Northern Sami on, fi-x-selko plain Finnish',
    }),
    timeZone: z.string().openapi({description: "IANA time zone: the library's day for daily limits and schedules"}),
    brandColor: z.string().nullable().openapi({description: '#rrggbb, or null for the default'}),
    logoUrl: z.string().nullable(),
    allowedOrigins: z.array(z.string()).openapi({description: 'Also edited alone through …/origins (one version, one ETag)'}),
    retention: RetentionSchema,
    smallNumbers: SmallNumbersSchema,
  })
  .openapi('TenantSettings');
export const TenantSettingsPatchSchema = z
  .object({
    name: nonEmptyText().optional(),
    defaultLanguage: z.enum(UI_LANGUAGES).optional(),
    languages: z
      .array(z.enum(LIBRARY_LANGUAGES))
      .min(1)
      .refine((langs) => new Set(langs).size === langs.length, 'Each language once')
      .optional(),
    timeZone: timeZoneField().optional(),
    brandColor: brandColorField().nullable().optional(),
    logoUrl: logoUrlField().nullable().optional(),
    allowedOrigins: z.array(originField()).max(50).optional(),
    retention: RetentionSchema.partial().optional(),
    smallNumbers: SmallNumbersSchema.partial().optional(),
  })
  .openapi('TenantSettingsPatch');

interface SettingsRow {
  id: string;
  name: string;
  names: Text;
  default_language: (typeof UI_LANGUAGES)[number];
  languages: (typeof LIBRARY_LANGUAGES)[number][];
  time_zone: string;
  brand_color: string | null;
  logo_url: string | null;
  allowed_origins: string[];
  retention_free_text_months: number;
  retention_contact_months: number;
  retention_answered_contact_days: number;
  retention_raw_months: number;
  report_threshold: number;
  free_text_threshold: number;
  version: number;
}
const SETTINGS = `select id, name, names, default_language, languages, time_zone, brand_color, logo_url, allowed_origins,
  retention_free_text_months, retention_contact_months, retention_answered_contact_days, retention_raw_months,
  report_threshold, free_text_threshold, version from tenants where id = $1`;
const settingsView = (r: SettingsRow) => ({
  id: r.id,
  // A library made before its names were kept (or by the CLI) has its one name in the default language.
  name: Object.keys(r.names ?? {}).length > 0 ? r.names : {[r.default_language]: r.name},
  defaultLanguage: r.default_language,
  languages: r.languages?.length ? r.languages : [...DEFAULT_CONTENT_LANGUAGES],
  timeZone: r.time_zone,
  brandColor: r.brand_color,
  logoUrl: r.logo_url,
  allowedOrigins: r.allowed_origins,
  retention: {
    freeTextMonths: r.retention_free_text_months,
    contactMonths: r.retention_contact_months,
    answeredContactDays: r.retention_answered_contact_days,
    rawMonths: r.retention_raw_months,
  },
  smallNumbers: {reportThreshold: r.report_threshold, freeTextThreshold: r.free_text_threshold},
});
/** The one-string name (lists, the session): the default language's, else the first there is. */
const plainName = (names: Text, defaultLanguage: string, order: readonly string[]) =>
  [defaultLanguage, ...order, ...Object.keys(names)].map((lang) => names[lang]?.trim()).find((n) => n) ?? '';

export function tenantApi(deps: AppDeps) {
  const {db} = deps;
  const app = apiApp<AdminEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants',
      operationId: 'adminListTenants',
      summary: "The caller's libraries (every library for a regional admin)",
      ...access('signed-in'),
      middleware: [authenticate(deps)] as const,
      responses: {200: {description: 'Libraries', content: json(z.object({tenants: z.array(AdminTenantSchema)}).openapi('AdminTenants'))}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const who = c.get('principal');
      const rows =
        who.kind === 'token'
          ? (await db.query<TenantRow>('select id, name, time_zone, allowed_origins, version, null as role from tenants where id = $1', [[...who.roles.keys()][0]]))
          : (await tenantsOf(db, who.userId!, who.regionalAdmin)).filter((r) => who.regionalAdmin || who.roles.has(r.id));
      return c.json({tenants: rows.map(tenantView)}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenants',
      operationId: 'adminCreateTenant',
      summary: 'Create a library (regional admin)',
      ...access('regional-admin'),
      middleware: [authenticate(deps), requireRegionalAdmin, jsonBody()] as const,
      request: {body: jsonRequest(NewTenantSchema)},
      responses: {201: {description: 'Created', content: json(AdminTenantSchema)}, ...problems('id-taken', ...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const body = c.req.valid('json');
      const who = c.get('principal');
      const created = await db
        .transaction(async (tx) => {
          await tx.query('insert into tenants (id, name, time_zone, allowed_origins) values ($1, $2, $3, $4)', [body.id, body.name, body.timeZone, body.allowedOrigins]);
          const [row] = await tenantsOf(tx, who.userId ?? null, true, body.id);
          await audit(tx, {tenantId: body.id, actor: who.actor, action: 'create', kind: 'tenant', id: body.id, after: tenantView(row!)});
          return tenantView(row!);
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new Problem('id-taken', {detail: `There is already a library "${body.id}".`});
          throw error;
        });
      return c.json(created, 201, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}',
      operationId: 'adminGetTenantSettings',
      summary: "The library's settings, with their ETag (every member reads them: editors need the content languages)",
      ...access('read'),
      middleware: [authenticate(deps), requireCapability(deps, 'read')] as const,
      request: {params: tenantParams},
      responses: {200: {description: 'Settings', headers: ETAG_HEADER, content: json(TenantSettingsSchema)}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const [row] = await db.query<SettingsRow>(SETTINGS, [c.req.valid('param').tenant]);
      return c.json(settingsView(row!), 200, etagHeaders(row!.version));
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/tenants/{tenant}',
      operationId: 'adminUpdateTenantSettings',
      summary: "Change the library's settings (owner): names, languages, time zone, colour, logo, origins, retention, small numbers",
      ...access('manage'),
      middleware: [authenticate(deps), requireCapability(deps, 'manage'), jsonBody()] as const,
      request: {params: tenantParams, headers: ifMatchHeaders, body: jsonRequest(TenantSettingsPatchSchema)},
      responses: {200: {description: 'Saved', headers: ETAG_HEADER, content: json(TenantSettingsSchema)}, ...problems(...EDIT_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const patch = c.req.valid('json');
      const saved = await db.transaction(async (tx) => {
        const [before] = await tx.query<SettingsRow>(`${SETTINGS} for update`, [tenant]);
        assertIfMatch(c, before!.version);
        const was = settingsView(before!);
        const names = patch.name ?? was.name;
        const defaultLanguage = patch.defaultLanguage ?? was.defaultLanguage;
        const languages = patch.languages ?? was.languages;
        const retention = {...was.retention, ...patch.retention};
        const smallNumbers = {...was.smallNumbers, ...patch.smallNumbers};
        await tx.query(
          `update tenants set name = $2, names = $3, default_language = $4, languages = $5, time_zone = $6, brand_color = $7,
                  logo_url = $8, allowed_origins = $9, retention_free_text_months = $10, retention_contact_months = $11,
                  retention_answered_contact_days = $12, retention_raw_months = $13, report_threshold = $14,
                  free_text_threshold = $15, version = version + 1
            where id = $1`,
          [tenant, plainName(names, defaultLanguage, languages), names, defaultLanguage, languages, patch.timeZone ?? was.timeZone,
            patch.brandColor !== undefined ? patch.brandColor : was.brandColor, patch.logoUrl !== undefined ? patch.logoUrl : was.logoUrl,
            patch.allowedOrigins ? [...new Set(patch.allowedOrigins)] : was.allowedOrigins,
            retention.freeTextMonths, retention.contactMonths, retention.answeredContactDays, retention.rawMonths,
            smallNumbers.reportThreshold, smallNumbers.freeTextThreshold],
        );
        const [after] = await tx.query<SettingsRow>(SETTINGS, [tenant]);
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'update', kind: 'tenant', id: tenant, before: was, after: settingsView(after!)});
        return after!;
      });
      return c.json(settingsView(saved), 200, etagHeaders(saved.version));
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/tenants/{tenant}',
      operationId: 'adminDeleteTenant',
      summary: 'Delete a library with everything it holds (regional admin), naming its id in confirm',
      description:
        'Its polls, ratings, idea boxes with every answer, its branches, kiosks, tokens, settings and audit log go, and the staff ' +
        'accounts that belonged to no other library. The deletion itself stays in the regional audit log (no library).',
      ...access('regional-admin'),
      middleware: [authenticate(deps), requireRegionalAdmin] as const,
      request: {params: tenantParams, query: z.object({confirm: z.string().openapi({description: "The library's id, typed by the person deleting it"})})},
      responses: {204: {description: 'Deleted'}, ...problems('not-found', 'validation', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      if (c.req.valid('query').confirm !== tenant) {
        throw validationProblem([{path: '/confirm', message: `Type the library's id "${tenant}" to confirm`}]);
      }
      const who = c.get('principal');
      await db.transaction(async (tx) => {
        const [row] = await tx.query<SettingsRow>(`${SETTINGS} for update`, [tenant]);
        if (!row) throw new Problem('not-found', {detail: `There is no library "${tenant}".`});
        const counts = await deleteTenant(tx, tenant);
        await audit(tx, {tenantId: null, actor: who.actor, action: 'delete', kind: 'tenant', id: tenant, before: {name: settingsView(row).name}, after: counts});
      });
      return c.body(null, 204, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/origins',
      operationId: 'adminGetOrigins',
      summary: 'The web origins whose pages may embed and send to this library’s widgets',
      ...access('read'),
      middleware: [authenticate(deps), requireCapability(deps, 'read')] as const,
      request: {params: tenantParams},
      responses: {200: {description: 'Allowed origins', headers: {ETag: {schema: {type: 'string'}}}, content: json(OriginsSchema)}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const [row] = await db.query<TenantRow>('select allowed_origins, version from tenants where id = $1', [c.req.valid('param').tenant]);
      return c.json({allowedOrigins: row!.allowed_origins}, 200, etagHeaders(row!.version));
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/tenants/{tenant}/origins',
      operationId: 'adminSetOrigins',
      summary: 'Replace the allowed web origins (reaches every instance within 10 s)',
      ...access('manage'),
      middleware: [authenticate(deps), requireCapability(deps, 'manage'), jsonBody()] as const,
      request: {params: tenantParams, headers: ifMatchHeaders, body: jsonRequest(OriginsSchema)},
      responses: {200: {description: 'Saved', headers: {ETag: {schema: {type: 'string'}}}, content: json(OriginsSchema)}, ...problems(...EDIT_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const allowedOrigins = [...new Set(c.req.valid('json').allowedOrigins)];
      const version = await db.transaction(async (tx) => {
        const [row] = await tx.query<TenantRow>('select allowed_origins, version from tenants where id = $1 for update', [tenant]);
        assertIfMatch(c, row!.version);
        await tx.query('update tenants set allowed_origins = $2, version = version + 1 where id = $1', [tenant, allowedOrigins]);
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'update', kind: 'origins', id: tenant, before: row!.allowed_origins, after: allowedOrigins});
        return row!.version + 1;
      });
      return c.json({allowedOrigins}, 200, etagHeaders(version));
    },
  );
  return app;
}

/**
 * Deletes a library and everything it holds: each poll, rating and idea box as purgeContent does (the
 * rows that name them without a foreign key too), then the library (its branches, kiosks, tokens,
 * memberships, settings and audit log by foreign key), then the staff accounts left in no library
 * (a regional admin stays). Returns what went, as counts.
 */
export async function deleteTenant(tx: Queryable, tenantId: string): Promise<Record<string, number>> {
  const content = await tx.query<{kind: 'poll' | 'rating' | 'idea-box'; id: string}>(
    `select 'poll' as kind, id from polls where tenant_id = $1
      union all select 'rating', id from ratings where tenant_id = $1
      union all select 'idea-box', id from idea_boxes where tenant_id = $1`,
    [tenantId],
  );
  for (const item of content) await purgeContent(tx, item.kind, tenantId, item.id);
  const members = (await tx.query<{user_id: string}>('select user_id from memberships where tenant_id = $1', [tenantId])).map((r) => r.user_id);
  await tx.query("delete from idempotency_keys where starts_with(scope, 'admin:') and scope like $1", [`%/tenants/${tenantId}/%`]);
  await tx.query('delete from tenants where id = $1', [tenantId]);
  const users = await tx.query(
    `delete from users u where u.id = any($1::text[]) and not u.regional_admin
        and not exists (select 1 from memberships m where m.user_id = u.id) returning 1`,
    [members],
  );
  return {content: content.length, staffAccounts: users.length};
}
