-- Responses to POSTs sent with an Idempotency-Key, so a retried request makes its events once.
-- A key belongs to its caller; the request hash catches a key reused for a different request.
CREATE TABLE idempotency_keys (
    caller       text NOT NULL,
    key          text NOT NULL,
    request_hash text NOT NULL,
    status       integer,
    body         text,          -- the first response, byte for byte
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
