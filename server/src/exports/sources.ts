import type {Queryable} from '../db/db.js';
import type {Text} from '../http/contract.js';
import type {Cell} from './csv.js';

/** What an export is asked for, resolved: the widgets (all of the library's when none was named) and the filters. */
export interface ExportScope {
  tenantId: string;
  /** The widgets whose answers are exported (their ids). */
  widgetIds: string[];
  /** The first instant of `from` and the first instant after `to` in the library's time zone. */
  fromAt: Date | null;
  untilAt: Date | null;
  channel: string | null;
  branch: string | null;
  lang: string | null;
  defaultLanguage: string;
  /** Branch names in the library's default language. */
  branchNames: Map<string, string>;
  /** Free text (comments, "other" answers): moderators only. */
  freeText: boolean;
  /** Ideas: the patron's contact detail (moderators who ask for it). */
  contacts: boolean;
  /** An instant (ms since the epoch) as ISO 8601 in the library's time zone. */
  formatTime: (ms: number) => string;
}

/** One kind of export: its header and how its rows are read, a chunk at a time in the order of a key. */
export interface ExportSource {
  header: string[];
  /** The next chunk after `cursor` (undefined: from the start); an empty chunk ends the export. */
  next(db: Queryable, cursor: string | undefined, limit: number): Promise<{rows: Cell[][]; cursor: string | undefined}>;
}

/** The text in the library's default language, else in fi, sv, en, else any. */
export function textIn(text: Text | null | undefined, lang: string): string {
  if (!text) return '';
  return text[lang] ?? text.fi ?? text.sv ?? text.en ?? Object.values(text)[0] ?? '';
}

const filters = (alias: string, first: number) => `
   and ($${first}::timestamptz is null or ${alias}.created_at >= $${first}::timestamptz)
   and ($${first + 1}::timestamptz is null or ${alias}.created_at < $${first + 1}::timestamptz)
   and ($${first + 2}::text is null or ${alias}.channel = $${first + 2}::text)
   and ($${first + 3}::text is null or ${alias}.branch_id = $${first + 3}::text)
   and ($${first + 4}::text is null or ${alias}.lang = $${first + 4}::text)`;
const filterParams = (s: ExportScope) => [s.fromAt, s.untilAt, s.channel, s.branch, s.lang];

// Times are read as milliseconds (a number parses much faster than a timestamp does on PGlite).
// Votes and rating responses: keyset by id, bounded by the last id when the export began, so an export
// ends even while patrons keep answering, and each chunk is one short statement (PGlite has one
// connection: the patrons' writes go in between the chunks).
const VOTES = `select v.id::text as id, v.poll_id, (extract(epoch from v.created_at) * 1000)::float8 as at_ms, v.channel, v.branch_id, v.lang, v.option_ids, v.other_text
    from votes v
   where v.poll_id = any($1::text[]) and v.id > $2::bigint and v.id <= $3::bigint ${filters('v', 5)}
   order by v.id limit $4`;

const RESPONSES = `select r.id::text as id, r.rating_id, (extract(epoch from r.created_at) * 1000)::float8 as at_ms, r.channel, r.branch_id, r.lang, r.score, r.comment
    from rating_responses r
   where r.rating_id = any($1::text[]) and r.id > $2::bigint and r.id <= $3::bigint ${filters('r', 5)}
   order by r.id limit $4`;

// Ideas have text ids: keyset by (created_at, id). Supports: the rolled-up part and the tail (ideas/store.ts).
const IDEAS = `select i.id, i.box_id, i.created_at, i.channel, i.branch_id, i.lang, i.text, i.category, i.state, i.status,
         (i.supports + coalesce((select sum(c.delta) from idea_support_changes c
            where c.idea_id = i.id and c.xid >= (select watermark from count_watermarks where name = 'idea_support_changes')), 0))::int as supports,
         i.merged_into, i.answer, i.answered_at, i.contact,
         to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as key_at
    from ideas i
   where i.box_id = any($1::text[])
     and ($2::timestamp is null or (i.created_at at time zone 'UTC', i.id) > ($2::timestamp, $3::text)) ${filters('i', 5)}
   order by i.created_at, i.id limit $4`;

const lastId = async (db: Queryable, table: 'votes' | 'rating_responses') =>
  (await db.query<{id: string}>(`select coalesce(max(id), 0)::text as id from ${table}`))[0]!.id;

const place = (s: ExportScope, branch: string | null) => [branch ?? '', branch ? (s.branchNames.get(branch) ?? '') : ''];

