-- Idea supports counted like votes and rating responses (migration 006): a support or a withdrawal no
-- longer adds to ideas.supports in its own transaction, so the supporters of one popular idea never wait
-- on its row. Each change of idea_supports appends a +1 or -1 row to idea_support_changes (a trigger, so
-- every path is counted: a support, a withdrawal, a moderator's merge moving supporters, a cascade);
-- a rollup (counting/rollup.ts) adds the changes below the watermark to ideas.supports, and a read adds
-- the tail (ideas/store.ts). ideas.supports is then the rolled-up part, which the public list sorts by.

create table idea_support_changes (
  id bigint generated always as identity primary key,
  -- No foreign key: the changes of an idea being deleted are written while its row goes.
  idea_id text not null,
  delta smallint not null check (delta in (-1, 1)),
  xid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now()
);
create index idea_support_changes_tail on idea_support_changes (idea_id, xid);
create index idea_support_changes_rollup on idea_support_changes (xid);

create function kirjasto_support_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into idea_support_changes (idea_id, delta) values (new.idea_id, 1);
  else
    insert into idea_support_changes (idea_id, delta) values (old.idea_id, -1);
  end if;
  return null;
end $$;
create trigger idea_supports_changed after insert or delete on idea_supports
  for each row execute function kirjasto_support_changed();

-- A withdrawal may be rolled up before the support it withdraws (its transaction can hold the lower id),
-- so the rolled-up part may dip below zero for a second; the sum with the tail never does.
alter table ideas drop constraint if exists ideas_supports_check;

-- ideas.supports is exact now (the counter was kept in each support's transaction): the tail starts here.
insert into count_watermarks (name, watermark) values ('idea_support_changes', pg_snapshot_xmin(pg_current_snapshot()));
