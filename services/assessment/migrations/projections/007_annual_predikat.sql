-- The annual predikat as the appraising official confirmed it (AnnualPredikatConfirmed), one row
-- per confirmation of the stream annual-<year>-<nip> (`version`); the latest stands, and is also
-- the annual supervisor assessment's predikat (what the curve, the results and SIASN read).
CREATE TABLE annual_predikats (
    period_id    text NOT NULL,
    nip          text NOT NULL,
    version      integer NOT NULL,
    unit_code    text NOT NULL,
    policy       text NOT NULL,
    periodic     jsonb NOT NULL,
    proposed     text NOT NULL,
    previous     text NOT NULL,
    predikat     text NOT NULL,
    reason       text,
    confirmed_by text NOT NULL,
    confirmed_at timestamptz NOT NULL,
    PRIMARY KEY (period_id, nip, version)
);
