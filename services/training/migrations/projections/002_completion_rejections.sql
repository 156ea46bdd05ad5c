-- A completion report can be rejected by a training admin, with a reason the employee reads.
ALTER TABLE completion_reports DROP CONSTRAINT completion_reports_status_check;
ALTER TABLE completion_reports ADD CONSTRAINT completion_reports_status_check
    CHECK (status IN ('pending', 'verified', 'rejected'));
ALTER TABLE completion_reports ADD COLUMN rejected_reason text;
ALTER TABLE completion_reports ADD COLUMN rejected_at timestamptz;
