import {createRoute, z} from '@hono/zod-openapi';
import type {Context} from 'hono';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from '../http/context.js';
import {apiApp, dateTime, ID_PATTERN, json, jsonBody, jsonRequest, problems, TextSchema, VOTER_PATTERN, voterField} from '../http/contract.js';
import {Problem, validationProblem} from '../http/problem.js';
import {setSupport} from '../ideas/store.js';
import {deleteRatingResponse, deleteVote, eraseIdeaText} from './erase.js';

/**
 * What this browser sent (issue 11, point 2), for a patron with no account: the voter token is the key.
 * Each library stores only voterHash(library, token), so the server hashes the token once per library
 * and looks for those hashes. Kiosk answers are never listed: a kiosk is a shared device.
 * Only the server's own pages may ask (the token of an embedding site stays with that site).
 */

const NO_STORE = {'Cache-Control': 'no-store'};
export const MINE_KINDS = ['votes', 'ratings', 'ideas', 'supports'] as const;
type MineKind = (typeof MINE_KINDS)[number];

const MineVoteSchema = z.strictObject({
  id: z.string(),
  poll: z.strictObject({id: z.string(), question: TextSchema}),
  options: z.array(TextSchema).openapi({description: 'The labels of the options chosen'}),
  otherText: z.string().nullable(),
  at: dateTime(),
});
const MineRatingSchema = z.strictObject({
  id: z.string(),
  rating: z.strictObject({id: z.string(), question: TextSchema}),
  score: z.number().int(),
  comment: z.string().nullable(),
  at: dateTime(),
});
const MineIdeaSchema = z.strictObject({id: z.string(), box: z.strictObject({id: z.string(), topic: TextSchema}), text: z.string(), at: dateTime()});
const MineSupportSchema = z.strictObject({
  id: z.string().openapi({description: 'The supported idea'}),
  box: z.strictObject({id: z.string(), topic: TextSchema}),
  text: z.string().openapi({description: "The idea's text ('' when removed)"}),
  at: dateTime(),
});
export const MineSchema = z
  .strictObject({
    libraries: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        votes: z.array(MineVoteSchema),
        ratings: z.array(MineRatingSchema),
        ideas: z.array(MineIdeaSchema),
        supports: z.array(MineSupportSchema),
      }),
    ),
  })
  .openapi('Mine');
const MineRequestSchema = z.strictObject({voter: voterField()}).openapi('MineRequest');

const iso = (at: Date | string) => new Date(at).toISOString();

/** The server's own origins only: a page of another origin never reads or deletes what this token sent. */
function assertOwnOrigin(c: Context<AppEnv>, deps: AppDeps): void {
  const origin = c.req.header('origin');
  if (origin && origin !== deps.publicOrigin && origin !== new URL(c.req.url).origin) {
    throw new Problem('origin-not-allowed', {detail: "Only the server's own page /my shows what a browser sent.", extensions: {origin}});
  }
}

/** Every library with this token's hash in it. */
async function hashes(deps: AppDeps, voter: string): Promise<{tenants: string[]; names: Map<string, string>; hashes: string[]}> {
  const rows = await deps.db.query<{id: string; name: string}>('select id, name from tenants order by name, id');
  await deps.secrets.ready();
  return {
    tenants: rows.map((r) => r.id),
    names: new Map(rows.map((r) => [r.id, r.name])),
    hashes: await Promise.all(rows.map((r) => deps.secrets.voterHash(r.id, voter))),
  };
}

const ME = `me (tenant_id, h) as (select * from unnest($1::text[], $2::text[]))`;

async function listMine(db: Queryable, tenants: string[], hashes: string[]) {
  const args = [tenants, hashes];
  const votes = await db.query<{id: string; tenant_id: string; poll_id: string; question: Record<string, string>; options: Record<string, string>[] | null; other_text: string | null; created_at: Date}>(
    `with ${ME}
     select v.id::text as id, p.tenant_id, p.id as poll_id, p.question, v.other_text, v.created_at,
            (select jsonb_agg(o.label order by o.position) from poll_options o where o.poll_id = p.id and o.id = any(v.option_ids)) as options
       from me join polls p on p.tenant_id = me.tenant_id join votes v on v.poll_id = p.id and v.voter_hash = me.h
      where v.channel <> 'kiosk' order by v.created_at desc`,
    args,
  );
  const ratings = await db.query<{id: string; tenant_id: string; rating_id: string; question: Record<string, string>; score: number; comment: string | null; created_at: Date}>(
    `with ${ME}
     select r.id::text as id, g.tenant_id, g.id as rating_id, g.question, r.score, r.comment, r.created_at
       from me join rating_responses r on r.voter_hash = me.h join ratings g on g.id = r.rating_id and g.tenant_id = me.tenant_id
      where r.channel <> 'kiosk' order by r.created_at desc`,
    args,
  );
  const ideas = await db.query<{id: string; tenant_id: string; box_id: string; topic: Record<string, string>; text: string; created_at: Date}>(
    `with ${ME}
     select i.id, b.tenant_id, b.id as box_id, b.topic, i.text, i.created_at
       from me join ideas i on i.voter_hash = me.h join idea_boxes b on b.id = i.box_id and b.tenant_id = me.tenant_id
      where i.text_removed_at is null order by i.created_at desc`,
    args,
  );
  const supports = await db.query<{id: string; tenant_id: string; box_id: string; topic: Record<string, string>; text: string; created_at: Date}>(
    `with ${ME}
     select i.id, b.tenant_id, b.id as box_id, b.topic, i.text, s.created_at
       from me join idea_supports s on s.voter_hash = me.h join ideas i on i.id = s.idea_id
       join idea_boxes b on b.id = i.box_id and b.tenant_id = me.tenant_id
      order by s.created_at desc`,
    args,
  );
  return {votes, ratings, ideas, supports};
}

