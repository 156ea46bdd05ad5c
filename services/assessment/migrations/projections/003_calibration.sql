-- Calibration sessions per unit and period (CalibrationOpened/Closed; `version` is the stream
-- calibration-<period>-<unit>'s version after the row's latest event) and every change of an
-- employee's official predikat after the supervisor's submission (PredikatCalibrated), the stream
-- predikat-<period>-<nip>.
CREATE TABLE calibration_sessions (
    session_id text PRIMARY KEY,
    period_id  text NOT NULL,
    unit_code  text NOT NULL,
    status     text NOT NULL CHECK (status IN ('open', 'closed')),
    opened_by  text NOT NULL,
    opened_at  timestamptz NOT NULL,
    closed_by  text,
    closed_at  timestamptz,
    version    integer NOT NULL
);
CREATE INDEX calibration_sessions_by_unit ON calibration_sessions (period_id, unit_code);

CREATE TABLE predikat_changes (
    period_id  text NOT NULL,
    nip        text NOT NULL,
    version    integer NOT NULL,
    kind       text NOT NULL,      -- calibration (this stream) or objection (objection-<period>-<nip>)
    unit_code  text NOT NULL,
    session_id text,
    previous   text NOT NULL,
    predikat   text NOT NULL,
    reason     text NOT NULL,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (period_id, nip, kind, version)
);
