-- Retention per library (issue 11): how long what patrons wrote is kept. A scheduled job
-- (retention/job.ts) applies it once a day across every instance sharing the database.
--   free text (rating comments, "other" answers, idea texts): deleted after `retention_free_text_months`;
--   contact details of ideas: deleted `retention_answered_contact_days` after the idea was answered, and
--     in any case after `retention_contact_months`;
--   raw votes, rating responses and supports with their voter hashes: deleted after
--     `retention_raw_months`, once the rollup has counted them (the reports read the day counts).
alter table tenants add column retention_free_text_months int not null default 24 check (retention_free_text_months between 1 and 120);
alter table tenants add column retention_contact_months int not null default 12 check (retention_contact_months between 1 and 12);
alter table tenants add column retention_answered_contact_days int not null default 90 check (retention_answered_contact_days between 0 and 90);
alter table tenants add column retention_raw_months int not null default 24 check (retention_raw_months between 1 and 120);

-- An idea whose text retention removed stays counted in the reports, without its words.
alter table ideas add column text_removed_at timestamptz;

-- Jobs that run once across instances: the instance whose update moves `last_run_at` runs it.
create table scheduled_jobs (
  name text primary key,
  last_run_at timestamptz
);
insert into scheduled_jobs (name) values ('retention');

-- What each run deleted, as counts per library (never contents).
create table retention_runs (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  tenant_id text references tenants (id) on delete cascade,
  counts jsonb not null
);
create index retention_runs_tenant on retention_runs (tenant_id, at);

create index votes_created on votes (created_at);
create index rating_responses_created on rating_responses (created_at);
create index idea_supports_created on idea_supports (created_at);
create index idempotency_keys_created on idempotency_keys (created_at);