export function mineApi(deps: AppDeps) {
  const app = apiApp();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'listMine',
      summary: 'What this voter token sent, per library (the token in the body, never in a URL); kiosk answers are not listed',
      middleware: [jsonBody()] as const,
      request: {body: jsonRequest(MineRequestSchema)},
      responses: {
        200: {description: "This browser's votes, rating answers, ideas and supports", content: json(MineSchema)},
        ...problems('validation', 'unsupported-media-type', 'payload-too-large', 'origin-not-allowed', 'rate-limited', 'method-not-allowed', 'internal'),
      },
    }),
    async (c) => {
      assertOwnOrigin(c, deps);
      const {tenants, names, hashes: hs} = await hashes(deps, c.req.valid('json').voter);
      const mine = await listMine(deps.db, tenants, hs);
      const libraries = tenants
        .map((id) => ({
          id,
          name: names.get(id)!,
          votes: mine.votes.filter((r) => r.tenant_id === id).map((r) => ({id: r.id, poll: {id: r.poll_id, question: r.question}, options: r.options ?? [], otherText: r.other_text, at: iso(r.created_at)})),
          ratings: mine.ratings.filter((r) => r.tenant_id === id).map((r) => ({id: r.id, rating: {id: r.rating_id, question: r.question}, score: r.score, comment: r.comment, at: iso(r.created_at)})),
          ideas: mine.ideas.filter((r) => r.tenant_id === id).map((r) => ({id: r.id, box: {id: r.box_id, topic: r.topic}, text: r.text, at: iso(r.created_at)})),
          supports: mine.supports.filter((r) => r.tenant_id === id).map((r) => ({id: r.id, box: {id: r.box_id, topic: r.topic}, text: r.text, at: iso(r.created_at)})),
        }))
        .filter((l) => l.votes.length + l.ratings.length + l.ideas.length + l.supports.length > 0);
      return c.json({libraries}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{kind}/{id}',
      operationId: 'deleteMine',
      summary: "Delete one thing this voter token sent: a vote or rating answer (taken out of the counts), an idea's text and contact, a support (withdrawn)",
      request: {
        params: z.object({kind: z.enum(MINE_KINDS), id: z.string().openapi({pattern: ID_PATTERN.source})}),
        headers: z.object({'Kirjasto-Voter': z.string().openapi({description: 'The voter token that sent it', pattern: VOTER_PATTERN.source})}),
      },
      responses: {204: {description: 'Deleted'}, ...problems('validation', 'not-found', 'origin-not-allowed', 'rate-limited', 'method-not-allowed', 'internal')},
    }),
    async (c) => {
      assertOwnOrigin(c, deps);
      const {kind, id} = c.req.valid('param');
      const voter = c.req.valid('header')['Kirjasto-Voter'];
      if (!VOTER_PATTERN.test(voter)) throw validationProblem([{path: '/headers/Kirjasto-Voter', message: 'Not a voter token'}]);
      await deps.secrets.ready(); // outside the transaction: PGlite has a single connection
      const deleted = await deps.db.transaction((tx) => deleteMine(tx, deps, kind, id, voter));
      if (!deleted) throw new Problem('not-found', {detail: 'This browser sent nothing by that id, or it is gone already.'});
      return c.body(null, 204, NO_STORE);
    },
  );
  return app;
}

/** Deletes one thing when the token's hash in its library is the one stored with it. */
async function deleteMine(tx: Queryable, deps: AppDeps, kind: MineKind, id: string, voter: string): Promise<boolean> {
  const numeric = /^\d{1,18}$/.test(id);
  const owner = async (sql: string) => {
    const [row] = await tx.query<{tenant_id: string; voter_hash: string | null; channel?: string}>(sql, [id]);
    return row && row.channel !== 'kiosk' && row.voter_hash !== null && row.voter_hash === (await deps.secrets.voterHash(row.tenant_id, voter)) ? row : undefined;
  };
  if (kind === 'votes') {
    if (!numeric || !(await owner('select p.tenant_id, v.voter_hash, v.channel from votes v join polls p on p.id = v.poll_id where v.id = $1::bigint'))) return false;
    return deleteVote(tx, id);
  }
  if (kind === 'ratings') {
    if (!numeric || !(await owner('select g.tenant_id, r.voter_hash, r.channel from rating_responses r join ratings g on g.id = r.rating_id where r.id = $1::bigint'))) return false;
    return deleteRatingResponse(tx, id);
  }
  if (kind === 'ideas') {
    if (!(await owner('select b.tenant_id, i.voter_hash from ideas i join idea_boxes b on b.id = i.box_id where i.id = $1'))) return false;
    return eraseIdeaText(tx, id);
  }
  const [idea] = await tx.query<{tenant_id: string}>('select b.tenant_id from ideas i join idea_boxes b on b.id = i.box_id where i.id = $1', [id]);
  if (!idea) return false;
  return setSupport(tx, id, await deps.secrets.voterHash(idea.tenant_id, voter), false);
}
