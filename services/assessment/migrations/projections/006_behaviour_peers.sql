-- Peer and subordinate input on an employee's behaviour (BehaviourInputInvited, BehaviourInputGiven),
-- the stream behaviour-input-<period>-<nip>: one row per invited person, answered or not;
-- `version` is that stream's version after the row's latest event.
CREATE TABLE behaviour_invitations (
    period_id   text NOT NULL,
    nip         text NOT NULL,
    invitee_nip text NOT NULL,
    relation    text NOT NULL CHECK (relation IN ('peer', 'subordinate')),
    invited_by  text NOT NULL,
    invited_at  timestamptz NOT NULL,
    answers     jsonb,
    answered_at timestamptz,
    version     integer NOT NULL,
    PRIMARY KEY (period_id, nip, invitee_nip)
);
CREATE INDEX behaviour_invitations_by_invitee ON behaviour_invitations (invitee_nip, answered_at);
