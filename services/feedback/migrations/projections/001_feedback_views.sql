-- Read side of the feedback service, rebuilt by `asn replay feedback`: the first five tables from
-- the assessment events it consumes, the rest from its own events. Times come from the events.

-- What the feedback service knows of the organisation (from assessment.events).
CREATE TABLE employees (
    nip            text PRIMARY KEY,
    name           text NOT NULL,
    position_code  text NOT NULL,
    unit_code      text NOT NULL,
    supervisor_nip text,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX employees_supervisor ON employees (supervisor_nip);
CREATE INDEX employees_unit ON employees (unit_code);

CREATE TABLE units (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    parent_code text
);

CREATE TABLE competencies (
    code text PRIMARY KEY,
    kind text NOT NULL,
    name jsonb NOT NULL            -- {"id": ..., "en": ...}
);

CREATE TABLE periods (
    period_id text PRIMARY KEY,
    kind      text NOT NULL,
    year      integer NOT NULL,
    quarter   integer,
    starts_on date NOT NULL,
    ends_on   date NOT NULL,
    status    text NOT NULL         -- open | closed
);

-- The latest submission of each side, and whether it stands or was reopened.
CREATE TABLE submissions (
    period_id     text NOT NULL,
    nip           text NOT NULL,
    role          text NOT NULL,    -- self | supervisor
    submission    integer NOT NULL,
    assessor_nip  text NOT NULL,
    unit_code     text NOT NULL,
    position_code text NOT NULL,
    levels        jsonb NOT NULL,   -- {competency: assessed level}
    required      jsonb NOT NULL,   -- {competency: required level}
    work_result   text NOT NULL,
    work_behaviour text NOT NULL,
    status        text NOT NULL,    -- submitted | reopened
    submitted_at  timestamptz NOT NULL,
    PRIMARY KEY (period_id, nip, role)
);

-- From the service's own events.
CREATE TABLE comparisons (
    period_id             text NOT NULL,
    nip                   text NOT NULL,
    comparison            integer NOT NULL,
    supervisor_nip        text NOT NULL,
    unit_code             text NOT NULL,
    position_code         text NOT NULL,
    self_submission       integer NOT NULL,
    supervisor_submission integer NOT NULL,
    threshold             integer NOT NULL,
    competencies          jsonb NOT NULL,
    expectations          jsonb NOT NULL,
    current               boolean NOT NULL,   -- false once a later comparison supersedes it
    compared_at           timestamptz NOT NULL,
    PRIMARY KEY (period_id, nip, comparison)
);
CREATE INDEX comparisons_current ON comparisons (period_id, unit_code) WHERE current;

CREATE TABLE discrepancies (
    period_id        text NOT NULL,
    nip              text NOT NULL,
    comparison       integer NOT NULL,
    competency       text NOT NULL,
    supervisor_nip   text NOT NULL,
    unit_code        text NOT NULL,
    self_level       integer NOT NULL,
    supervisor_level integer NOT NULL,
    required_level   integer NOT NULL,
    size             integer NOT NULL,
    direction        text NOT NULL,   -- blind_spot | hidden_strength
    status           text NOT NULL,   -- open | resolved
    resolution       text,
    detected_at      timestamptz NOT NULL,
    resolved_at      timestamptz,
    PRIMARY KEY (period_id, nip, comparison, competency)
);
CREATE INDEX discrepancies_open ON discrepancies (period_id, unit_code) WHERE status = 'open';

CREATE TABLE dialogues (
    dialogue_id     text PRIMARY KEY,
    period_id       text NOT NULL,
    nip             text NOT NULL,
    comparison      integer NOT NULL,
    supervisor_nip  text NOT NULL,    -- who assessed; the current supervisor holds the dialogue
    unit_code       text NOT NULL,
    agenda          jsonb NOT NULL,
    status          text NOT NULL,    -- opened | scheduled | feedback_given | acknowledged | superseded
    version         integer NOT NULL, -- of the dialogue's event stream
    scheduled_at    timestamptz,
    location        text,
    feedback        jsonb NOT NULL,   -- {item: {went_well, to_improve, actions, phrase_codes, given_by}}
    summary         text,
    agrees          boolean,
    response        text,
    superseded_by   text,
    opened_at       timestamptz NOT NULL,
    feedback_at     timestamptz,
    acknowledged_at timestamptz
);
CREATE INDEX dialogues_employee ON dialogues (nip, period_id);
CREATE INDEX dialogues_period ON dialogues (period_id, status);

CREATE TABLE notes (
    note_id         text PRIMARY KEY,
    nip             text NOT NULL,
    given_by        text NOT NULL,
    competency      text NOT NULL,
    tone            text NOT NULL,
    text            text NOT NULL,
    phrase_code     text,
    version         integer NOT NULL,
    recorded_at     timestamptz NOT NULL,
    agrees          boolean,
    response        text,
    acknowledged_at timestamptz
);
CREATE INDEX notes_employee ON notes (nip, recorded_at);
