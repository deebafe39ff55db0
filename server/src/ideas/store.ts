import {randomBytes} from 'node:crypto';
import type {Queryable} from '../db/db.js';
import {validationProblem} from '../http/problem.js';
import type {Channel, Text} from '../http/contract.js';
import {scheduleOf, scheduleStatus} from '../schedule.js';
import type {Category, IdeaSort, IdeaState, IdeaStatus, IdeaView, Moderation, ModerationIdeaView} from './schema.js';

export interface IdeaBoxRecord {
  id: string;
  tenantId: string;
  topic: Text;
  description: Text | null;
  categories: Category[];
  moderation: Moderation;
  maxLength: number;
  allowContact: boolean;
  opensAt: Date;
  closesAt: Date | null;
  ideaCount: number;
  /** Archived by its library: no longer public (410). */
  archived: boolean;
}

interface BoxRow {
  id: string;
  tenant_id: string;
  topic: Text;
  description: Text | null;
  categories: Category[];
  moderation: Moderation;
  max_length: number;
  allow_contact: boolean;
  opens_at: Date | string;
  closes_at: Date | string | null;
  idea_count: number;
  archived: boolean;
}

export async function findBox(q: Queryable, id: string): Promise<IdeaBoxRecord | undefined> {
  const [row] = await q.query<BoxRow>(
    `select id, tenant_id, topic, description, categories, moderation, max_length, allow_contact, opens_at, closes_at, idea_count, archived
       from idea_boxes where id = $1`,
    [id],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    topic: row.topic,
    description: row.description,
    categories: row.categories ?? [],
    moderation: row.moderation,
    maxLength: Number(row.max_length),
    allowContact: row.allow_contact,
    ...scheduleOf(row),
    ideaCount: Number(row.idea_count),
    archived: row.archived,
  };
}

export const boxStatus = scheduleStatus;

export interface NewBox {
  id: string;
  tenantId: string;
  topic: Text;
  description?: Text;
  categories?: Category[];
  moderation?: Moderation;
  maxLength?: number;
  allowContact?: boolean;
  opensAt?: Date;
  closesAt?: Date | null;
}

export async function insertBox(q: Queryable, box: NewBox): Promise<void> {
  await q.query(
    `insert into idea_boxes (id, tenant_id, topic, description, categories, moderation, max_length, allow_contact, opens_at, closes_at)
     values ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, coalesce($9::timestamptz, now()), $10::timestamptz)`,
    [
      box.id,
      box.tenantId,
      box.topic,
      box.description ?? null,
      JSON.stringify(box.categories ?? []),
      box.moderation ?? 'pre',
      box.maxLength ?? 1000,
      box.allowContact ?? false,
      box.opensAt?.toISOString() ?? null,
      box.closesAt?.toISOString() ?? null,
    ],
  );
}

export interface IdeaRecord {
  id: string;
  boxId: string;
  tenantId: string;
  text: string;
  /** The patron's UI language when they sent it (migration 012): the best guess of the text's; null: unknown. */
  lang: string | null;
  category: string | null;
  contact: string | null;
  state: IdeaState;
  status: IdeaStatus;
  answer: Text | null;
  answeredAt: Date | null;
  rejectReason: string | null;
  mergedInto: string | null;
  /** Exact: the rolled-up count plus the changes since (counting/rollup.ts). */
  supports: number;
  channel: Channel;
  branchId: string | null;
  createdAt: Date;
  /** Sort keys for cursors: created_at in whole microseconds since the epoch. */
  createdMicros: string;
  /** Its box is archived: the idea is no longer public (410). */
  archived: boolean;
  /** The rolled-up part of `supports` (ideas.supports), which the list sorts by: its cursor key. */
  supportsRolledUp: number;
  /** When an editor put its answer on the library's public page (migration 014); null: not there. */
  showcasedAt: Date | null;
}

interface IdeaRow {
  id: string;
  box_id: string;
  tenant_id: string;
  text: string;
  lang: string | null;
  category: string | null;
  contact: string | null;
  state: IdeaState;
  status: IdeaStatus;
  answer: Text | null;
  answered_at: Date | string | null;
  reject_reason: string | null;
  merged_into: string | null;
  supports: number;
  supports_rolled_up: number;
  channel: Channel;
  branch_id: string | null;
  created_at: Date | string;
  created_us: string;
  box_archived: boolean;
  showcased_at: Date | string | null;
}

/**
 * An idea's supports, exact: what is rolled up into ideas.supports plus its changes at or above the
 * watermark (the tail, about a second of them), in the same statement, so each change counts once.
 */
const SUPPORTS = `(i.supports + coalesce((select sum(c.delta) from idea_support_changes c
   where c.idea_id = i.id and c.xid >= (select watermark from count_watermarks where name = 'idea_support_changes')), 0))::int`;

const IDEA_COLUMNS = `i.id, i.box_id, b.tenant_id, i.text, i.lang, i.category, i.contact, i.state, i.status, i.answer, i.answered_at,
  i.reject_reason, i.merged_into, ${SUPPORTS} as supports, i.supports as supports_rolled_up, i.channel, i.branch_id, i.created_at, b.archived as box_archived, i.showcased_at,
  (extract(epoch from i.created_at) * 1000000)::bigint::text as created_us`;

