-- Why the relay cannot go on, while it cannot: an event the broker refuses on every try (too
-- large, say). Every later event waits behind it; `asn lag` shows this beside the backlog.
ALTER TABLE relay_cursor ADD COLUMN stuck text, ADD COLUMN stuck_since timestamptz;
