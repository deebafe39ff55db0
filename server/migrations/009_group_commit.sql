-- Group commit: the writes of several concurrent requests in one statement, so one transaction and one
-- commit (counting/group-commit.ts). Each item is what kirjasto_store_vote or
-- kirjasto_store_rating_response takes, as a JSON object; the items are applied in order, with the same
-- outcome each would have alone:
--   'stored'   the key with its answer and the row were inserted;
--   'replayed' the key was there: its stored request hash, status and answer;
--   'refused'  the unique indexes refused the row (this voter voted, the response id or the voter's day
--              is taken): its key is deleted again, so nothing of it is kept.
-- No exception for a refusal (a savepoint per item would cost more than the batch saves). Any error
-- aborts the whole batch, which the caller then retries one item at a time; nothing of it is kept.

create function kirjasto_store_votes(p_items jsonb)
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
      insert into votes (poll_id, voter_hash, option_ids, other_text, channel, branch_id)
        values (item->>'pollId', item->>'voterHash', array(select jsonb_array_elements_text(item->'optionIds')),
                item->>'otherText', item->>'channel', item->>'branchId')
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

create function kirjasto_store_rating_responses(p_items jsonb)
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
      insert into rating_responses (rating_id, response_id, voter_hash, voter_day, score, comment, channel, branch_id)
        values (item->>'ratingId', item->>'responseId', item->>'voterHash', item->>'voterDay', (item->>'score')::int,
                item->>'comment', item->>'channel', item->>'branchId')
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
