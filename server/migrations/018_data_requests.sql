-- Requests from people (issue 11, point 2): a patron who still has the browser sees and deletes what it
-- sent. Votes are found through their unique (poll_id, voter_hash); ideas, rating answers and supports
-- need an index on the voter hash. An idea did not keep its voter before: ideas sent from now on do
-- (never from a kiosk, a shared device), and lose it with their text.
alter table ideas add column voter_hash text;
create index ideas_voter on ideas (voter_hash) where voter_hash is not null;
create index rating_responses_voter on rating_responses (voter_hash);
create index idea_supports_voter on idea_supports (voter_hash);
