-- Reports (issue 10): free text is read by moderators (newest first, keyset by id) and counted for a
-- period; only the rows that have any carry these partial indexes, so neither reads a large table.
create index rating_responses_comments_by_id on rating_responses (rating_id, id) where comment is not null;
create index rating_responses_comments_by_time on rating_responses (rating_id, created_at) where comment is not null;
create index votes_other_by_id on votes (poll_id, id) where other_text is not null;
create index votes_other_by_time on votes (poll_id, created_at) where other_text is not null;
