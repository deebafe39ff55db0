-- Idea boxes: patrons' ideas, their supporters, moderation, and per-tenant moderation tokens.
-- Counters (box idea_count, idea supports) are kept in the same transaction as the rows they count.

create table idea_boxes (
  id text primary key,
  tenant_id text not null references tenants (id) on delete cascade,
  topic jsonb not null,
  description jsonb,
  categories jsonb not null default '[]',
  moderation text not null default 'pre' check (moderation in ('pre', 'post')),
  max_length int not null default 1000 check (max_length between 10 and 4000),
  allow_contact boolean not null default false,
  opens_at timestamptz not null default now(),
  closes_at timestamptz,
  -- published ideas that are not merged into another: the public list's total
  idea_count int not null default 0,
  created_at timestamptz not null default now()
);
create index idea_boxes_tenant_id on idea_boxes (tenant_id);

create table ideas (
  id text primary key,
  box_id text not null references idea_boxes (id) on delete cascade,
  text text not null,
  category text,
  contact text,
  state text not null check (state in ('pending', 'published', 'hidden', 'rejected')),
  status text not null default 'new' check (status in ('new', 'under-consideration', 'planned', 'done', 'declined')),
  answer jsonb,
  answered_at timestamptz,
  reject_reason text,
  merged_into text references ideas (id) on delete set null,
  supports int not null default 0 check (supports >= 0),
  channel text not null check (channel in ('web', 'qr', 'kiosk')),
  branch_id text references branches (id) on delete set null,
  created_at timestamptz not null default now()
);
-- Keyset pagination of the public list, one index per sort: a deep page costs what the first does.
create index ideas_public_by_support on ideas (box_id, supports desc, id desc)
  where state = 'published' and merged_into is null;
create index ideas_public_by_newest on ideas (box_id, created_at desc, id desc)
  where state = 'published' and merged_into is null;
create index ideas_moderation on ideas (box_id, state, created_at desc, id desc);
create index ideas_box_newest on ideas (box_id, created_at desc, id desc);
create index ideas_merged_into on ideas (merged_into) where merged_into is not null;

create table idea_supports (
  idea_id text not null references ideas (id) on delete cascade,
  voter_hash text not null,
  created_at timestamptz not null default now(),
  primary key (idea_id, voter_hash)
);

create table tenant_tokens (
  token_hash text primary key,
  tenant_id text not null references tenants (id) on delete cascade,
  label text not null,
  created_at timestamptz not null default now()
);
create index tenant_tokens_tenant_id on tenant_tokens (tenant_id);

create table moderation_audit (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  tenant_id text not null references tenants (id) on delete cascade,
  actor text not null,
  action text not null,
  idea_id text,
  detail jsonb not null default '{}'
);
create index moderation_audit_tenant on moderation_audit (tenant_id, id desc);
