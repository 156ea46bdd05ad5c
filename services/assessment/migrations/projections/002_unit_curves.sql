-- Each unit's own predikat in a period (UnitPredicateSet) and HR's exception to its distribution
-- pattern (CurveExceptionRecorded); the version of the stream curve-<period>-<unit>.
CREATE TABLE unit_curves (
    period_id        text NOT NULL,
    unit_code        text NOT NULL,
    predikat         text NOT NULL,
    basis            text NOT NULL,
    set_by           text NOT NULL,
    set_at           timestamptz NOT NULL,
    exception_reason text,
    exception_by     text,
    exception_at     timestamptz,
    exception_broken jsonb,
    version          integer NOT NULL,
    PRIMARY KEY (period_id, unit_code)
);
