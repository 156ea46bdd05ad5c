"""Batch projectors of plans (SKP) and their evidence (shared/projecting.py): runs of proposals,
agreements, evidence and realisations in a few statements, with the rows and values the
projectors of ``projections_plan`` would write one event at a time. Every statement of a piece
touches a plan's row, so a piece holds at most one event of each plan."""
from __future__ import annotations

import psycopg

from shared.envelope import Event
from shared.projecting import EVENT_ROWS, event_rows, row_key, without_repeats

_PLANS = (
    "INSERT INTO plans (period_id, nip, status, official_nip, revision, results, last_rhk,"
    " updated_at, version) SELECT d->>'period_id', d->>'nip', 'proposed', d->>'official_nip',"
    " (d->>'revision')::int, d->'results',"
    " (SELECT max((r->>'rhk')::int) FROM jsonb_array_elements(d->'results') r), at, v"
    f" FROM {EVENT_ROWS} ORDER BY e.n"
    " ON CONFLICT (period_id, nip) DO UPDATE SET status = 'proposed',"
    " official_nip = EXCLUDED.official_nip, revision = EXCLUDED.revision,"
    " results = EXCLUDED.results, last_rhk = GREATEST(plans.last_rhk, EXCLUDED.last_rhk),"
    " work_result_proposed = NULL, updated_at = EXCLUDED.updated_at,"
    " version = EXCLUDED.version")

_REVISIONS = (
    "INSERT INTO plan_revisions (period_id, nip, revision, kind, official_nip, results,"
    " reason, proposed_at) SELECT d->>'period_id', d->>'nip', (d->>'revision')::int, %s,"
    f" d->>'official_nip', d->'results', d->>'reason', at FROM {EVENT_ROWS} ORDER BY e.n")

_AGREED = (
    "UPDATE plans p SET status = 'agreed', agreed_revision = (e.d->>'revision')::int,"
    " expectations = e.d->'expectations', official_nip = e.d->>'official_nip',"
    f" updated_at = e.at, version = e.v FROM {EVENT_ROWS}"
    " WHERE p.period_id = e.d->>'period_id' AND p.nip = e.d->>'nip'")

_OUTCOME = (
    "UPDATE plan_revisions p SET outcome = 'agreed', outcome_by = e.d->>'official_nip',"
    " outcome_at = e.at, note = e.d->>'note',"
    " expectations = CASE WHEN e.d ? 'expectations' THEN e.d->'expectations' END"
    f" FROM {EVENT_ROWS} WHERE p.period_id = e.d->>'period_id' AND p.nip = e.d->>'nip'"
    " AND p.revision = (e.d->>'revision')::int")

_EVIDENCE = (
    "INSERT INTO plan_evidence (evidence_id, period_id, nip, rhk, kind, text, url, file_id,"
    " file_name, media_type, size, sha256, added_by, added_at) SELECT d->>'evidence_id',"
    " d->>'period_id', d->>'nip', (d->>'rhk')::int, d->>'kind', d->>'text', d->>'url',"
    " d->>'file_id', d->>'file_name', d->>'media_type', (d->>'size')::int, d->>'sha256',"
    f" d->>'added_by', at FROM {EVENT_ROWS} ORDER BY e.n")

_PLAN_VERSION = (
    f"UPDATE plans p SET version = e.v FROM {EVENT_ROWS}"
    " WHERE p.period_id = e.d->>'period_id' AND p.nip = e.d->>'nip'")

_REALISATIONS = (
    "INSERT INTO plan_realisations (period_id, nip, rhk, realisation, note, recorded_by,"
    " recorded_at) SELECT d->>'period_id', d->>'nip', (d->>'rhk')::int, d->>'realisation',"
    f" d->>'note', d->>'recorded_by', at FROM {EVENT_ROWS} ORDER BY e.n"
    " ON CONFLICT (period_id, nip, rhk) DO UPDATE SET realisation = EXCLUDED.realisation,"
    " note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by,"
    " recorded_at = EXCLUDED.recorded_at")

_PROPOSED = (
    "UPDATE plans p SET work_result_proposed = e.d->>'proposed', version = e.v"
    f" FROM {EVENT_ROWS} WHERE p.period_id = e.d->>'period_id' AND p.nip = e.d->>'nip'")


def plans_proposed(conn: psycopg.Connection, events: list[Event]) -> None:
    """Proposals or revisions (``projections_plan.plan_proposed``)."""
    kind = "revised" if events[0].type.startswith("assessment.PlanRevised") else "proposed"
    for piece in without_repeats(events, row_key("period_id", "nip")):
        rows = event_rows(piece)
        conn.execute(_PLANS, rows)
        conn.execute(_REVISIONS, [kind, *rows])


def plans_agreed(conn: psycopg.Connection, events: list[Event]) -> None:
    """Agreed revisions (``projections_plan.plan_agreed``)."""
    for piece in without_repeats(events, row_key("period_id", "nip")):
        rows = event_rows(piece)
        conn.execute(_AGREED, rows)
        conn.execute(_OUTCOME, rows)


def evidence_added(conn: psycopg.Connection, events: list[Event]) -> None:
    """Pieces of evidence (``projections_plan.evidence_added``)."""
    for piece in without_repeats(events, row_key("period_id", "nip")):
        rows = event_rows(piece)
        conn.execute(_EVIDENCE, rows)
        conn.execute(_PLAN_VERSION, rows)


def realisations_recorded(conn: psycopg.Connection, events: list[Event]) -> None:
    """RHKs' realisations and the proposals after them
    (``projections_plan.realisation_recorded``)."""
    for piece in without_repeats(events, row_key("period_id", "nip")):
        rows = event_rows(piece)
        conn.execute(_REALISATIONS, rows)
        conn.execute(_PROPOSED, rows)


BATCH_PROJECTORS = {
    "assessment.PlanProposed.v1": plans_proposed,
    "assessment.PlanRevised.v1": plans_proposed,
    "assessment.PlanAgreed.v1": plans_agreed,
    "assessment.EvidenceAdded.v1": evidence_added,
    "assessment.RealisationRecorded.v1": realisations_recorded,
}
