-- Reports (issue 10): free text is read by moderators (newest first, keyset by id) and counted for a
-- period; only the rows that have any carry these partial indexes, so neither reads a large table (the
-- count reads the index alone: it holds what the filters ask).
create index rating_responses_comments_by_id on rating_responses (rating_id, id) where comment is not null;
create index rating_responses_comments_by_time on rating_responses (rating_id, created_at) include (channel, branch_id, lang) where comment is not null;
create index votes_other_by_id on votes (poll_id, id) where other_text is not null;
create index votes_other_by_time on votes (poll_id, created_at) include (channel, branch_id, lang) where other_text is not null;

-- The kiosk's weekday × hour reads one channel of a rating over a period: only those rows, from the index.
create index rating_hour_counts_by_channel on rating_hour_counts (rating_id, channel, day) include (hour, branch_id, score_sum, count);
