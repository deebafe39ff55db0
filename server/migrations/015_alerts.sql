-- Alerts and digests (issue 10, point 6): a library's alert settings (the whole library, and optionally
-- a branch of its own), its webhook endpoints, and a durable queue of deliveries that survives restarts
-- and is shared by every instance on one PostgreSQL (claimed with `for update skip locked`).

-- branch_id '' is the whole library; a branch's row alerts on that branch's answers to its own recipients.
create table alert_settings (
  tenant_id text not null references tenants (id) on delete cascade,
  branch_id text not null default '',
  surge_enabled boolean not null default true,
  -- a surge: at least surge_min_answers answers to one rating in surge_window_minutes, of which at
  -- least surge_low_share are low (the bottom two scores of the scale; NPS: detractors 0-6; thumbs: down)
  surge_min_answers int not null default 4 check (surge_min_answers between 2 and 10000),
  surge_window_minutes int not null default 15 check (surge_window_minutes between 1 and 1440),
  surge_low_share numeric(4, 3) not null default 0.5 check (surge_low_share > 0 and surge_low_share <= 1),
  -- one surge alerts once: no second alert for the same rating and scope within this time
  surge_cooldown_minutes int not null default 120 check (surge_cooldown_minutes between 1 and 10080),
  -- the weekly digest is the library's (branch_id '' only)
  digest_enabled boolean not null default false,
  -- the Monday of the last ISO week whose digest was queued: a restart never sends it again
  digest_last_week date,
  recipients text[] not null default '{}',
  version int not null default 1,
  primary key (tenant_id, branch_id)
);

create table alert_webhooks (
  id text primary key,
  tenant_id text not null references tenants (id) on delete cascade,
  url text not null,
  -- Standard Webhooks: whsec_ and base64; the key signs, so it is kept (shown to staff once, at creation)
  secret text not null check (secret like 'whsec\_%'),
  description text not null default '',
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);
create index alert_webhooks_tenant on alert_webhooks (tenant_id);

-- The last surge alert per rating and scope: an insert-or-update past the cool-down is how one instance
-- (and only one) wins the right to alert.
create table alert_surges (
  tenant_id text not null references tenants (id) on delete cascade,
  branch_id text not null,
  rating_id text not null references ratings (id) on delete cascade,
  alerted_at timestamptz not null,
  primary key (tenant_id, branch_id, rating_id)
);

-- One row per event and destination (an email address or a webhook endpoint). A worker claims due rows
-- by moving next_attempt_at ahead (a lease) and sends outside any transaction: a crash mid-send means a
-- retry after the lease, never a lost delivery.
create table alert_deliveries (
  id bigint generated always as identity primary key,
  tenant_id text not null references tenants (id) on delete cascade,
  -- the Standard Webhooks webhook-id: the same for every attempt of one delivery
  message_id text not null unique,
  event_type text not null,
  channel text not null check (channel in ('email', 'webhook')),
  -- an email address, or the id of the webhook endpoint (its URL and secret are read at sending time)
  target text not null,
  payload jsonb not null,
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  delivered_at timestamptz,
  -- set when attempts ran out
  failed_at timestamptz,
  created_at timestamptz not null default now()
);
create index alert_deliveries_due on alert_deliveries (next_attempt_at) where delivered_at is null and failed_at is null;
create index alert_deliveries_tenant on alert_deliveries (tenant_id, id desc);

-- The surge check reads one rating's answers of the last minutes.
create index rating_responses_recent on rating_responses (rating_id, created_at);
