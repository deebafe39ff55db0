import {createRoute, z} from '@hono/zod-openapi';
import {audit} from '../admin/audit.js';
import {ADMIN_PROBLEMS, NO_STORE, tenantParams} from '../admin/http.js';
import {access, authenticate, may, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {Db} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {apiApp, CHANNELS, ID_PATTERN, problems, type Text} from '../http/contract.js';
import {Problem, validationProblem} from '../http/problem.js';
import {CsvWriter, isoInZone, type Separator} from './csv.js';
import {ideasSource, ratingsSource, textIn, votesSource, type ExportScope, type ExportSource} from './sources.js';

/** Rows read per statement: small enough that a patron's write on PGlite waits for one chunk at most. */
export const EXPORT_CHUNK_ROWS = 5000;
const IDEA_CHUNK_ROWS = 1000;

const LANG_PATTERN = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;

const filterFields = {
  from: z.iso.date().optional().openapi({description: "The first day included (ISO date, the library's time zone); absent: from the first answer"}),
  to: z.iso.date().optional().openapi({description: "The last day included (ISO date, the library's time zone); absent: up to now"}),
  channel: z.enum(CHANNELS).optional(),
  branch: z.string().regex(ID_PATTERN, 'A branch id').optional().openapi({description: 'A branch id of the library'}),
  lang: z.string().regex(LANG_PATTERN, 'A language code such as fi, sv, en, se, fi-x-selko').optional().openapi({description: 'The UI language the answer was given in'}),
  separator: z
    .enum(['comma', 'semicolon'])
    .optional()
    .openapi({description: 'comma (RFC 4180, the default) or semicolon, which a spreadsheet set to Finnish opens in columns (a fraction then has a decimal comma)'}),
};

const fromBeforeTo = (q: {from?: string; to?: string}, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from > q.to) ctx.addIssue({code: 'custom', path: ['to'], message: 'to must not be before from'});
};

const KINDS = {
  votes: {
    widget: 'poll',
    kind: 'poll',
    table: 'polls',
    source: votesSource,
    chunk: EXPORT_CHUNK_ROWS,
    summary: "The library's poll votes as CSV",
    columns: 'time, poll_id, channel, branch_id, branch (name), lang, option_ids (|-separated), options (labels in the library\'s default language, " | "-separated); other_text for moderators only',
  },
  ratings: {
    widget: 'rating',
    kind: 'rating',
    table: 'ratings',
    source: ratingsSource,
    chunk: EXPORT_CHUNK_ROWS,
    summary: "The library's rating answers as CSV",
    columns: 'time, rating_id, channel, branch_id, branch (name), lang, scale, score; comment for moderators only',
  },
  ideas: {
    widget: 'box',
    kind: 'idea-box',
    table: 'idea_boxes',
    source: ideasSource,
    chunk: IDEA_CHUNK_ROWS,
    summary: "The library's ideas as CSV, with supports, statuses and answers",
    columns:
      'time, idea_id, box_id, channel, branch_id, branch (name), lang, text, category, category_label, state, status, supports, merged_into, answer (default language), answered_at; contact only with contacts=true, by a moderator',
  },
} as const;
type ExportKind = keyof typeof KINDS;

const DESCRIPTION = (columns: string) =>
  `Streamed CSV: RFC 4180, UTF-8 with a byte order mark, CRLF; a cell (or header) that a spreadsheet would read as a formula starts with an apostrophe. ` +
  `Times are ISO 8601 with the offset of the library's time zone. The header row is stable English machine names (not localized): ${columns}. ` +
  `Never a voter token or hash, nor a network address. Every download is written to the audit log (export.download, the filters).`;

