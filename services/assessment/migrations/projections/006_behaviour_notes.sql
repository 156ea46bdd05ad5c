-- The appraising official's notes on an employee's work behaviour per BerAKHLAK core value
-- (BehaviourNoted), the stream behaviour-<period>-<nip>; `version` is that stream's version
-- after the note's event (one row per note, in the order written).
CREATE TABLE behaviour_notes (
    period_id   text NOT NULL,
    nip         text NOT NULL,
    version     integer NOT NULL,
    value_code  text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('positive', 'to_improve')),
    observed_on date NOT NULL,
    text        text NOT NULL,
    noted_by    text NOT NULL,
    noted_at    timestamptz NOT NULL,
    PRIMARY KEY (period_id, nip, version)
);
