-- Work in progress, not a fact: drafts are neither events nor published, and a replay keeps them.
CREATE TABLE assessment_drafts (
    period_id      text NOT NULL,
    nip            text NOT NULL,
    role           text NOT NULL CHECK (role IN ('self', 'supervisor')),
    assessor_nip   text NOT NULL,
    ratings        jsonb NOT NULL,
    work_result    text,
    work_behaviour text,
    saved_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_id, nip, role)
);