/** CSV exports of a library's answers, streamed in keyset chunks. */
export function exportApi(deps: AppDeps) {
  const app = apiApp<AdminEnv>();
  for (const name of Object.keys(KINDS) as ExportKind[]) {
    const spec = KINDS[name];
    const query = z
      .object({
        ...filterFields,
        [spec.widget]: z.string().regex(ID_PATTERN, `A ${spec.kind} id`).optional().openapi({description: `Only this ${spec.kind}; absent: all of the library's`}),
        ...(name === 'ideas'
          ? {contacts: z.enum(['true', 'false']).optional().openapi({description: "true: add the patrons' contact details (moderators only; audited)"})}
          : {}),
      })
      .superRefine(fromBeforeTo);
    app.openapi(
      createRoute({
        method: 'get',
        path: `/tenants/{tenant}/exports/${name}.csv`,
        operationId: `adminExport${name[0]!.toUpperCase()}${name.slice(1)}`,
        summary: spec.summary,
        description: DESCRIPTION(spec.columns),
        ...access('read'),
        middleware: [authenticate(deps), requireCapability(deps, 'read')] as const,
        request: {params: tenantParams, query},
        responses: {
          200: {
            description: 'The CSV file (Content-Disposition: attachment)',
            headers: {'Content-Disposition': {schema: {type: 'string' as const}}},
            content: {'text/csv': {schema: z.string().openapi({format: 'binary'})}},
          },
          ...problems('validation', ...ADMIN_PROBLEMS),
        },
      }),
      async (c) => {
        const q = c.req.valid('query') as z.infer<typeof query> & Record<string, string | undefined>;
        const tenantId = c.req.valid('param').tenant;
        const who = c.get('principal');
        const moderator = may(who, tenantId, 'moderate');
        const contacts = q.contacts === 'true';
        if (contacts && !moderator) throw new Problem('forbidden', {detail: "Only a moderator (or an owner) may export the patrons' contact details."});
        const widgetId = q[spec.widget];
        const scope = await resolveScope(deps.db, tenantId, spec.table, widgetId, spec.kind, {...q, contacts, freeText: moderator});
        const source = await spec.source(deps.db, scope);
        const separator: Separator = q.separator ?? 'comma';
        const filters = {
          from: q.from ?? null,
          to: q.to ?? null,
          channel: q.channel ?? null,
          branch: q.branch ?? null,
          lang: q.lang ?? null,
          [spec.widget]: widgetId ?? null,
          separator,
          ...(name === 'ideas' ? {contacts} : {}),
          freeText: moderator,
        };
        await audit(deps.db, {tenantId, actor: who.actor, action: 'export.download', kind: spec.kind, id: widgetId ?? null, after: {export: name, ...filters}});
        const filename = [tenantId, name, widgetId, q.from, q.to].filter(Boolean).join('-');
        return c.body(csvStream(deps.db, source, new CsvWriter(separator), spec.chunk), 200, {
          ...NO_STORE,
          'Content-Type': 'text/csv; charset=utf-8' + (separator === 'comma' ? '; header=present' : ''),
          'Content-Disposition': `attachment; filename="${filename}.csv"`,
          'X-Content-Type-Options': 'nosniff',
        });
      },
    );
  }
  return app;
}

async function resolveScope(
  db: Db,
  tenantId: string,
  table: 'polls' | 'ratings' | 'idea_boxes',
  widgetId: string | undefined,
  kind: string,
  q: {from?: string; to?: string; channel?: string; branch?: string; lang?: string; contacts: boolean; freeText: boolean},
): Promise<ExportScope> {
  const [tenant] = await db.query<{time_zone: string; default_language: string; from_at: Date | null; until_at: Date | null}>(
    `select time_zone, default_language,
            ($2::date::timestamp at time zone time_zone) as from_at,
            (($3::date + 1)::timestamp at time zone time_zone) as until_at
       from tenants where id = $1`,
    [tenantId, q.from ?? null, q.to ?? null],
  );
  if (!tenant) throw new Problem('not-found', {detail: `There is no library "${tenantId}".`});
  const widgets = await db.query<{id: string}>(`select id from ${table} where tenant_id = $1 and ($2::text is null or id = $2::text)`, [tenantId, widgetId ?? null]);
  if (widgetId && widgets.length === 0) throw new Problem('not-found', {detail: `The library has no ${kind} "${widgetId}".`});
  const branches = await db.query<{id: string; name: Text}>('select id, name from branches where tenant_id = $1', [tenantId]);
  if (q.branch && !branches.some((b) => b.id === q.branch)) throw validationProblem([{path: 'branch', message: 'Not a branch of this library'}]);
  return {
    tenantId,
    widgetIds: widgets.map((w) => w.id),
    fromAt: tenant.from_at ? new Date(tenant.from_at) : null,
    untilAt: tenant.until_at ? new Date(tenant.until_at) : null,
    channel: q.channel ?? null,
    branch: q.branch ?? null,
    lang: q.lang ?? null,
    defaultLanguage: tenant.default_language,
    branchNames: new Map(branches.map((b) => [b.id, textIn(b.name, tenant.default_language)])),
    freeText: q.freeText,
    contacts: q.contacts,
    formatTime: isoInZone(tenant.time_zone),
  };
}

/**
 * The file as a byte stream pulled by the client: one chunk of rows per pull, so memory stays flat
 * whatever the size, and a slow reader slows the reads instead of filling the server's memory.
 */
function csvStream(db: Db, source: ExportSource, writer: CsvWriter, chunk: number): ReadableStream<Uint8Array> {
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(writer.header(source.header));
          return;
        }
        try {
          // A turn of the event loop first: PGlite runs a statement on this thread, so back-to-back
          // chunks would keep the server from even reading a patron's request until the export ends.
          await new Promise((resolve) => setImmediate(resolve));
          const next = await source.next(db, cursor, chunk);
          if (next.rows.length === 0) return controller.close();
          cursor = next.cursor;
          controller.enqueue(writer.rows(next.rows));
          if (next.rows.length < chunk) controller.close();
        } catch (error) {
          console.error('kirjasto: an export failed while streaming:', error);
          controller.error(error);
        }
      },
    },
    {highWaterMark: 1},
  );
}
