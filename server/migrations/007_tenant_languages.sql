-- The UI languages a library offers patrons (the kiosk's language buttons): Northern Sami (se) and
-- plain Finnish (fi-x-selko) are turned on per library. Empty means the default fi, sv and en.
alter table tenants add column languages text[] not null default '{}';
