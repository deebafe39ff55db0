-- The short typed addresses printed on posters (/q/<code>). The library's look on its pages and
-- posters comes from 008's brand_color and logo_url, its language order from 007's languages.

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
