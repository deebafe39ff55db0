import type {Queryable} from '../db/db.js';
import {countListed} from '../ideas/store.js';

/**
 * Erasure on request (issue 11, point 2), shared by the moderators' search (requests/admin.ts) and the
 * patrons' own page (requests/mine.ts). Each function runs inside the caller's transaction and returns
 * whether it changed anything; none of them ever logs or returns the erased words.
 */

/**
 * Removes the words of these ideas, for retention (retention/retention.ts) and for erasure alike: text ''
 * with text_removed_at, no contact, no voter; a listed idea leaves the public list. Each stays counted
 * in the reports. Returns the ideas changed (those not removed already).
 */
export async function removeIdeaWords(tx: Queryable, ideaIds: readonly string[], at = new Date()): Promise<{id: string; box_id: string}[]> {
  if (ideaIds.length === 0) return [];
  const rows = await tx.query<{id: string; box_id: string; was_listed: boolean}>(
    `with old as (
       select id, box_id, (state = 'published' and merged_into is null) as was_listed from ideas
        where id = any($1::text[]) and text_removed_at is null for update
     ), gone as (
       update ideas i set text = '', contact = null, voter_hash = null, text_removed_at = $2::timestamptz,
              state = case when i.state = 'published' then 'hidden' else i.state end
         from old where i.id = old.id returning old.id, old.box_id, old.was_listed
     ) select id, box_id, was_listed from gone`,
    [ideaIds, at.toISOString()],
  );
  const unlisted = new Map<string, number>();
  for (const r of rows) if (r.was_listed) unlisted.set(r.box_id, (unlisted.get(r.box_id) ?? 0) + 1);
  for (const [boxId, n] of unlisted) await countListed(tx, boxId, -n);
  return rows;
}

/** An idea's words on request: removed as retention removes them, and from the stored answer to its submission. */
export async function eraseIdeaText(tx: Queryable, ideaId: string): Promise<boolean> {
  const [row] = await removeIdeaWords(tx, [ideaId]);
  if (!row) return false;
  // The stored answer to the submission (replayed to a retry) held the words too.
  await tx.query(
    `update idempotency_keys set response = jsonb_set(response, '{idea,text}', '""'::jsonb) #- '{idea,contact}'
      where scope = 'idea:' || $2 and response->'idea'->>'id' = $1`,
    [ideaId, row.box_id],
  );
  return true;
}

export async function eraseIdeaContact(tx: Queryable, ideaId: string): Promise<boolean> {
  return (await tx.query('update ideas set contact = null where id = $1 and contact is not null returning id', [ideaId])).length > 0;
}

export async function eraseRatingComment(tx: Queryable, responseRowId: string): Promise<boolean> {
  await scrubComment(tx, responseRowId);
  return (await tx.query('update rating_responses set comment = null where id = $1::bigint and comment is not null returning id', [responseRowId])).length > 0;
}

export async function erasePollOtherText(tx: Queryable, voteRowId: string): Promise<boolean> {
  await scrubOtherText(tx, voteRowId);
  return (await tx.query('update votes set other_text = null where id = $1::bigint and other_text is not null returning id', [voteRowId])).length > 0;
}

/**
 * The answers kept for retries (idempotency_keys, 30 days) repeat what was sent: a comment's under its
 * own scope, a vote's "other" words in its receipt (any receipt of that poll with the same words).
 */
async function scrubComment(tx: Queryable, responseRowId: string): Promise<void> {
  await tx.query(
    `update idempotency_keys k set response = k.response - 'comment' from rating_responses r
      where r.id = $1::bigint and k.response ? 'comment'
        and (k.scope = 'rating-comment:' || r.rating_id || ':' || r.response_id
             or (k.scope = 'rating:' || r.rating_id and k.response->>'responseId' = r.response_id))`,
    [responseRowId],
  );
}

async function scrubOtherText(tx: Queryable, voteRowId: string): Promise<void> {
  await tx.query(
    `update idempotency_keys k set response = k.response - 'otherText' from votes v
      where v.id = $1::bigint and v.other_text is not null and k.scope = 'vote:' || v.poll_id and k.response->>'otherText' = v.other_text`,
    [voteRowId],
  );
}

/**
 * Whether a counted row (votes, rating_responses) is in the day counts already. Takes the watermark row's
 * lock: the rollup skips a locked row (counting/rollup.ts), so the answer holds until this transaction
 * ends, and a row above the watermark is deleted before any rollup can count it.
 */
