import {createRoute, z} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {audit} from '../admin/audit.js';
import {NO_STORE, tenantParams, WRITE_PROBLEMS} from '../admin/http.js';
import {apiApp, dateTime, ID_PATTERN, json, jsonBody, jsonRequest, problems, TextSchema} from '../http/contract.js';
import {validationProblem} from '../http/problem.js';
import {eraseIdeaContact, eraseIdeaText, erasePollOtherText, eraseRatingComment} from './erase.js';

/**
 * Requests from people, the moderators' side (issue 11, point 2): find a patron's own text or contact
 * (by the idea, by the exact contact, or by words in idea texts, rating comments and "other" answers of
 * the library) and erase it. Each erasure is audited as `erase`, naming the field, never its words.
 */

export const ERASABLE = ['idea-text', 'idea-contact', 'rating-comment', 'poll-other'] as const;
type Erasable = (typeof ERASABLE)[number];
const SEARCH_LIMIT = 50;

export const DataMatchSchema = z
  .strictObject({
    kind: z.enum(ERASABLE).openapi({description: "What would be erased: an idea's text (with its contact), an idea's contact, a rating comment, a poll's \"other\" answer"}),
    id: z.string().openapi({description: 'What to pass to erase: the idea id, or the answer row id'}),
    where: z.strictObject({kind: z.enum(['idea-box', 'rating', 'poll']), id: z.string(), title: TextSchema}),
    at: dateTime().openapi({description: 'When the patron sent it'}),
    value: z.string().openapi({description: 'The text or contact as stored, for the moderator to recognise it'}),
  })
  .openapi('DataMatch');
export const DataMatchesSchema = z.strictObject({matches: z.array(DataMatchSchema), truncated: z.boolean()}).openapi('DataMatches');
const SearchSchema = z
  .strictObject({
    by: z.enum(['idea', 'contact', 'text'], {error: 'One of idea, contact, text'}),
    q: z.string().trim().min(1, 'Say what to look for').max(320, 'At most 320 characters'),
  })
  .openapi('DataSearch');
const EraseSchema = z.strictObject({kind: z.enum(ERASABLE), id: z.string().regex(ID_PATTERN, 'An id from the search')}).openapi('DataErase');
const ErasedSchema = z.strictObject({erased: z.boolean().openapi({description: 'false when there was nothing left to erase'})}).openapi('DataErased');

interface MatchRow {
  kind: Erasable;
  id: string | number;
  where_kind: 'idea-box' | 'rating' | 'poll';
  where_id: string;
  title: Record<string, string>;
  at: Date | string;
  value: string;
}

/** A phone number is compared by its digits (and a leading +); anything else exactly, ignoring case. */
const isPhone = (q: string) => /^\+?[\d\s().-]{5,}$/.test(q);
const PHONE_DIGITS = (column: string) => `regexp_replace(${column}, '[^0-9+]', '', 'g')`;

async function search(db: Queryable, tenantId: string, by: 'idea' | 'contact' | 'text', q: string): Promise<MatchRow[]> {
  const ideaRows = (where: string, kinds: string) => `
    select k.kind, i.id::text as id, 'idea-box' as where_kind, b.id as where_id, b.topic as title, i.created_at as at,
           case when k.kind = 'idea-text' then i.text else i.contact end as value
      from ideas i join idea_boxes b on b.id = i.box_id
      cross join (values ${kinds}) as k (kind)
     where b.tenant_id = $1 and ${where}
       and ((k.kind = 'idea-text' and i.text_removed_at is null and i.text <> '') or (k.kind = 'idea-contact' and i.contact is not null))`;
  const limit = SEARCH_LIMIT + 1;
  if (by === 'idea') return db.query<MatchRow>(`${ideaRows('i.id = $2', `('idea-text'), ('idea-contact')`)} order by k.kind limit ${limit}`, [tenantId, q]);
  if (by === 'contact') {
    const phone = isPhone(q);
    const match = phone ? `${PHONE_DIGITS('i.contact')} = ${PHONE_DIGITS('$2')}` : 'lower(trim(i.contact)) = lower(trim($2))';
    return db.query<MatchRow>(`${ideaRows(match, `('idea-contact')`)} order by i.created_at desc limit ${limit}`, [tenantId, q]);
  }
  // Words anywhere, ignoring case; position() needs no escaping of % and _.
  const has = (column: string) => `position(lower($2) in lower(${column})) > 0`;
  return db.query<MatchRow>(
    `select * from (
       ${ideaRows(has('i.text'), `('idea-text')`)}
       union all
       select 'rating-comment', r.id::text, 'rating', g.id, g.question, r.created_at, r.comment
         from rating_responses r join ratings g on g.id = r.rating_id
        where g.tenant_id = $1 and r.comment is not null and ${has('r.comment')}
       union all
       select 'poll-other', v.id::text, 'poll', p.id, p.question, v.created_at, v.other_text
         from votes v join polls p on p.id = v.poll_id
        where p.tenant_id = $1 and v.other_text is not null and ${has('v.other_text')}
     ) m order by at desc limit ${limit}`,
    [tenantId, q],
  );
}

