-- Read side of the training service, rebuilt by `asn replay training`: its own events first, then
-- the consumed assessment and feedback records. Times come from the events, never now().

-- From the assessment service (handlers).
CREATE TABLE employees (
    nip            text PRIMARY KEY,
    name           text NOT NULL,
    position_code  text NOT NULL,
    unit_code      text NOT NULL,
    supervisor_nip text
);
CREATE INDEX employees_by_unit ON employees (unit_code, nip);
CREATE INDEX employees_by_supervisor ON employees (supervisor_nip);

CREATE TABLE units (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    parent_code text
);

CREATE TABLE periods (
    period_id text PRIMARY KEY,
    year      integer NOT NULL
);

-- The supervisor's (authoritative) assessment per employee and period, the latest submission.
CREATE TABLE supervisor_assessments (
    nip           text NOT NULL,
    period_id     text NOT NULL,
    submission    integer NOT NULL,
    unit_code     text NOT NULL,
    position_code text NOT NULL,
    ratings       jsonb NOT NULL,
    event_id      uuid NOT NULL,
    submitted_at  timestamptz NOT NULL,
    PRIMARY KEY (nip, period_id)
);

-- Own events (projectors).
CREATE TABLE programmes (
    code           text PRIMARY KEY,
    title          jsonb NOT NULL,
    form           text NOT NULL,
    kind           text NOT NULL,
    jp             integer NOT NULL,
    competencies   text[] NOT NULL,
    level_min      integer NOT NULL,
    level_max      integer NOT NULL,
    provider       text NOT NULL,
    status         text NOT NULL CHECK (status IN ('active', 'retired')),
    retired_reason text,
    revision       integer NOT NULL,
    defined_at     timestamptz NOT NULL
);
CREATE INDEX programmes_by_competency ON programmes USING gin (competencies);

CREATE TABLE assignments (
    assignment_id      text PRIMARY KEY,
    nip                text NOT NULL,
    programme_code     text NOT NULL,
    competency         text NOT NULL,
    jp                 integer NOT NULL,
    year               integer NOT NULL,
    status             text NOT NULL CHECK (status IN ('assigned', 'in_progress', 'completed', 'cancelled')),
    reason_kind        text NOT NULL,
    reason             jsonb NOT NULL,
    period_id          text NOT NULL,
    comparison         integer,
    assigned_at        timestamptz NOT NULL,
    started_on         date,
    completed_on       date,
    completed_jp       integer,
    certificate_number text,
    cancel_reason      text,
    cancel_note        text,
    version            integer NOT NULL
);
-- Never a second open assignment for the same employee and competency.
CREATE UNIQUE INDEX one_open_assignment ON assignments (nip, competency)
    WHERE status IN ('assigned', 'in_progress');
CREATE INDEX assignments_by_nip ON assignments (nip, year);

CREATE TABLE completion_reports (
    report_id          text PRIMARY KEY,
    nip                text NOT NULL,
    programme_code     text NOT NULL,
    assignment_id      text,
    completed_on       date NOT NULL,
    jp                 integer NOT NULL,
    certificate_number text NOT NULL,
    status             text NOT NULL CHECK (status IN ('pending', 'verified')),
    reported_at        timestamptz NOT NULL,
    version            integer NOT NULL
);

-- One row per completion; its JP count toward the year it was completed in.
CREATE TABLE completions (
    completion_id      text PRIMARY KEY,   -- the assignment, or the report of unassigned learning
    nip                text NOT NULL,
    year               integer NOT NULL,
    jp                 integer NOT NULL,
    completed_on       date NOT NULL,
    programme_code     text NOT NULL,
    certificate_number text NOT NULL,
    recorded_at        timestamptz NOT NULL
);
CREATE INDEX completions_by_nip ON completions (nip, year);

CREATE TABLE opportunities (
    nip           text NOT NULL,
    period_id     text NOT NULL,
    competency    text NOT NULL,
    assessed      integer NOT NULL,
    required      integer NOT NULL,
    suggestion    jsonb NOT NULL,
    identified_at timestamptz NOT NULL,
    PRIMARY KEY (nip, period_id, competency)
);

CREATE TABLE unmet_needs (
    nip         text NOT NULL,
    period_id   text NOT NULL,
    competency  text NOT NULL,
    year        integer NOT NULL,
    reason      text NOT NULL,
    assessed    integer NOT NULL,
    required    integer NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (nip, period_id, competency)
);
