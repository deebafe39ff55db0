-- Ratings: one-tap scales with an optional comment, responses per channel and branch, counters for
-- summaries, and the staff PIN that unlocks a tenant's kiosks.

create table ratings (
  id text primary key,
  tenant_id text not null references tenants (id) on delete cascade,
  question jsonb not null,
  scale text not null check (scale in ('smileys-4', 'smileys-5', 'stars-5', 'nps', 'thumbs')),
  comment_mode text not null default 'off' check (comment_mode in ('off', 'always', 'after-low')),
  -- a score <= low_threshold is "low"; required when comments come after a low score
  low_threshold int,
  comment_max_length int not null default 500 check (comment_max_length between 1 and 2000),
  opens_at timestamptz not null default now(),
  closes_at timestamptz,
  created_at timestamptz not null default now(),
  check (comment_mode <> 'after-low' or low_threshold is not null)
);
create index ratings_tenant_id on ratings (tenant_id);

create table rating_responses (
  id bigint generated always as identity primary key,
  rating_id text not null references ratings (id) on delete cascade,
  -- made by the client, so a retry through another key is recognised
  response_id text not null,
  voter_hash text not null,
  -- voter_hash and the UTC day for web and qr (one response a day); null for kiosk (unlimited)
  voter_day text,
  score int not null,
  comment text,
  channel text not null check (channel in ('web', 'qr', 'kiosk')),
  branch_id text references branches (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (rating_id, response_id),
  unique (rating_id, voter_day)
);

-- Summaries read these, never the responses; upserted in the response's transaction.
create table rating_counts (
  rating_id text not null references ratings (id) on delete cascade,
  channel text not null check (channel in ('web', 'qr', 'kiosk')),
  branch_id text not null default '',
  score int not null,
  count int not null default 0,
  primary key (rating_id, channel, branch_id, score)
);

alter table tenants add column kiosk_pin_hash text;
