-- The audit trail read by subject (GET /audit/events?subject=<NIP>): every event about one
-- employee in position order, a page at a time.
CREATE INDEX events_by_subject ON events (subject, position);

-- Each `asn replay` verdict, kept where the service's auditors can read it over HTTP
-- (GET /audit/replays) without access to the database. Written by the replay, never by a
-- request; a replay does not rebuild it (it is not a projection).
CREATE TABLE replay_verdicts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ran_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    ran_by           text NOT NULL,
    equal            boolean NOT NULL,
    own_events       bigint NOT NULL,
    consumed_records bigint NOT NULL,
    tables           jsonb NOT NULL,  -- [{table, live_rows, replay_rows, equal}]
    skipped          jsonb NOT NULL   -- [{topic, partition, offset, reason}]
);
CREATE INDEX replay_verdicts_newest ON replay_verdicts (ran_at DESC, id DESC);
