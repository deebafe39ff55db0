-- The content NOTIFY (006) names the schema of the table that changed, so that an instance drops its
-- cached content only for a change in its own schema: several deployments (or test runs) may share one
-- database, each in a schema of its own, and NOTIFY channels are per database.
create or replace function kirjasto_content_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('kirjasto_content', tg_table_schema);
  return null;
end $$;