/** Erases one thing of this library; false when it is not there (any more) or not this library's. */
async function erase(tx: Queryable, tenantId: string, kind: Erasable, id: string): Promise<{erased: boolean; subject: string}> {
  if (kind === 'idea-text' || kind === 'idea-contact') {
    const [idea] = await tx.query('select i.id from ideas i join idea_boxes b on b.id = i.box_id where i.id = $1 and b.tenant_id = $2', [id, tenantId]);
    if (!idea) return {erased: false, subject: 'idea'};
    return {erased: kind === 'idea-text' ? await eraseIdeaText(tx, id) : await eraseIdeaContact(tx, id), subject: 'idea'};
  }
  if (!/^\d{1,18}$/.test(id)) return {erased: false, subject: kind === 'poll-other' ? 'vote' : 'rating-response'};
  if (kind === 'rating-comment') {
    const [row] = await tx.query('select r.id from rating_responses r join ratings g on g.id = r.rating_id where r.id = $1::bigint and g.tenant_id = $2', [id, tenantId]);
    return {erased: row ? await eraseRatingComment(tx, id) : false, subject: 'rating-response'};
  }
  const [row] = await tx.query('select v.id from votes v join polls p on p.id = v.poll_id where v.id = $1::bigint and p.tenant_id = $2', [id, tenantId]);
  return {erased: row ? await erasePollOtherText(tx, id) : false, subject: 'vote'};
}

export function dataRequestsApi(deps: AppDeps) {
  const app = apiApp<AdminEnv>();
  const moderator = [authenticate(deps), requireCapability(deps, 'moderate')] as const;

  app.openapi(
    createRoute({
      // A POST, so that a contact or a patron's words never stand in a URL (and so in no proxy's access log).
      method: 'post',
      path: '/tenants/{tenant}/data-requests/search',
      operationId: 'dataRequestSearch',
      summary: "Find a patron's own text or contact on request: by idea id, by exact contact (email or phone), or by words",
      ...access('moderate'),
      middleware: [...moderator, jsonBody()] as const,
      request: {params: tenantParams, body: jsonRequest(SearchSchema)},
      responses: {200: {description: `At most ${SEARCH_LIMIT} matches, newest first`, content: json(DataMatchesSchema)}, ...problems(...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const {by, q} = c.req.valid('json');
      if (by === 'text' && q.length < 3) throw validationProblem([{path: '/q', message: 'At least 3 characters'}]);
      const rows = await search(deps.db, c.req.valid('param').tenant, by, q);
      const matches = rows.slice(0, SEARCH_LIMIT).map((r) => ({
        kind: r.kind,
        id: String(r.id),
        where: {kind: r.where_kind, id: r.where_id, title: r.title},
        at: new Date(r.at).toISOString(),
        value: r.value,
      }));
      return c.json({matches, truncated: rows.length > SEARCH_LIMIT}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenants/{tenant}/data-requests/erase',
      operationId: 'dataRequestErase',
      summary: "Erase a patron's text or contact found by the search; audited as erase (never with the words)",
      ...access('moderate'),
      middleware: [...moderator, jsonBody()] as const,
      request: {params: tenantParams, body: jsonRequest(EraseSchema)},
      responses: {200: {description: 'Done', content: json(ErasedSchema)}, ...problems(...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const tenantId = c.req.valid('param').tenant;
      const {kind, id} = c.req.valid('json');
      const actor = c.get('principal').actor;
      const erased = await deps.db.transaction(async (tx) => {
        const result = await erase(tx, tenantId, kind, id);
        if (result.erased) await audit(tx, {tenantId, actor, action: 'erase', kind: result.subject, id, after: {erased: kind, onRequest: true}});
        return result.erased;
      });
      return c.json({erased}, 200, NO_STORE);
    },
  );
  return app;
}