async function rolledUp(tx: Queryable, table: 'votes' | 'rating_responses', xid: string): Promise<boolean> {
  const [row] = await tx.query<{counted: boolean}>(
    `select $2::xid8 < watermark as counted from count_watermarks where name = $1 for update`,
    [table, xid],
  );
  return row?.counted ?? false;
}

/**
 * Deletes one vote and keeps the counts right: a vote already rolled up is taken out of the day counts
 * (poll_day_counts, option_day_counts) in the same transaction; one in the tail just goes. The voter may
 * then vote again, as after any withdrawal.
 */
export async function deleteVote(tx: Queryable, voteRowId: string): Promise<boolean> {
  const [vote] = await tx.query<{xid: string}>('select xid::text as xid from votes where id = $1::bigint for update', [voteRowId]);
  if (!vote) return false;
  await scrubOtherText(tx, voteRowId);
  if (await rolledUp(tx, 'votes', vote.xid)) {
    const cell = `select v.poll_id, (v.created_at at time zone t.time_zone)::date as day, v.channel, coalesce(v.branch_id, '') as branch_id,
                         coalesce(v.lang, '') as lang, (v.other_text is not null)::int as other, v.option_ids
                    from votes v join polls p on p.id = v.poll_id join tenants t on t.id = p.tenant_id where v.id = $1::bigint`;
    await tx.query(
      `with v as (${cell}) update poll_day_counts c set votes = c.votes - 1, other = greatest(c.other - v.other, 0) from v
        where c.poll_id = v.poll_id and c.day = v.day and c.channel = v.channel and c.branch_id = v.branch_id and c.lang = v.lang`,
      [voteRowId],
    );
    await tx.query(
      `with v as (${cell}) update option_day_counts c set count = c.count - 1 from v cross join lateral unnest(v.option_ids) as o (id)
        where c.poll_id = v.poll_id and c.option_id = o.id and c.day = v.day and c.channel = v.channel and c.branch_id = v.branch_id and c.lang = v.lang`,
      [voteRowId],
    );
    const [{poll_id: pollId} = {poll_id: ''}] = await tx.query<{poll_id: string}>('select poll_id from votes where id = $1::bigint', [voteRowId]);
    // An emptied cell is "no answers", not a zero the reports would show as a cell.
    await tx.query('delete from poll_day_counts where poll_id = $1 and votes <= 0', [pollId]);
    await tx.query('delete from option_day_counts where poll_id = $1 and count <= 0', [pollId]);
  }
  await tx.query('delete from votes where id = $1::bigint', [voteRowId]);
  return true;
}

/** Deletes one rating answer; one already rolled up is taken out of rating_day_counts and rating_hour_counts. */
export async function deleteRatingResponse(tx: Queryable, responseRowId: string): Promise<boolean> {
  const [response] = await tx.query<{xid: string; rating_id: string}>(
    'select xid::text as xid, rating_id from rating_responses where id = $1::bigint for update',
    [responseRowId],
  );
  if (!response) return false;
  await scrubComment(tx, responseRowId);
  if (await rolledUp(tx, 'rating_responses', response.xid)) {
    const cell = `select r.rating_id, (r.created_at at time zone t.time_zone)::date as day,
                         extract(hour from r.created_at at time zone t.time_zone)::smallint as hour,
                         r.channel, coalesce(r.branch_id, '') as branch_id, coalesce(r.lang, '') as lang, r.score
                    from rating_responses r join ratings g on g.id = r.rating_id join tenants t on t.id = g.tenant_id where r.id = $1::bigint`;
    await tx.query(
      `with r as (${cell}) update rating_day_counts c set count = c.count - 1 from r
        where c.rating_id = r.rating_id and c.day = r.day and c.channel = r.channel and c.branch_id = r.branch_id and c.lang = r.lang and c.score = r.score`,
      [responseRowId],
    );
    await tx.query(
      `with r as (${cell}) update rating_hour_counts c set count = c.count - 1, score_sum = c.score_sum - r.score from r
        where c.rating_id = r.rating_id and c.day = r.day and c.hour = r.hour and c.channel = r.channel and c.branch_id = r.branch_id`,
      [responseRowId],
    );
    await tx.query('delete from rating_day_counts where rating_id = $1 and count <= 0', [response.rating_id]);
    await tx.query('delete from rating_hour_counts where rating_id = $1 and count <= 0', [response.rating_id]);
  }
  await tx.query('delete from rating_responses where id = $1::bigint', [responseRowId]);
  return true;
}
