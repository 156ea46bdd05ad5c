-- Server-side sessions: the browser holds only the random id; tokens never leave the server.
CREATE TABLE IF NOT EXISTS portal_sessions (
    id          text PRIMARY KEY,
    data        jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS portal_sessions_expiry ON portal_sessions (expires_at);
