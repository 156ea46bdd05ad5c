-- The audit trail pages in commit order, (tx_id, position), as the relay publishes: an event can
-- then never become visible below a cursor already handed out (shared/audit.py).
CREATE INDEX events_by_subject_in_commit_order ON events (subject, tx_id, position);
CREATE INDEX events_by_stream_in_commit_order ON events (stream_id, tx_id, position);
DROP INDEX events_by_subject;
