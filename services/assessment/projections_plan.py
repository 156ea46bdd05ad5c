"""Projectors of plans (SKP) and their evidence: the current plan in ``plans``, every revision
with its outcome in ``plan_revisions``, each piece of evidence in ``plan_evidence``."""
from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event


def plan_proposed(conn: psycopg.Connection, event: Event) -> None:
    """A proposal or a revision: the plan's new current revision, waiting for agreement."""
    d = event.data
    last = max(r["rhk"] for r in d["results"])
    conn.execute(
        "INSERT INTO plans (period_id, nip, status, official_nip, revision, results, last_rhk,"
        " updated_at, version) VALUES (%s, %s, 'proposed', %s, %s, %s, %s, %s, %s)"
        " ON CONFLICT (period_id, nip) DO UPDATE SET status = 'proposed',"
        " official_nip = EXCLUDED.official_nip, revision = EXCLUDED.revision,"
        " results = EXCLUDED.results, last_rhk = GREATEST(plans.last_rhk, EXCLUDED.last_rhk),"
        " work_result_proposed = NULL, updated_at = EXCLUDED.updated_at,"
        " version = EXCLUDED.version",
        (d["period_id"], d["nip"], d["official_nip"], d["revision"], Jsonb(d["results"]), last,
         event.time, event.version))
    conn.execute(
        "INSERT INTO plan_revisions (period_id, nip, revision, kind, official_nip, results,"
        " reason, proposed_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (d["period_id"], d["nip"], d["revision"],
         "revised" if event.type.startswith("assessment.PlanRevised") else "proposed",
         d["official_nip"], Jsonb(d["results"]), d.get("reason"), event.time))


def _outcome(conn: psycopg.Connection, event: Event, outcome: str) -> None:
    d = event.data
    conn.execute(
        "UPDATE plan_revisions SET outcome = %s, outcome_by = %s, outcome_at = %s, note = %s,"
        " expectations = %s WHERE period_id = %s AND nip = %s AND revision = %s",
        (outcome, d["official_nip"], event.time, d.get("note"),
         Jsonb(d["expectations"]) if "expectations" in d else None,
         d["period_id"], d["nip"], d["revision"]))


def plan_returned(conn: psycopg.Connection, event: Event) -> None:
    """The proposed revision goes back to the employee with the official's note."""
    d = event.data
    conn.execute("UPDATE plans SET status = 'returned', updated_at = %s, version = %s"
                 " WHERE period_id = %s AND nip = %s",
                 (event.time, event.version, d["period_id"], d["nip"]))
    _outcome(conn, event, "returned")


def plan_agreed(conn: psycopg.Connection, event: Event) -> None:
    """The revision stands as the agreed plan, with the official's special expectations."""
    d = event.data
    conn.execute("UPDATE plans SET status = 'agreed', agreed_revision = %s, expectations = %s,"
                 " official_nip = %s, updated_at = %s, version = %s"
                 " WHERE period_id = %s AND nip = %s",
                 (d["revision"], Jsonb(d["expectations"]), d["official_nip"], event.time,
                  event.version, d["period_id"], d["nip"]))
    _outcome(conn, event, "agreed")


def evidence_added(conn: psycopg.Connection, event: Event) -> None:
    """One piece of evidence of an RHK."""
    d = event.data
    conn.execute(
        "INSERT INTO plan_evidence (evidence_id, period_id, nip, rhk, kind, text, url, file_id,"
        " file_name, media_type, size, sha256, added_by, added_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (d["evidence_id"], d["period_id"], d["nip"], d["rhk"], d["kind"], d["text"], d["url"],
         d["file_id"], d["file_name"], d["media_type"], d["size"], d["sha256"], d["added_by"],
         event.time))
    conn.execute("UPDATE plans SET version = %s WHERE period_id = %s AND nip = %s",
                 (event.version, d["period_id"], d["nip"]))


def realisation_recorded(conn: psycopg.Connection, event: Event) -> None:
    """An RHK's realisation (again, it replaces the earlier one) and the proposal after it."""
    d = event.data
    conn.execute(
        "INSERT INTO plan_realisations (period_id, nip, rhk, realisation, note, recorded_by,"
        " recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (period_id, nip, rhk)"
        " DO UPDATE SET realisation = EXCLUDED.realisation, note = EXCLUDED.note,"
        " recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at",
        (d["period_id"], d["nip"], d["rhk"], d["realisation"], d["note"], d["recorded_by"],
         event.time))
    conn.execute("UPDATE plans SET work_result_proposed = %s, version = %s"
                 " WHERE period_id = %s AND nip = %s",
                 (d["proposed"], event.version, d["period_id"], d["nip"]))


def rated_on_plan(conn: psycopg.Connection, event: Event) -> None:
    """A supervisor's submission on a plan's proposal: their rating and reason, on the plan
    (called by the assessments' projector; other submissions change nothing here)."""
    d = event.data
    if "work_result_proposed" in d:
        conn.execute("UPDATE plans SET work_result = %s, work_result_reason = %s"
                     " WHERE period_id = %s AND nip = %s",
                     (d["work_result"], d.get("work_result_reason"), d["period_id"], d["nip"]))


PROJECTORS = {
    "assessment.PlanProposed.v1": plan_proposed,
    "assessment.PlanRevised.v1": plan_proposed,
    "assessment.PlanReturned.v1": plan_returned,
    "assessment.PlanAgreed.v1": plan_agreed,
    "assessment.EvidenceAdded.v1": evidence_added,
    "assessment.RealisationRecorded.v1": realisation_recorded,
}
