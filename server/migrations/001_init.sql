-- Initial schema: tenants, branches, polls with counters, votes, idempotency keys, server secrets.
-- One dialect for PGlite and PostgreSQL.

create table tenants (
  id text primary key,
  name text not null,
  allowed_origins text[] not null default '{}',
  created_at timestamptz not null default now()
);

create table branches (
  id text primary key,
  tenant_id text not null references tenants (id) on delete cascade,
  name jsonb not null
);
create index branches_tenant_id on branches (tenant_id);

create table polls (
  id text primary key,
  tenant_id text not null references tenants (id) on delete cascade,
  question jsonb not null,
  max_choices int not null default 1 check (max_choices >= 1),
  allow_other boolean not null default false,
  results_visibility text not null default 'after-vote'
    check (results_visibility in ('after-vote', 'always', 'after-close', 'never')),
  opens_at timestamptz not null default now(),
  closes_at timestamptz,
  vote_count int not null default 0,
  other_count int not null default 0,
  created_at timestamptz not null default now()
);
create index polls_tenant_id on polls (tenant_id);

create table poll_options (
  poll_id text not null references polls (id) on delete cascade,
  id text not null,
  position int not null,
  label jsonb not null,
  vote_count int not null default 0,
  primary key (poll_id, id)
);

create table votes (
  id bigint generated always as identity primary key,
  poll_id text not null references polls (id) on delete cascade,
  voter_hash text not null,
  option_ids text[] not null,
  other_text text,
  channel text not null check (channel in ('web', 'qr', 'kiosk')),
  branch_id text references branches (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (poll_id, voter_hash)
);

create table idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  status int,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

create table server_secrets (
  name text primary key,
  value text not null
);
