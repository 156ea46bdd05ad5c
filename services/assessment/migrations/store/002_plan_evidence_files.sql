-- The files of evidence (bukti dukung): kept by the service, never in an event (the event names
-- the file's id, name, media type, size and SHA-256). Written in the transaction that records the
-- EvidenceAdded event; a replay keeps them.
CREATE TABLE plan_evidence_files (
    file_id     text PRIMARY KEY,
    period_id   text NOT NULL,
    nip         text NOT NULL,
    media_type  text NOT NULL,
    size        integer NOT NULL CHECK (size > 0),
    sha256      text NOT NULL,
    content     bytea NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now()
);
