-- The service's event store, which is also its outbox (the relay publishes it to Kafka).
CREATE TABLE events (
    position    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The writing transaction: the relay publishes in (tx_id, position) order and only below the
    -- oldest running transaction, so a transaction that commits late is never skipped.
    tx_id       xid8 NOT NULL DEFAULT pg_current_xact_id(),
    event_id    uuid NOT NULL UNIQUE,
    stream_id   text NOT NULL,
    version     integer NOT NULL CHECK (version > 0),
    type        text NOT NULL,
    subject     text NOT NULL,
    data        jsonb NOT NULL,
    metadata    jsonb NOT NULL DEFAULT '{}'::jsonb,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT events_stream_version UNIQUE (stream_id, version)
);
CREATE INDEX events_publish_order ON events (tx_id, position);

-- A stream's next version must follow a committed (or same-transaction) previous version written
-- by an older transaction; otherwise publishing in transaction order could reorder the stream.
CREATE FUNCTION events_follow_stream() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous_tx xid8;
BEGIN
    IF NEW.version = 1 THEN
        RETURN NEW;
    END IF;
    SELECT tx_id INTO previous_tx FROM events
     WHERE stream_id = NEW.stream_id AND version = NEW.version - 1;
    IF previous_tx IS NULL OR previous_tx > NEW.tx_id THEN
        RAISE EXCEPTION 'stream % has moved on: version % does not follow', NEW.stream_id, NEW.version
              USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER events_follow_stream BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION events_follow_stream();

-- Wakes the relay at commit; notifications of one transaction collapse into one.
CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('events_appended', '');
    RETURN NULL;
END $$;
CREATE TRIGGER events_notify AFTER INSERT ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_notify();

CREATE TABLE relay_cursor (
    name       text PRIMARY KEY,
    tx_id      xid8 NOT NULL,
    position   bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