const toIdea = (row: IdeaRow): IdeaRecord => ({
  id: row.id,
  boxId: row.box_id,
  tenantId: row.tenant_id,
  text: row.text,
  lang: row.lang,
  category: row.category,
  contact: row.contact,
  state: row.state,
  status: row.status,
  answer: row.answer,
  answeredAt: row.answered_at === null ? null : new Date(row.answered_at),
  rejectReason: row.reject_reason,
  mergedInto: row.merged_into,
  supports: Number(row.supports),
  supportsRolledUp: Number(row.supports_rolled_up),
  channel: row.channel,
  branchId: row.branch_id,
  createdAt: new Date(row.created_at),
  createdMicros: String(row.created_us),
  archived: row.box_archived,
  showcasedAt: row.showcased_at === null || row.showcased_at === undefined ? null : new Date(row.showcased_at),
});

/**
 * One idea with its box's tenant. `forUpdate` locks the row (a moderator's action); `forKeyShare` takes
 * the weakest lock, which concurrent supporters share, that still waits for (and makes wait) a
 * moderator's `forUpdate`: a merge never runs beside a support of either idea.
 */
export async function findIdea(q: Queryable, id: string, options: {forUpdate?: boolean; forKeyShare?: boolean} = {}): Promise<IdeaRecord | undefined> {
  const lock = options.forUpdate ? ' for update of i' : options.forKeyShare ? ' for key share of i' : '';
  const [row] = await q.query<IdeaRow>(`select ${IDEA_COLUMNS} from ideas i join idea_boxes b on b.id = i.box_id where i.id = $1${lock}`, [id]);
  return row ? toIdea(row) : undefined;
}

/** Seen by the public: published, merged or not (a merged one answers with its pointer). */
export const isPublic = (idea: IdeaRecord) => idea.state === 'published';
/** Counted in the box total and listed. */
export const isListed = (idea: Pick<IdeaRecord, 'state' | 'mergedInto'>) => idea.state === 'published' && idea.mergedInto === null;

export function ideaView(idea: IdeaRecord, supported?: boolean): IdeaView {
  const view: IdeaView = {
    id: idea.id,
    text: idea.text,
    supports: idea.supports,
    status: idea.status,
    createdAt: idea.createdAt.toISOString(),
  };
  if (idea.lang !== null) view.lang = idea.lang;
  if (idea.category !== null) view.category = idea.category;
  if (idea.answer !== null) view.answer = idea.answer;
  if (idea.answeredAt !== null) view.answeredAt = idea.answeredAt.toISOString();
  if (supported !== undefined) view.supported = supported;
  if (idea.mergedInto !== null) view.mergedInto = idea.mergedInto;
  return view;
}

export function moderationView(idea: IdeaRecord): ModerationIdeaView {
  const view: ModerationIdeaView = {...ideaView(idea), boxId: idea.boxId, state: idea.state, channel: idea.channel};
  if (idea.contact !== null) view.contact = idea.contact;
  if (idea.rejectReason !== null) view.rejectReason = idea.rejectReason;
  if (idea.branchId !== null) view.location = idea.branchId;
  if (idea.showcasedAt !== null) view.showcasedAt = idea.showcasedAt.toISOString();
  return view;
}

export const newIdeaId = () => randomBytes(9).toString('base64url');

export async function insertIdea(
  q: Queryable,
  idea: {id?: string; boxId: string; text: string; category?: string; contact?: string; state: IdeaState; channel: Channel; branchId?: string; lang?: string; status?: IdeaStatus; answer?: Text; createdAt?: Date; voterHash?: string},
): Promise<string> {
  const id = idea.id ?? newIdeaId();
  await q.query(
    `insert into ideas (id, box_id, text, category, contact, state, status, answer, answered_at, channel, branch_id, created_at, lang, voter_hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, case when $8::jsonb is null then null else now() end, $9, $10, coalesce($11::timestamptz, now()), $12, $13)`,
    [
      id,
      idea.boxId,
      idea.text,
      idea.category ?? null,
      idea.contact ?? null,
      idea.state,
      idea.status ?? 'new',
      idea.answer ?? null,
      idea.channel,
      idea.branchId ?? null,
      idea.createdAt?.toISOString() ?? null,
      idea.lang ?? null,
      idea.voterHash ?? null,
    ],
  );
  if (idea.state === 'published') await countListed(q, idea.boxId, 1);
  return id;
}

/** The box's total of listed ideas, changed in the transaction that changes what is listed. */
export async function countListed(q: Queryable, boxId: string, delta: number): Promise<void> {
  if (delta !== 0) await q.query('update idea_boxes set idea_count = idea_count + $2 where id = $1', [boxId, delta]);
}

// --- The public list: keyset pagination -------------------------------------------------------

interface Cursor {
  sort: IdeaSort;
  key: string;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.sort === 'support' ? 's' : 'n', c.key, c.id])).toString('base64url');

