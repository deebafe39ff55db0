-- Counting that scales: a vote or a rating response writes only its own row (and its idempotency key);
-- no counter row is updated in its transaction, so concurrent writes never wait on one hot row.
--
-- Each counted row carries the transaction id that wrote it (`xid`). A rollup (counting/rollup.ts) adds
-- the rows of every transaction below the oldest still-running one into per-day counts and moves the
-- watermark there, in one transaction; a read adds the counts and the rows at or above the watermark
-- (the tail, a second or so of writes), in one statement. Every row is therefore counted exactly once,
-- and no read scans more than the tail.
--
-- The day is the library's own (tenants.time_zone), with channel and branch: the reports' per-day
-- aggregates are these rows.

alter table votes add column xid xid8 not null default '0';
alter table votes alter column xid set default pg_current_xact_id();
create index votes_poll_tail on votes (poll_id, xid);
create index votes_rollup on votes (xid);

alter table rating_responses add column xid xid8 not null default '0';
alter table rating_responses alter column xid set default pg_current_xact_id();
create index rating_responses_tail on rating_responses (rating_id, xid);
create index rating_responses_rollup on rating_responses (xid);

-- Rows below the watermark are in the counts; rows at or above it are the tail.
create table count_watermarks (
  name text primary key,
  watermark xid8 not null
);

create table poll_day_counts (
  poll_id text not null references polls (id) on delete cascade,
  day date not null,
  channel text not null,
  branch_id text not null default '',
  votes bigint not null,
  other bigint not null,
  primary key (poll_id, day, channel, branch_id)
);

-- No foreign key to poll_options: a rollup must never fail on an option a librarian removed.
create table option_day_counts (
  poll_id text not null references polls (id) on delete cascade,
  option_id text not null,
  day date not null,
  channel text not null,
  branch_id text not null default '',
  count bigint not null,
  primary key (poll_id, option_id, day, channel, branch_id)
);

create table rating_day_counts (
  rating_id text not null references ratings (id) on delete cascade,
  day date not null,
  channel text not null,
  branch_id text not null default '',
  score int not null,
  count bigint not null,
  primary key (rating_id, day, channel, branch_id, score)
);

-- The existing rows (xid 0) are counted now. Every transaction below the oldest running one has ended,
-- and no vote is written while this migration holds its locks: the tail starts exactly there.
insert into count_watermarks (name, watermark)
  select name, pg_snapshot_xmin(pg_current_snapshot()) from (values ('votes'), ('rating_responses')) as n (name);

insert into poll_day_counts (poll_id, day, channel, branch_id, votes, other)
  select v.poll_id, (v.created_at at time zone t.time_zone)::date, v.channel, coalesce(v.branch_id, ''), count(*), count(v.other_text)
    from votes v join polls p on p.id = v.poll_id join tenants t on t.id = p.tenant_id
   group by 1, 2, 3, 4;
insert into option_day_counts (poll_id, option_id, day, channel, branch_id, count)
  select v.poll_id, o.id, (v.created_at at time zone t.time_zone)::date, v.channel, coalesce(v.branch_id, ''), count(*)
    from votes v cross join lateral unnest(v.option_ids) as o (id)
    join polls p on p.id = v.poll_id join tenants t on t.id = p.tenant_id
   group by 1, 2, 3, 4, 5;
insert into rating_day_counts (rating_id, day, channel, branch_id, score, count)
  select r.rating_id, (r.created_at at time zone t.time_zone)::date, r.channel, coalesce(r.branch_id, ''), r.score, count(*)
    from rating_responses r join ratings g on g.id = r.rating_id join tenants t on t.id = g.tenant_id
   group by 1, 2, 3, 4, 5;

alter table polls drop column vote_count, drop column other_count;
alter table poll_options drop column vote_count;
drop table rating_counts;

-- Content that instances cache (counting/content.ts): any change tells every instance to drop its copy.
create function kirjasto_content_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('kirjasto_content', tg_table_name);
  return null;
end $$;
create trigger tenants_changed after insert or update or delete or truncate on tenants
  for each statement execute function kirjasto_content_changed();
create trigger branches_changed after insert or update or delete or truncate on branches
  for each statement execute function kirjasto_content_changed();
create trigger polls_changed after insert or update or delete or truncate on polls
  for each statement execute function kirjasto_content_changed();
create trigger poll_options_changed after insert or update or delete or truncate on poll_options
  for each statement execute function kirjasto_content_changed();
create trigger ratings_changed after insert or update or delete or truncate on ratings
  for each statement execute function kirjasto_content_changed();
create trigger idea_boxes_changed after insert or update or delete or truncate on idea_boxes
  for each statement execute function kirjasto_content_changed();

-- A write in one statement (one round trip, one commit): the idempotency key with its stored answer,
-- then the row. A key already there returns what is stored (a replay, or a different request); a row
-- the unique indexes refuse raises, so the key is rolled back with it.
create function kirjasto_store_vote(
  p_scope text, p_key text, p_hash text, p_response jsonb,
  p_poll_id text, p_voter_hash text, p_option_ids text[], p_other_text text, p_channel text, p_branch_id text
) returns table (replayed boolean, request_hash text, status int, response jsonb) language plpgsql as $$
begin
  insert into idempotency_keys (scope, key, request_hash, status, response) values (p_scope, p_key, p_hash, 201, p_response)
    on conflict (scope, key) do nothing;
  if not found then
    return query select true, k.request_hash, k.status, k.response from idempotency_keys k where k.scope = p_scope and k.key = p_key;
    return;
  end if;
  insert into votes (poll_id, voter_hash, option_ids, other_text, channel, branch_id)
    values (p_poll_id, p_voter_hash, p_option_ids, p_other_text, p_channel, p_branch_id)
    on conflict (poll_id, voter_hash) do nothing;
  if not found then
    raise exception 'kirjasto:already-voted' using errcode = 'KV409';
  end if;
  return query select false, p_hash, 201, p_response;
end $$;

create function kirjasto_store_rating_response(
  p_scope text, p_key text, p_hash text, p_response jsonb,
  p_rating_id text, p_response_id text, p_voter_hash text, p_voter_day text, p_score int, p_comment text, p_channel text, p_branch_id text
) returns table (replayed boolean, request_hash text, status int, response jsonb) language plpgsql as $$
begin
  insert into idempotency_keys (scope, key, request_hash, status, response) values (p_scope, p_key, p_hash, 201, p_response)
    on conflict (scope, key) do nothing;
  if not found then
    return query select true, k.request_hash, k.status, k.response from idempotency_keys k where k.scope = p_scope and k.key = p_key;
    return;
  end if;
  insert into rating_responses (rating_id, response_id, voter_hash, voter_day, score, comment, channel, branch_id)
    values (p_rating_id, p_response_id, p_voter_hash, p_voter_day, p_score, p_comment, p_channel, p_branch_id)
    on conflict do nothing;
  if not found then
    raise exception 'kirjasto:response-refused' using errcode = 'KV409';
  end if;
  return query select false, p_hash, 201, p_response;
end $$;
