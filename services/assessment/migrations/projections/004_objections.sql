-- Objections (keberatan) to a period's result: one per employee and period, the stream
-- objection-<period>-<nip>; `version` is that stream's version after the row's latest event.
CREATE TABLE objections (
    period_id       text NOT NULL,
    nip             text NOT NULL,
    status          text NOT NULL CHECK (status IN ('filed', 'explained', 'decided')),
    predikat        text NOT NULL,
    reasons         text NOT NULL,
    official_nip    text NOT NULL,
    superior_nip    text NOT NULL,
    received_on     date NOT NULL,
    filed_on        date NOT NULL,
    decide_by       date NOT NULL,
    filed_at        timestamptz NOT NULL,
    explanation     text,
    explained_at    timestamptz,
    decision        text,
    new_predikat    text,
    decision_reason text,
    decided_on      date,
    late            boolean,
    decided_at      timestamptz,
    version         integer NOT NULL,
    PRIMARY KEY (period_id, nip)
);
CREATE INDEX objections_by_superior ON objections (superior_nip, status);
CREATE INDEX objections_by_official ON objections (official_nip, status);