export async function votesSource(db: Queryable, scope: ExportScope): Promise<ExportSource> {
  const until = await lastId(db, 'votes');
  const labels = new Map<string, string>();
  const options = await db.query<{poll_id: string; id: string; label: Text}>(
    'select poll_id, id, label from poll_options where poll_id = any($1::text[])',
    [scope.widgetIds],
  );
  for (const o of options) labels.set(`${o.poll_id}\u0000${o.id}`, textIn(o.label, scope.defaultLanguage));
  return {
    header: ['time', 'poll_id', 'channel', 'branch_id', 'branch', 'lang', 'option_ids', 'options', ...(scope.freeText ? ['other_text'] : [])],
    async next(q, cursor, limit) {
      const found = await q.query<{id: string; poll_id: string; at_ms: number; channel: string; branch_id: string | null; lang: string | null; option_ids: string[]; other_text: string | null}>(
        VOTES,
        [scope.widgetIds, cursor ?? '0', until, limit, ...filterParams(scope)],
      );
      const rows = found.map((v) => [
        scope.formatTime(v.at_ms),
        v.poll_id,
        v.channel,
        ...place(scope, v.branch_id),
        v.lang ?? '',
        v.option_ids.join('|'),
        v.option_ids.map((id) => labels.get(`${v.poll_id}\u0000${id}`) ?? id).join(' | '),
        ...(scope.freeText ? [v.other_text ?? ''] : []),
      ]);
      return {rows, cursor: found.at(-1)?.id};
    },
  };
}

export async function ratingsSource(db: Queryable, scope: ExportScope): Promise<ExportSource> {
  const until = await lastId(db, 'rating_responses');
  const scales = new Map(
    (await db.query<{id: string; scale: string}>('select id, scale from ratings where id = any($1::text[])', [scope.widgetIds])).map((r) => [r.id, r.scale]),
  );
  return {
    header: ['time', 'rating_id', 'channel', 'branch_id', 'branch', 'lang', 'scale', 'score', ...(scope.freeText ? ['comment'] : [])],
    async next(q, cursor, limit) {
      const found = await q.query<{id: string; rating_id: string; at_ms: number; channel: string; branch_id: string | null; lang: string | null; score: number; comment: string | null}>(
        RESPONSES,
        [scope.widgetIds, cursor ?? '0', until, limit, ...filterParams(scope)],
      );
      const rows = found.map((r) => [
        scope.formatTime(r.at_ms),
        r.rating_id,
        r.channel,
        ...place(scope, r.branch_id),
        r.lang ?? '',
        scales.get(r.rating_id) ?? '',
        r.score,
        ...(scope.freeText ? [r.comment ?? ''] : []),
      ]);
      return {rows, cursor: found.at(-1)?.id};
    },
  };
}

export async function ideasSource(db: Queryable, scope: ExportScope): Promise<ExportSource> {
  const categories = new Map<string, string>();
  const boxes = await db.query<{id: string; categories: {id: string; label: Text}[]}>('select id, categories from idea_boxes where id = any($1::text[])', [scope.widgetIds]);
  for (const b of boxes) for (const c of b.categories ?? []) categories.set(`${b.id}\u0000${c.id}`, textIn(c.label, scope.defaultLanguage));
  return {
    header: [
      'time', 'idea_id', 'box_id', 'channel', 'branch_id', 'branch', 'lang', 'text', 'category', 'category_label',
      'state', 'status', 'supports', 'merged_into', 'answer', 'answered_at', ...(scope.contacts ? ['contact'] : []),
    ],
    async next(q, cursor, limit) {
      const [at, id] = cursor ? (JSON.parse(cursor) as [string, string]) : [null, null];
      const found = await q.query<{
        id: string; box_id: string; created_at: Date | string; channel: string; branch_id: string | null; lang: string | null; text: string;
        category: string | null; state: string; status: string; supports: number; merged_into: string | null; answer: Text | null;
        answered_at: Date | string | null; contact: string | null; key_at: string;
      }>(IDEAS, [scope.widgetIds, at, id, limit, ...filterParams(scope)]);
      const rows = found.map((i) => [
        scope.formatTime(new Date(i.created_at).getTime()),
        i.id,
        i.box_id,
        i.channel,
        ...place(scope, i.branch_id),
        i.lang ?? '',
        i.text,
        i.category ?? '',
        i.category ? (categories.get(`${i.box_id}\u0000${i.category}`) ?? '') : '',
        i.state,
        i.status,
        i.supports,
        i.merged_into ?? '',
        textIn(i.answer, scope.defaultLanguage),
        i.answered_at ? scope.formatTime(new Date(i.answered_at).getTime()) : '',
        ...(scope.contacts ? [i.contact ?? ''] : []),
      ]);
      const last = found.at(-1);
      return {rows, cursor: last ? JSON.stringify([last.key_at, last.id]) : undefined};
    },
  };
}
