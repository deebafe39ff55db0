import {randomBytes} from 'node:crypto';
import type {Queryable} from '../src/db/db.js';
import {newKey} from './helpers.js';

export const newResponseId = () => `r-${randomBytes(9).toString('hex')}`;

export interface PostOptions {
  key?: string | null;
  origin?: string;
  headers?: Record<string, string>;
}

function post(url: string, body: unknown, options: PostOptions) {
  const headers: Record<string, string> = {'Content-Type': 'application/json', ...options.headers};
  const key = options.key === undefined ? newKey() : options.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  if (options.origin) headers.Origin = options.origin;
  return fetch(url, {method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body)});
}

export const postResponse = (url: string, ratingId: string, body: unknown, options: PostOptions = {}) =>
  post(`${url}/api/v1/ratings/${ratingId}/responses`, body, options);

export const postComment = (url: string, ratingId: string, responseId: string, body: unknown, options: PostOptions = {}) =>
  post(`${url}/api/v1/ratings/${ratingId}/responses/${responseId}/comment`, body, options);

export const getSummary = async (url: string, ratingId: string) => (await fetch(`${url}/api/v1/ratings/${ratingId}/summary`)).json();

export const responseRows = async (db: Queryable, ratingId: string) =>
  (await db.query<{n: number}>('select count(*)::int as n from rating_responses where rating_id = $1', [ratingId]))[0]!.n;

/** The consistency check: the counts (rolled-up days plus the tail) equal a recount of all the rows. */
export async function countersMatchRows(db: Queryable): Promise<{counters: unknown[]; recount: unknown[]}> {
  const counters = await db.query(
    `select rating_id, channel, branch_id, score, sum(count)::int as count from (
       select rating_id, channel, branch_id, score, count from rating_day_counts
       union all
       select rating_id, channel, coalesce(branch_id, ''), score, 1 from rating_responses
        where xid >= (select watermark from count_watermarks where name = 'rating_responses')
     ) c group by rating_id, channel, branch_id, score having sum(count) > 0
      order by rating_id, channel, branch_id, score`,
  );
  const recount = await db.query(
    `select rating_id, channel, coalesce(branch_id, '') as branch_id, score, count(*)::int as count from rating_responses
      group by rating_id, channel, coalesce(branch_id, ''), score
      order by rating_id, channel, branch_id, score`,
  );
  return {counters, recount};
}
