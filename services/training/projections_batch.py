"""Batch projectors of the decisions training takes on a period (shared/projecting.py): runs of
assignments, opportunities and unmet needs in a few statements, with the rows and values the
projectors of ``projections`` would write one event at a time."""
from __future__ import annotations

import psycopg

from shared.envelope import Event
from shared.projecting import EVENT_ROWS, event_rows, without_repeats

_ASSIGNMENTS = (
    "INSERT INTO assignments (assignment_id, nip, programme_code, competency, jp, year, status,"
    " reason_kind, reason, period_id, comparison, assigned_at, version)"
    " SELECT d->>'assignment_id', d->>'nip', d->>'programme_code', d->>'competency',"
    " (d->>'jp')::int, (d->>'year')::int, 'assigned', d->'reason'->>'kind', d->'reason',"
    " d->'reason'->>'period_id', (d->'reason'->>'comparison')::int, at, v"
    f" FROM {EVENT_ROWS} ORDER BY e.n")

_NEEDS_MET = (
    f"DELETE FROM unmet_needs u USING {EVENT_ROWS} WHERE u.nip = e.d->>'nip'"
    " AND u.period_id = e.d->'reason'->>'period_id' AND u.competency = e.d->>'competency'")

_OPPORTUNITIES = (
    "INSERT INTO opportunities (nip, period_id, competency, assessed, required, suggestion,"
    " identified_at, version) SELECT d->>'nip', d->>'period_id', d->>'competency',"
    " (d->>'assessed')::int, (d->>'required')::int, d->'suggestion', at, v"
    f" FROM {EVENT_ROWS} ORDER BY e.n")

_UNMET = (
    "INSERT INTO unmet_needs (nip, period_id, competency, year, reason, assessed, required,"
    " recorded_at) SELECT d->>'nip', d->>'period_id', d->'gap'->>'competency', (d->>'year')::int,"
    " d->>'reason', (d->'gap'->>'assessed')::int, (d->'gap'->>'required')::int, at"
    f" FROM {EVENT_ROWS} ORDER BY e.n ON CONFLICT (nip, period_id, competency)"
    " DO UPDATE SET year = EXCLUDED.year, reason = EXCLUDED.reason,"
    " assessed = EXCLUDED.assessed, required = EXCLUDED.required,"
    " recorded_at = EXCLUDED.recorded_at")


def _need(event: Event) -> tuple:
    d = event.data
    return ((d["nip"], d["period_id"], d["gap"]["competency"]),)


def trainings_assigned(conn: psycopg.Connection, events: list[Event]) -> None:
    """New open assignments; the unmet needs of their gaps are met now
    (``projections.training_assigned``)."""
    rows = event_rows(events)
    conn.execute(_ASSIGNMENTS, rows)
    conn.execute(_NEEDS_MET, rows)


def opportunities_identified(conn: psycopg.Connection, events: list[Event]) -> None:
    """Strengths' opportunities, open (``projections.opportunity_identified``)."""
    conn.execute(_OPPORTUNITIES, event_rows(events))


def needs_unmet(conn: psycopg.Connection, events: list[Event]) -> None:
    """Gaps left without an assignment, the latest reason per period and competency
    (``projections.need_unmet``)."""
    for piece in without_repeats(events, _need):
        conn.execute(_UNMET, event_rows(piece))


BATCH_PROJECTORS = {
    "training.TrainingAssigned.v1": trainings_assigned,
    "training.DevelopmentOpportunityIdentified.v1": opportunities_identified,
    "training.DevelopmentNeedUnmet.v1": needs_unmet,
}

# Each lane's types write tables no other lane's write, and read none (shared.projecting).
LANES = {
    "training.TrainingAssigned.v1": "assignments and needs",  # an assignment meets a need
    "training.DevelopmentNeedUnmet.v1": "assignments and needs",
    "training.DevelopmentOpportunityIdentified.v1": "opportunities",
}
