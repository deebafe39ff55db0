-- The librarians' side: staff accounts, their roles per library, sessions, invitations, API tokens
-- (the moderation tokens become named, scoped, revocable ones), one audit log for every admin write,
-- and the fields an editor sets on content (archived, publish results) with a version for If-Match.

create table users (
  id text primary key,
  email text not null,
  name text not null default '',
  -- scrypt$N$r$p$salt$hash; null until an invited user sets one
  password_hash text,
  regional_admin boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index users_email on users (lower(email));

create table memberships (
  tenant_id text not null references tenants (id) on delete cascade,
  user_id text not null references users (id) on delete cascade,
  role text not null check (role in ('owner', 'editor', 'moderator', 'viewer')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id)
);
create index memberships_user_id on memberships (user_id);

-- The cookie holds a random id; only its keyed hash is stored.
create table sessions (
  id_hash text primary key,
  user_id text not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index sessions_user_id on sessions (user_id);

create table invitations (
  token_hash text primary key,
  tenant_id text not null references tenants (id) on delete cascade,
  email text not null,
  role text not null check (role in ('owner', 'editor', 'moderator', 'viewer')),
  created_by text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz
);

-- Tokens get an id (to list and revoke them), roles, who made them, and a revocation time.
alter table tenant_tokens add column id text;
update tenant_tokens set id = 'tok-' || left(token_hash, 16) where id is null;
alter table tenant_tokens alter column id set not null;
create unique index tenant_tokens_id on tenant_tokens (id);
alter table tenant_tokens add column roles text[] not null default '{moderator}';
alter table tenant_tokens add column created_by text not null default '';
alter table tenant_tokens add column revoked_at timestamptz;
alter table tenant_tokens add column last_used_at timestamptz;

-- Every admin write: who, what, when, the state before and after (never a password or a secret).
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  tenant_id text references tenants (id) on delete cascade,
  actor text not null,
  action text not null,
  subject_kind text not null,
  subject_id text,
  before jsonb,
  after jsonb
);
create index audit_log_tenant on audit_log (tenant_id, id desc);
insert into audit_log (at, tenant_id, actor, action, subject_kind, subject_id, before, after)
  select at, tenant_id, actor, action, 'idea', idea_id, null, detail from moderation_audit order by id;
drop table moderation_audit;

alter table branches add column address text not null default '';

alter table polls add column archived boolean not null default false;
alter table polls add column publish_results boolean not null default false;
alter table polls add column version int not null default 1;
alter table ratings add column archived boolean not null default false;
alter table ratings add column publish_results boolean not null default false;
alter table ratings add column version int not null default 1;
alter table idea_boxes add column archived boolean not null default false;
alter table idea_boxes add column publish_results boolean not null default false;
alter table idea_boxes add column version int not null default 1;
alter table branches add column version int not null default 1;
alter table tenants add column version int not null default 1;

-- OpenID Connect per library (e.g. a municipality's Entra ID tenant): its provider, client and how a
-- claim maps to a role. The client secret is needed in clear to talk to the provider: it is never
-- returned, logged or audited.
create table tenant_oidc (
  tenant_id text primary key references tenants (id) on delete cascade,
  enabled boolean not null default true,
  issuer text not null,
  client_id text not null,
  client_secret text not null,
  role_claim text not null default 'roles',
  -- claim value -> role, e.g. {"Kirjasto.Omistaja": "owner"}
  role_map jsonb not null default '{}',
  default_role text check (default_role in ('owner', 'editor', 'moderator', 'viewer')),
  version int not null default 1
);

-- A provider's subject is the account; an email alone never links accounts.
create table user_identities (
  issuer text not null,
  subject text not null,
  user_id text not null references users (id) on delete cascade,
  primary key (issuer, subject)
);

-- A session from a library's provider acts in that library only.
alter table sessions add column tenant_scope text references tenants (id) on delete cascade;
