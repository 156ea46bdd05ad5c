-- Read side of the assessment service, rebuilt from its events by `asn replay assessment`.
-- Times come from the events (recorded_at), never now(), so a rebuild is identical.
CREATE TABLE competencies (
    code       text PRIMARY KEY,
    kind       text NOT NULL,
    name       jsonb NOT NULL,
    definition jsonb NOT NULL,
    levels     jsonb NOT NULL,
    revision   integer NOT NULL,
    defined_at timestamptz NOT NULL
);

CREATE TABLE units (
    code          text PRIMARY KEY,
    name          text NOT NULL,
    parent_code   text,
    registered_at timestamptz NOT NULL
);

CREATE TABLE positions (
    code      text PRIMARY KEY,
    title     text NOT NULL,
    job_level text NOT NULL,
    standard  jsonb NOT NULL,      -- [{competency, required_level}] in the standard's order
    revision  integer NOT NULL,
    set_at    timestamptz NOT NULL
);

CREATE TABLE employees (
    nip            text PRIMARY KEY,
    name           text NOT NULL,
    position_code  text NOT NULL,
    unit_code      text NOT NULL,
    supervisor_nip text,
    version        integer NOT NULL,
    registered_at  timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX employees_by_unit ON employees (unit_code, nip);
CREATE INDEX employees_by_supervisor ON employees (supervisor_nip, nip);

CREATE TABLE employee_history (
    nip            text NOT NULL,
    version        integer NOT NULL,
    change         text NOT NULL,   -- registered | updated
    changed        text[] NOT NULL,
    name           text NOT NULL,
    position_code  text NOT NULL,
    unit_code      text NOT NULL,
    supervisor_nip text,
    recorded_at    timestamptz NOT NULL,
    PRIMARY KEY (nip, version)
);

CREATE TABLE periods (
    period_id text PRIMARY KEY,
    kind      text NOT NULL,
    year      integer NOT NULL,
    quarter   integer,
    starts_on date NOT NULL,
    ends_on   date NOT NULL,
    status    text NOT NULL CHECK (status IN ('open', 'closed')),
    opened_at timestamptz NOT NULL,
    closed_at timestamptz
);

CREATE TABLE assessments (
    period_id      text NOT NULL,
    nip            text NOT NULL,
    role           text NOT NULL,
    status         text NOT NULL CHECK (status IN ('submitted', 'reopened')),
    version        integer NOT NULL,
    submission     integer NOT NULL,
    assessor_nip   text NOT NULL,
    position_code  text NOT NULL,
    job_level      text NOT NULL,
    unit_code      text NOT NULL,
    ratings        jsonb NOT NULL,
    work_result    text NOT NULL,
    work_behaviour text NOT NULL,
    predikat       text,
    submitted_at   timestamptz NOT NULL,
    reopened_at    timestamptz,
    reopen_reason  text,
    PRIMARY KEY (period_id, nip, role)
);
CREATE INDEX assessments_by_unit ON assessments (period_id, unit_code);
