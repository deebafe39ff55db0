-- Reports (issue 10): every answer keeps the UI language it was given in (optional: older clients and
-- the no-JavaScript pages before this change sent none), and each library sets how small a number it
-- never shows. `lang` is a BCP 47 tag as the widgets know them (fi, sv, en, se, fi-x-selko).
alter table votes add column lang text check (lang ~ '^[a-z]{2,3}(-[a-z0-9]{1,8})*$');
alter table rating_responses add column lang text check (lang ~ '^[a-z]{2,3}(-[a-z0-9]{1,8})*$');
alter table ideas add column lang text check (lang ~ '^[a-z]{2,3}(-[a-z0-9]{1,8})*$');

-- Small numbers are never shown: a breakdown cell with fewer answers than `report_threshold` shows
-- "too few answers to show"; free text appears outside moderation only from `free_text_threshold`.
alter table tenants add column report_threshold int not null default 5 check (report_threshold >= 3);
alter table tenants add column free_text_threshold int not null default 10 check (free_text_threshold >= 3);
