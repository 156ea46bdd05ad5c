"""Batch projectors of the events feedback decides on a period (shared/projecting.py): runs of
comparisons, discrepancies and dialogues in a few statements, with the rows and values the
projectors of ``projections`` would write one event at a time."""
from __future__ import annotations

import psycopg

from shared.envelope import Event
from shared.projecting import EVENT_ROWS, event_rows, row_key, without_repeats

_NOT_CURRENT = (
    "UPDATE comparisons c SET current = false"
    f" FROM {EVENT_ROWS} WHERE c.period_id = e.d->>'period_id' AND c.nip = e.d->>'nip'"
    " AND c.current")

_COMPARISONS = (
    "INSERT INTO comparisons (period_id, nip, comparison, supervisor_nip, unit_code,"
    " position_code, self_submission, supervisor_submission, threshold, competencies,"
    " expectations, current, compared_at) SELECT d->>'period_id', d->>'nip',"
    " (d->>'comparison')::int, d->>'supervisor_nip', d->>'unit_code', d->>'position_code',"
    " (d->>'self_submission')::int, (d->>'supervisor_submission')::int, (d->>'threshold')::int,"
    f" d->'competencies', d->'expectations', true, at FROM {EVENT_ROWS} ORDER BY e.n")

_DISCREPANCIES = (
    "INSERT INTO discrepancies (period_id, nip, comparison, competency, supervisor_nip,"
    " unit_code, self_level, supervisor_level, required_level, size, direction, status,"
    " detected_at) SELECT d->>'period_id', d->>'nip', (d->>'comparison')::int, d->>'competency',"
    " d->>'supervisor_nip', d->>'unit_code', (d->>'self_level')::int,"
    " (d->>'supervisor_level')::int, (d->>'required_level')::int, (d->>'size')::int,"
    f" d->>'direction', 'open', at FROM {EVENT_ROWS} ORDER BY e.n")

_SUPERSEDED = (
    "UPDATE dialogues g SET status = 'superseded', superseded_by = e.d->>'dialogue_id'"
    f" FROM {EVENT_ROWS} WHERE g.dialogue_id = e.d->>'supersedes'"
    " AND coalesce(e.d->>'supersedes', '') <> ''")

_DIALOGUES = (
    "INSERT INTO dialogues (dialogue_id, period_id, nip, comparison, supervisor_nip, unit_code,"
    " agenda, status, version, feedback, opened_at) SELECT d->>'dialogue_id', d->>'period_id',"
    " d->>'nip', (d->>'comparison')::int, d->>'supervisor_nip', d->>'unit_code', d->'agenda',"
    f" 'opened', v, '{{}}'::jsonb, at FROM {EVENT_ROWS} ORDER BY e.n")


def _dialogues(event: Event) -> tuple:
    return (event.data["dialogue_id"], event.data["supersedes"] or None)


def ratings_compared(conn: psycopg.Connection, events: list[Event]) -> None:
    """Each new comparison is its employee's current one (``projections.ratings_compared``)."""
    for piece in without_repeats(events, row_key("period_id", "nip")):
        rows = event_rows(piece)
        conn.execute(_NOT_CURRENT, rows)
        conn.execute(_COMPARISONS, rows)


def discrepancies_detected(conn: psycopg.Connection, events: list[Event]) -> None:
    """Open discrepancies (``projections.discrepancy_detected``)."""
    conn.execute(_DISCREPANCIES, event_rows(events))


def dialogues_opened(conn: psycopg.Connection, events: list[Event]) -> None:
    """New dialogues; those they supersede marked so (``projections.dialogue_opened``). A piece
    never holds a dialogue and the one superseding it: the marks would miss it."""
    for piece in without_repeats(events, _dialogues):
        rows = event_rows(piece)
        if any(e.data["supersedes"] for e in piece):
            conn.execute(_SUPERSEDED, rows)
        conn.execute(_DIALOGUES, rows)


BATCH_PROJECTORS = {
    "feedback.RatingsCompared.v1": ratings_compared,
    "feedback.RatingDiscrepancyDetected.v1": discrepancies_detected,
    "feedback.FeedbackDialogueOpened.v1": dialogues_opened,
}

# Each lane's types write tables no other lane's write, and read none (shared.projecting).
LANES = {
    "feedback.RatingsCompared.v1": "comparisons",
    "feedback.RatingDiscrepancyDetected.v1": "discrepancies",
    "feedback.FeedbackDialogueOpened.v1": "dialogues",
}
