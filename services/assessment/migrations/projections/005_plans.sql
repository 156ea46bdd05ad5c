-- The plans (SKP) of a period: one per employee and period, the stream plan-<period>-<nip>;
-- `version` is that stream's version after the row's latest event. `results` is the current
-- revision's RHK list as the events carry it; every revision is kept in plan_revisions.
CREATE TABLE plans (
    period_id        text NOT NULL,
    nip              text NOT NULL,
    status           text NOT NULL CHECK (status IN ('proposed', 'returned', 'agreed')),
    official_nip     text NOT NULL,
    revision         integer NOT NULL,
    results          jsonb NOT NULL,
    last_rhk         integer NOT NULL,
    agreed_revision  integer,
    expectations     jsonb NOT NULL DEFAULT '[]',
    -- the hasil kerja rating the realisation proposes (NULL while an RHK has none, and again
    -- after a proposal or revision until a realisation is recorded); the supervisor's rating
    -- and their reason when it differs, from their submission
    work_result_proposed text,
    work_result      text,
    work_result_reason text,
    updated_at       timestamptz NOT NULL,
    version          integer NOT NULL,
    PRIMARY KEY (period_id, nip)
);
CREATE INDEX plans_by_official ON plans (official_nip, period_id);

CREATE TABLE plan_revisions (
    period_id     text NOT NULL,
    nip           text NOT NULL,
    revision      integer NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('proposed', 'revised')),
    official_nip  text NOT NULL,
    results       jsonb NOT NULL,
    reason        text,
    proposed_at   timestamptz NOT NULL,
    outcome       text CHECK (outcome IN ('agreed', 'returned')),
    outcome_by    text,
    outcome_at    timestamptz,
    note          text,
    expectations  jsonb,
    PRIMARY KEY (period_id, nip, revision)
);

-- Evidence (bukti dukung) per RHK; a file's content is in the store's plan_evidence_files.
CREATE TABLE plan_evidence (
    evidence_id  text PRIMARY KEY,
    period_id    text NOT NULL,
    nip          text NOT NULL,
    rhk          integer NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('text', 'link', 'file')),
    text         text NOT NULL,
    url          text,
    file_id      text,
    file_name    text,
    media_type   text,
    size         integer,
    sha256       text,
    added_by     text NOT NULL,
    added_at     timestamptz NOT NULL
);
CREATE INDEX plan_evidence_by_plan ON plan_evidence (period_id, nip, rhk);

-- The appraising official's realisation of each RHK (by its number) against its target.
CREATE TABLE plan_realisations (
    period_id    text NOT NULL,
    nip          text NOT NULL,
    rhk          integer NOT NULL,
    realisation  text NOT NULL CHECK (realisation IN ('DI_ATAS', 'SESUAI', 'DI_BAWAH')),
    note         text NOT NULL,
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (period_id, nip, rhk)
);
