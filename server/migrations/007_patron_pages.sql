-- The library's look on its standalone pages and posters (accent colour, logo), the order in which its
-- content falls back between languages, and the short typed addresses printed on posters (/q/<code>).
alter table tenants add column accent_color text;
alter table tenants add column logo_url text;
alter table tenants add column content_languages text[] not null default '{fi,sv,en}';

create table short_links (
  code text primary key,
  tenant_id text not null references tenants (id) on delete cascade,
  kind text not null,
  target_id text not null,
  channel text not null,
  branch_id text,
  created_at timestamptz not null default now()
);
create unique index short_links_target on short_links (kind, target_id, channel, coalesce(branch_id, ''));
