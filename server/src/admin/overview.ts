import {createRoute, z} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import type {AppDeps} from '../deps.js';
import {apiApp, CHANNELS, dateTime, json, problems, TextSchema, type Channel} from '../http/contract.js';
import {ADMIN_PROBLEMS, NO_STORE, tenantParams} from './http.js';

const KINDS = ['poll', 'rating', 'idea-box'] as const;
type Kind = (typeof KINDS)[number];

const ChannelCountsSchema = z
  .strictObject({
    channel: z.enum(CHANNELS),
    votes: z.number().int().min(0).openapi({description: 'Poll votes'}),
    ratings: z.number().int().min(0).openapi({description: 'Rating responses'}),
    ideas: z.number().int().min(0).openapi({description: 'Ideas sent (whatever their moderation state)'}),
    total: z.number().int().min(0),
  })
  .openapi('OverviewChannel');

export const OverviewSchema = z
  .strictObject({
    timeZone: z.string().openapi({description: "The library's time zone, in which the week is counted"}),
    weekStart: z.iso.date().openapi({description: "Monday of this ISO week in the library's time zone"}),
    live: z
      .array(
        z.strictObject({
          kind: z.enum(KINDS),
          id: z.string(),
          title: TextSchema.openapi({description: "A poll's or rating's question, an idea box's topic"}),
          opensAt: dateTime(),
          closesAt: dateTime().nullable(),
          thisWeek: z.number().int().min(0).openapi({description: 'Answers since weekStart, all channels'}),
        }),
      )
      .openapi({description: 'Polls, ratings and idea boxes open now and not archived, newest first within each kind'}),
    moderation: z.strictObject({
      pending: z.number().int().min(0).openapi({description: 'Ideas waiting for moderation in all the idea boxes'}),
      boxes: z.array(z.strictObject({id: z.string(), topic: TextSchema, pending: z.number().int().min(1)})),
    }),
    thisWeek: z.array(ChannelCountsSchema).openapi({description: 'Answers since weekStart by channel: web, qr, kiosk, in this order'}),
  })
  .openapi('Overview');

// The week's Monday in the library's time zone (date_trunc('week') is ISO: weeks start on Monday), as a
// day (what the day counts are keyed by) and as the instant it began (for rows with a timestamp).
const WEEK = `with w as (
    select d.day, (d.day::timestamp at time zone t.time_zone) as ts, t.time_zone
      from tenants t cross join lateral (select date_trunc('week', now() at time zone t.time_zone)::date as day) d
     where t.id = $1)`;

// Votes and rating responses: the rolled-up day counts plus the tail above the watermark (counting/counts.ts),
// so no read scans the counted rows of the week; ideas are few and have no rollup (their index has the time).
const WEEK_COUNTS = `${WEEK}
  select 'poll' as kind, c.poll_id as id, c.channel, sum(c.votes)::int as n
    from poll_day_counts c join polls p on p.id = c.poll_id, w where p.tenant_id = $1 and c.day >= w.day group by 1, 2, 3
  union all
  select 'poll', v.poll_id, v.channel, count(*)::int
    from votes v join polls p on p.id = v.poll_id, w
   where p.tenant_id = $1 and v.xid >= (select watermark from count_watermarks where name = 'votes') and v.created_at >= w.ts
   group by 1, 2, 3
  union all
  select 'rating', c.rating_id, c.channel, sum(c.count)::int
    from rating_day_counts c join ratings r on r.id = c.rating_id, w where r.tenant_id = $1 and c.day >= w.day group by 1, 2, 3
  union all
  select 'rating', r.rating_id, r.channel, count(*)::int
    from rating_responses r join ratings g on g.id = r.rating_id, w
   where g.tenant_id = $1 and r.xid >= (select watermark from count_watermarks where name = 'rating_responses') and r.created_at >= w.ts
   group by 1, 2, 3
  union all
  select 'idea-box', i.box_id, i.channel, count(*)::int
    from ideas i join idea_boxes b on b.id = i.box_id, w where b.tenant_id = $1 and i.created_at >= w.ts group by 1, 2, 3`;

const LIVE = `
  select 'poll' as kind, id, question as title, opens_at, closes_at from polls
   where tenant_id = $1 and not archived and opens_at <= now() and (closes_at is null or closes_at > now())
  union all
  select 'rating', id, question, opens_at, closes_at from ratings
   where tenant_id = $1 and not archived and opens_at <= now() and (closes_at is null or closes_at > now())
  union all
  select 'idea-box', id, topic, opens_at, closes_at from idea_boxes
   where tenant_id = $1 and not archived and opens_at <= now() and (closes_at is null or closes_at > now())
  order by 1, 4 desc, 2`;

const PENDING = `select b.id, b.topic, count(*)::int as pending from ideas i join idea_boxes b on b.id = i.box_id
   where b.tenant_id = $1 and i.state = 'pending' group by b.id, b.topic order by 3 desc, 1`;

const FIELD: Record<Kind, 'votes' | 'ratings' | 'ideas'> = {poll: 'votes', rating: 'ratings', 'idea-box': 'ideas'};

export function overviewApi(deps: AppDeps) {
  const {db} = deps;
  const app = apiApp<AdminEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/overview',
      operationId: 'adminOverview',
      summary: "The start page: what is live now, ideas waiting for moderation, this week's answers by channel",
      ...access('read'),
      middleware: [authenticate(deps), requireCapability(deps, 'read')] as const,
      request: {params: tenantParams},
      responses: {200: {description: 'The overview', content: json(OverviewSchema)}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const [week] = await db.query<{day: string; time_zone: string}>(`${WEEK} select to_char(day, 'YYYY-MM-DD') as day, time_zone from w`, [tenant]);
      const counts = await db.query<{kind: Kind; id: string; channel: Channel; n: number}>(WEEK_COUNTS, [tenant]);
      const live = await db.query<{kind: Kind; id: string; title: Record<string, string>; opens_at: Date | string; closes_at: Date | string | null}>(LIVE, [tenant]);
      const pending = await db.query<{id: string; topic: Record<string, string>; pending: number}>(PENDING, [tenant]);

      const byItem = new Map<string, number>();
      const byChannel = new Map(CHANNELS.map((channel) => [channel, {channel, votes: 0, ratings: 0, ideas: 0, total: 0}]));
      for (const row of counts) {
        const n = Number(row.n);
        const key = `${row.kind}/${row.id}`;
        byItem.set(key, (byItem.get(key) ?? 0) + n);
        const channel = byChannel.get(row.channel);
        if (!channel) continue;
        channel[FIELD[row.kind]] += n;
        channel.total += n;
      }
      return c.json(
        {
          timeZone: week!.time_zone,
          weekStart: week!.day,
          live: live.map((r) => ({
            kind: r.kind,
            id: r.id,
            title: r.title,
            opensAt: new Date(r.opens_at).toISOString(),
            closesAt: r.closes_at === null ? null : new Date(r.closes_at).toISOString(),
            thisWeek: byItem.get(`${r.kind}/${r.id}`) ?? 0,
          })),
          moderation: {pending: pending.reduce((sum, b) => sum + Number(b.pending), 0), boxes: pending.map((b) => ({id: b.id, topic: b.topic, pending: Number(b.pending)}))},
          thisWeek: [...byChannel.values()],
        },
        200,
        NO_STORE,
      );
    },
  );
  return app;
}
