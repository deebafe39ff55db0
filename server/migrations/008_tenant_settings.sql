-- What a library's owner sets in the console (GET/PATCH /api/v1/admin/tenants/{tenant}): its name in
-- each language, its default UI language (its languages are 007's `languages`),
-- a brand colour (#rrggbb) and a logo (https only). `name` stays the name in the default language.
alter table tenants add column names jsonb not null default '{}';
update tenants set names = jsonb_build_object('fi', name);
alter table tenants add column default_language text not null default 'fi' check (default_language in ('fi', 'sv', 'en'));
alter table tenants add column brand_color text check (brand_color ~ '^#[0-9a-f]{6}$');
alter table tenants add column logo_url text check (logo_url like 'https://%');