export function decodeCursor(raw: string, sort: IdeaSort): Cursor {
  const invalid = () => validationProblem([{path: 'cursor', message: 'Not a cursor from this list; start from the first page'}]);
  if (raw.length > 400 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [kind, key, id] = parsed as unknown[];
  if (kind !== (sort === 'support' ? 's' : 'n') || typeof key !== 'string' || !/^\d{1,17}$/.test(key)) throw invalid();
  if (typeof id !== 'string' || !/^[A-Za-z0-9_.:-]{1,128}$/.test(id)) throw invalid();
  if (sort === 'support' && Number(key) > 2_147_483_647) throw invalid();
  return {sort, key, id};
}

const ORDER: Record<IdeaSort, {order: string; after: string}> = {
  support: {order: 'i.supports desc, i.id desc', after: '(i.supports, i.id) < ($2::int, $3)'},
  newest: {
    order: 'i.created_at desc, i.id desc',
    after: "(i.created_at, i.id) < (timestamptz 'epoch' + $2::bigint * interval '1 microsecond', $3)",
  },
};

/** A page of listed ideas after `cursor`: one index range scan, never OFFSET. */
export async function listIdeas(
  q: Queryable,
  request: {boxId: string; sort: IdeaSort; limit: number; cursor?: Cursor},
): Promise<{ideas: IdeaRecord[]; nextCursor: string | null}> {
  const {order, after} = ORDER[request.sort];
  const params: unknown[] = [request.boxId];
  let where = "i.box_id = $1 and i.state = 'published' and i.merged_into is null";
  if (request.cursor) {
    params.push(request.cursor.key, request.cursor.id);
    where += ` and ${after}`;
  }
  params.push(request.limit + 1);
  const rows = await q.query<IdeaRow>(
    `select ${IDEA_COLUMNS} from ideas i join idea_boxes b on b.id = i.box_id
      where ${where} order by ${order} limit $${params.length}`,
    params,
  );
  const ideas = rows.slice(0, request.limit).map(toIdea);
  const last = ideas[ideas.length - 1];
  const nextCursor =
    rows.length > request.limit && last
      ? encodeCursor({sort: request.sort, key: request.sort === 'support' ? String(last.supportsRolledUp) : last.createdMicros, id: last.id})
      : null;
  return {ideas, nextCursor};
}

/** Which of these ideas this voter supports. */
export async function supportedBy(q: Queryable, ideaIds: string[], voterHash: string): Promise<Set<string>> {
  if (ideaIds.length === 0) return new Set();
  const rows = await q.query<{idea_id: string}>(
    'select idea_id from idea_supports where idea_id = any($1::text[]) and voter_hash = $2',
    [ideaIds, voterHash],
  );
  return new Set(rows.map((r) => r.idea_id));
}

// --- Moderation list ----------------------------------------------------------------------------

export async function listForModeration(
  q: Queryable,
  request: {boxId: string; state: IdeaState | 'all'; limit: number; cursor?: Cursor},
): Promise<{ideas: IdeaRecord[]; nextCursor: string | null}> {
  const params: unknown[] = [request.boxId];
  let where = 'i.box_id = $1';
  if (request.cursor) {
    params.push(request.cursor.key, request.cursor.id);
    where += ` and ${ORDER.newest.after}`;
  }
  if (request.state !== 'all') {
    params.push(request.state);
    where += ` and i.state = $${params.length}`;
  }
  params.push(request.limit + 1);
  const rows = await q.query<IdeaRow>(
    `select ${IDEA_COLUMNS} from ideas i join idea_boxes b on b.id = i.box_id
      where ${where} order by ${ORDER.newest.order} limit $${params.length}`,
    params,
  );
  const ideas = rows.slice(0, request.limit).map(toIdea);
  const last = ideas[ideas.length - 1];
  const nextCursor = rows.length > request.limit && last ? encodeCursor({sort: 'newest', key: last.createdMicros, id: last.id}) : null;
  return {ideas, nextCursor};
}

// --- Supports ----------------------------------------------------------------------------------

/**
 * Sets one voter's support. Returns whether it changed; a change appends a +1 or -1 to
 * idea_support_changes (migration 010's trigger), counted by the rollup, so no counter row is written.
 */
export async function setSupport(q: Queryable, ideaId: string, voterHash: string, supported: boolean): Promise<boolean> {
  const rows = supported
    ? await q.query(
        'insert into idea_supports (idea_id, voter_hash) values ($1, $2) on conflict (idea_id, voter_hash) do nothing returning idea_id',
        [ideaId, voterHash],
      )
    : await q.query('delete from idea_supports where idea_id = $1 and voter_hash = $2 returning idea_id', [ideaId, voterHash]);
  return rows.length > 0;
}

/** The idea's supports, exact (in a transaction, with its own change). */
export async function supportCount(q: Queryable, ideaId: string): Promise<number> {
  const [row] = await q.query<{supports: number}>(`select ${SUPPORTS} as supports from ideas i where i.id = $1`, [ideaId]);
  return Number(row?.supports ?? 0);
}
