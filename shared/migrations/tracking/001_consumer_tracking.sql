-- What a consumer has applied, written in the same transaction as its effects.
-- Created beside the projections, so a replay into a fresh schema tracks itself.
CREATE TABLE consumer_offsets (
    consumer    text NOT NULL,
    topic       text NOT NULL,
    partition   integer NOT NULL,
    last_offset bigint NOT NULL,
    PRIMARY KEY (consumer, topic, partition)
);

-- The relay publishes at least once, so the same event can arrive at two offsets: the event id
-- is the idempotence key (the processed-message log).
CREATE TABLE processed_events (
    consumer text NOT NULL,
    event_id uuid NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
