-- Registered kiosks (issue 12): a kiosk is a known device. Unlocking a kiosk with the staff PIN
-- registers it and hands it a token; its answers count as the `kiosk` channel (no one-a-day rule, a
-- write limit of its own) only with that token. Only a keyed hash of the token is kept (as for API
-- tokens, an HMAC under the server pepper): the token itself is shown once, to the kiosk.
create table kiosk_devices (
  id text primary key,
  tenant_id text not null references tenants (id) on delete cascade,
  label text not null,
  branch_id text,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);
create index kiosk_devices_tenant on kiosk_devices (tenant_id, created_at);
