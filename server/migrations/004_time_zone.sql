-- A library's day, week and report buckets are in its own time zone (an IANA name).
alter table tenants add column time_zone text not null default 'Europe/Helsinki';
