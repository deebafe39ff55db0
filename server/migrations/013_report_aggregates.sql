-- Reports (issue 10) read the per-day counts of migration 006, which now keep the answer's language too,
-- and a per-hour table for the kiosk's "when is the branch happiest" (weekday × hour). Both are kept by
-- the same rollup as the live counts (counting/rollup.ts), so a write still touches only its own row.
-- '' is "no language given" (answers from before migration 012, or from clients that send none).

alter table poll_day_counts add column lang text not null default '';
alter table poll_day_counts drop constraint poll_day_counts_pkey;
alter table poll_day_counts add primary key (poll_id, day, channel, branch_id, lang);

alter table option_day_counts add column lang text not null default '';
alter table option_day_counts drop constraint option_day_counts_pkey;
alter table option_day_counts add primary key (poll_id, option_id, day, channel, branch_id, lang);

alter table rating_day_counts add column lang text not null default '';
alter table rating_day_counts drop constraint rating_day_counts_pkey;
alter table rating_day_counts add primary key (rating_id, day, channel, branch_id, lang, score);

-- The library's own day and hour of each answer; a score sum and a count give the mean of a cell.
create table rating_hour_counts (
  rating_id text not null references ratings (id) on delete cascade,
  day date not null,
  hour smallint not null check (hour between 0 and 23),
  channel text not null,
  branch_id text not null default '',
  score_sum bigint not null,
  count bigint not null,
  primary key (rating_id, day, hour, channel, branch_id)
);

-- The rolled-up answers so far (below the watermark) into the new table; the tail follows by rollup.
insert into rating_hour_counts (rating_id, day, hour, channel, branch_id, score_sum, count)
  select r.rating_id, (r.created_at at time zone t.time_zone)::date, extract(hour from r.created_at at time zone t.time_zone)::smallint,
         r.channel, coalesce(r.branch_id, ''), sum(r.score), count(*)
    from rating_responses r join ratings g on g.id = r.rating_id join tenants t on t.id = g.tenant_id
   where r.xid < (select watermark from count_watermarks where name = 'rating_responses')
   group by 1, 2, 3, 4, 5;

-- Reports of an idea box read its ideas by time.
create index ideas_box_created on ideas (box_id, created_at);

-- The writes carry the language (one more argument: the old signatures go).
drop function kirjasto_store_vote(text, text, text, jsonb, text, text, text[], text, text, text);
create function kirjasto_store_vote(
  p_scope text, p_key text, p_hash text, p_response jsonb,
  p_poll_id text, p_voter_hash text, p_option_ids text[], p_other_text text, p_channel text, p_branch_id text, p_lang text
) returns table (replayed boolean, request_hash text, status int, response jsonb) language plpgsql as $$
begin
  insert into idempotency_keys (scope, key, request_hash, status, response) values (p_scope, p_key, p_hash, 201, p_response)
    on conflict (scope, key) do nothing;
  if not found then
    return query select true, k.request_hash, k.status, k.response from idempotency_keys k where k.scope = p_scope and k.key = p_key;
    return;
  end if;
  insert into votes (poll_id, voter_hash, option_ids, other_text, channel, branch_id, lang)
    values (p_poll_id, p_voter_hash, p_option_ids, p_other_text, p_channel, p_branch_id, p_lang)
    on conflict (poll_id, voter_hash) do nothing;
  if not found then
    raise exception 'kirjasto:already-voted' using errcode = 'KV409';
  end if;
  return query select false, p_hash, 201, p_response;
end $$;

drop function kirjasto_store_rating_response(text, text, text, jsonb, text, text, text, text, int, text, text, text);
create function kirjasto_store_rating_response(
  p_scope text, p_key text, p_hash text, p_response jsonb,
  p_rating_id text, p_response_id text, p_voter_hash text, p_voter_day text, p_score int, p_comment text, p_channel text, p_branch_id text,
  p_lang text
) returns table (replayed boolean, request_hash text, status int, response jsonb) language plpgsql as $$
begin
  insert into idempotency_keys (scope, key, request_hash, status, response) values (p_scope, p_key, p_hash, 201, p_response)
    on conflict (scope, key) do nothing;
  if not found then
    return query select true, k.request_hash, k.status, k.response from idempotency_keys k where k.scope = p_scope and k.key = p_key;
    return;
  end if;
  insert into rating_responses (rating_id, response_id, voter_hash, voter_day, score, comment, channel, branch_id, lang)
    values (p_rating_id, p_response_id, p_voter_hash, p_voter_day, p_score, p_comment, p_channel, p_branch_id, p_lang)
    on conflict do nothing;
  if not found then
    raise exception 'kirjasto:response-refused' using errcode = 'KV409';
  end if;
  return query select false, p_hash, 201, p_response;
end $$;

-- Group commit (migration 009) with the language; `lang` absent from an item is null.
create or replace function kirjasto_store_votes(p_items jsonb)
returns table (ord int, outcome text, request_hash text, status int, response jsonb) language plpgsql as $$
declare
  item jsonb;
  i int := 0;
begin
  for item in select value from jsonb_array_elements(p_items) loop
    insert into idempotency_keys (scope, key, request_hash, status, response)
      values (item->>'scope', item->>'key', item->>'hash', 201, item->'response')
      on conflict (scope, key) do nothing;
    if not found then
      return query select i, 'replayed', k.request_hash, k.status, k.response
        from idempotency_keys k where k.scope = item->>'scope' and k.key = item->>'key';
    else
      insert into votes (poll_id, voter_hash, option_ids, other_text, channel, branch_id, lang)
        values (item->>'pollId', item->>'voterHash', array(select jsonb_array_elements_text(item->'optionIds')),
                item->>'otherText', item->>'channel', item->>'branchId', item->>'lang')
        on conflict (poll_id, voter_hash) do nothing;
      if found then
        return query select i, 'stored', item->>'hash', 201, item->'response';
      else
        delete from idempotency_keys k where k.scope = item->>'scope' and k.key = item->>'key';
        return query select i, 'refused', null::text, null::int, null::jsonb;
      end if;
    end if;
    i := i + 1;
  end loop;
end $$;

create or replace function kirjasto_store_rating_responses(p_items jsonb)
returns table (ord int, outcome text, request_hash text, status int, response jsonb) language plpgsql as $$
declare
  item jsonb;
  i int := 0;
begin
  for item in select value from jsonb_array_elements(p_items) loop
    insert into idempotency_keys (scope, key, request_hash, status, response)
      values (item->>'scope', item->>'key', item->>'hash', 201, item->'response')
      on conflict (scope, key) do nothing;
    if not found then
      return query select i, 'replayed', k.request_hash, k.status, k.response
        from idempotency_keys k where k.scope = item->>'scope' and k.key = item->>'key';
    else
      insert into rating_responses (rating_id, response_id, voter_hash, voter_day, score, comment, channel, branch_id, lang)
        values (item->>'ratingId', item->>'responseId', item->>'voterHash', item->>'voterDay', (item->>'score')::int,
                item->>'comment', item->>'channel', item->>'branchId', item->>'lang')
        on conflict do nothing;
      if found then
        return query select i, 'stored', item->>'hash', 201, item->'response';
      else
        delete from idempotency_keys k where k.scope = item->>'scope' and k.key = item->>'key';
        return query select i, 'refused', null::text, null::int, null::jsonb;
      end if;
    end if;
    i := i + 1;
  end loop;
end $$;
