-- "You said, we did" (issue 10, point 5): what an editor publishes on the library's public page
-- (/t/{tenant}, its Atom feed and its JSON). Nothing is public until an editor publishes it.
--
-- Polls and ratings already carry `publish_results` (migration 005, the editor's checkbox): a closed
-- poll's results, or a rating's monthly summary per branch, are shown while it is true. The time it was
-- last turned on is kept here, so that the feed can say when a result appeared; a trigger keeps it, so
-- every way of setting the flag (create, patch, a script) dates it the same.
alter table polls add column results_published_at timestamptz;
alter table ratings add column results_published_at timestamptz;
update polls set results_published_at = now() where publish_results;
update ratings set results_published_at = now() where publish_results;

create function kirjasto_results_published() returns trigger language plpgsql as $$
begin
  if not new.publish_results then
    new.results_published_at := null;
  elsif tg_op = 'INSERT' or not old.publish_results then
    new.results_published_at := now();
  end if;
  return new;
end $$;
create trigger polls_results_published before insert or update of publish_results on polls
  for each row execute function kirjasto_results_published();
create trigger ratings_results_published before insert or update of publish_results on ratings
  for each row execute function kirjasto_results_published();

-- An answered idea on the public page: the idea's text is public already (state 'published'); what an
-- editor showcases is the library's answer with it. Shown only while the idea is published, not merged
-- and answered; clearing the answer or hiding the idea takes it off the page without a second step.
alter table ideas add column showcased_at timestamptz;
create index ideas_showcased on ideas (box_id, showcased_at desc) where showcased_at is not null;
