-- An opportunity is open until HR or the supervisor assigns its role (OpportunityAssigned) or
-- declines it (OpportunityDeclined); the predikat of the supervisor's assessment places the
-- employee on the talent grid's performance axis.
ALTER TABLE opportunities ADD COLUMN status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'assigned', 'declined'));
ALTER TABLE opportunities ADD COLUMN role text;
ALTER TABLE opportunities ADD COLUMN programme_code text;
ALTER TABLE opportunities ADD COLUMN starts_on date;
ALTER TABLE opportunities ADD COLUMN note text;
ALTER TABLE opportunities ADD COLUMN decline_reason text;
ALTER TABLE opportunities ADD COLUMN decided_by text;
ALTER TABLE opportunities ADD COLUMN decided_as text;
ALTER TABLE opportunities ADD COLUMN decided_at timestamptz;
ALTER TABLE opportunities ADD COLUMN version integer NOT NULL DEFAULT 1;
CREATE INDEX opportunities_by_period ON opportunities (period_id, status);

ALTER TABLE supervisor_assessments ADD COLUMN predikat text;
