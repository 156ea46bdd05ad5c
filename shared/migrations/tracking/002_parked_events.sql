-- Consumed events waiting for what they need (shared/prerequisites.py): a fact announced on
-- another partition, or the cause of a decision, not yet applied. The record is kept whole so it
-- is decided, in its partition's order, in the transaction of the event that releases it.
CREATE TABLE parked_events (
    consumer   text NOT NULL,
    event_id   uuid NOT NULL,
    waits_for  text NOT NULL,
    topic      text NOT NULL,
    partition  integer NOT NULL,
    "offset"   bigint NOT NULL,
    key        bytea,
    value      bytea,
    headers    jsonb NOT NULL,
    parked_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX parked_events_waiting ON parked_events (consumer, waits_for);
