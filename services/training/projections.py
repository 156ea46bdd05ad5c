"""Projectors: the training service's own events, into its read tables (in the recording transaction)."""
from __future__ import annotations

from datetime import date

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event


def programme_defined(conn: psycopg.Connection, event: Event) -> None:
    """A programme's whole new state; a retired one becomes active again."""
    d = event.data
    conn.execute(
        "INSERT INTO programmes (code, title, form, kind, jp, competencies, level_min, level_max,"
        " provider, status, revision, defined_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s,"
        " 'active', %s, %s) ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title,"
        " form = EXCLUDED.form, kind = EXCLUDED.kind, jp = EXCLUDED.jp,"
        " competencies = EXCLUDED.competencies, level_min = EXCLUDED.level_min,"
        " level_max = EXCLUDED.level_max, provider = EXCLUDED.provider, status = 'active',"
        " retired_reason = NULL, revision = EXCLUDED.revision, defined_at = EXCLUDED.defined_at",
        (d["code"], Jsonb(d["title"]), d["form"], d["kind"], d["jp"], d["competencies"],
         d["level_min"], d["level_max"], d["provider"], event.version, event.time))


def programme_retired(conn: psycopg.Connection, event: Event) -> None:
    """The programme leaves the catalogue (its row stays, retired)."""
    conn.execute("UPDATE programmes SET status = 'retired', retired_reason = %s, revision = %s"
                 " WHERE code = %s", (event.data["reason"], event.version, event.data["code"]))


def training_assigned(conn: psycopg.Connection, event: Event) -> None:
    """A new open assignment; an unmet need of the same gap is met now."""
    d, reason = event.data, event.data["reason"]
    conn.execute(
        "INSERT INTO assignments (assignment_id, nip, programme_code, competency, jp, year, status,"
        " reason_kind, reason, period_id, comparison, assigned_at, version)"
        " VALUES (%s, %s, %s, %s, %s, %s, 'assigned', %s, %s, %s, %s, %s, %s)",
        (d["assignment_id"], d["nip"], d["programme_code"], d["competency"], d["jp"], d["year"],
         reason["kind"], Jsonb(reason), reason["period_id"], reason["comparison"], event.time,
         event.version))
    conn.execute("DELETE FROM unmet_needs WHERE nip = %s AND period_id = %s AND competency = %s",
                 (d["nip"], reason["period_id"], d["competency"]))


def training_started(conn: psycopg.Connection, event: Event) -> None:
    """The assignment is in progress."""
    conn.execute("UPDATE assignments SET status = 'in_progress', started_on = %s, version = %s"
                 " WHERE assignment_id = %s",
                 (event.data["started_on"], event.version, event.data["assignment_id"]))


def completion_reported(conn: psycopg.Connection, event: Event) -> None:
    """A report waiting for a training admin's decision."""
    d = event.data
    conn.execute(
        "INSERT INTO completion_reports (report_id, nip, programme_code, assignment_id,"
        " completed_on, jp, certificate_number, status, reported_at, version)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, 'pending', %s, %s)",
        (d["report_id"], d["nip"], d["programme_code"], d["assignment_id"], d["completed_on"],
         d["jp"], d["certificate_number"], event.time, event.version))


def training_completed(conn: psycopg.Connection, event: Event) -> None:
    """The completion counts toward its year; its assignment and report close."""
    d = event.data
    if d["assignment_id"]:
        conn.execute(
            "UPDATE assignments SET status = 'completed', completed_on = %s, completed_jp = %s,"
            " certificate_number = %s, version = %s WHERE assignment_id = %s",
            (d["completed_on"], d["jp"], d["certificate_number"], event.version, d["assignment_id"]))
    if d["report_id"]:
        conn.execute("UPDATE completion_reports SET status = 'verified' WHERE report_id = %s",
                     (d["report_id"],))
    completed_on = date.fromisoformat(d["completed_on"])
    conn.execute(
        "INSERT INTO completions (completion_id, nip, year, jp, completed_on, programme_code,"
        " certificate_number, recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (d["assignment_id"] or d["report_id"], d["nip"], completed_on.year, d["jp"], completed_on,
         d["programme_code"], d["certificate_number"], event.time))


def completion_rejected(conn: psycopg.Connection, event: Event) -> None:
    """The report is rejected with its reason; nothing counts."""
    conn.execute("UPDATE completion_reports SET status = 'rejected', rejected_reason = %s,"
                 " rejected_at = %s, version = %s WHERE report_id = %s",
                 (event.data["reason"], event.time, event.version, event.data["report_id"]))


def training_cancelled(conn: psycopg.Connection, event: Event) -> None:
    """The assignment is cancelled, with why."""
    d = event.data
    conn.execute("UPDATE assignments SET status = 'cancelled', cancel_reason = %s, cancel_note = %s,"
                 " version = %s WHERE assignment_id = %s",
                 (d["reason"], d["note"], event.version, d["assignment_id"]))


def opportunity_identified(conn: psycopg.Connection, event: Event) -> None:
    """A strength's opportunity, open until it is decided."""
    d = event.data
    conn.execute(
        "INSERT INTO opportunities (nip, period_id, competency, assessed, required, suggestion,"
        " identified_at, version) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (d["nip"], d["period_id"], d["competency"], d["assessed"], d["required"],
         Jsonb(d["suggestion"]), event.time, event.version))


def opportunity_assigned(conn: psycopg.Connection, event: Event) -> None:
    """The opportunity's role given, by whom and in which capacity."""
    d = event.data
    conn.execute(
        "UPDATE opportunities SET status = 'assigned', role = %s, programme_code = %s,"
        " starts_on = %s, note = %s, decided_by = %s, decided_as = %s, decided_at = %s,"
        " version = %s WHERE nip = %s AND period_id = %s AND competency = %s",
        (d["role"], d["programme_code"], d["starts_on"], d["note"], event.metadata.get("actor"),
         d["decided_as"], event.time, event.version, d["nip"], d["period_id"], d["competency"]))


def opportunity_declined(conn: psycopg.Connection, event: Event) -> None:
    """The opportunity declined, by whom and why."""
    d = event.data
    conn.execute(
        "UPDATE opportunities SET status = 'declined', decline_reason = %s, decided_by = %s,"
        " decided_as = %s, decided_at = %s, version = %s"
        " WHERE nip = %s AND period_id = %s AND competency = %s",
        (d["reason"], event.metadata.get("actor"), d["decided_as"], event.time, event.version,
         d["nip"], d["period_id"], d["competency"]))


def need_unmet(conn: psycopg.Connection, event: Event) -> None:
    """A gap left without an assignment (the latest reason per period and competency)."""
    d, gap = event.data, event.data["gap"]
    conn.execute(
        "INSERT INTO unmet_needs (nip, period_id, competency, year, reason, assessed, required,"
        " recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (nip, period_id,"
        " competency) DO UPDATE SET year = EXCLUDED.year, reason = EXCLUDED.reason,"
        " assessed = EXCLUDED.assessed, required = EXCLUDED.required,"
        " recorded_at = EXCLUDED.recorded_at",
        (d["nip"], d["period_id"], gap["competency"], d["year"], d["reason"], gap["assessed"],
         gap["required"], event.time))


PROJECTORS = {
    "training.ProgrammeDefined.v1": programme_defined,
    "training.ProgrammeRetired.v1": programme_retired,
    "training.TrainingAssigned.v1": training_assigned,
    "training.TrainingStarted.v1": training_started,
    "training.CompletionReported.v1": completion_reported,
    "training.TrainingCompleted.v1": training_completed,
    "training.CompletionRejected.v1": completion_rejected,
    "training.TrainingCancelled.v1": training_cancelled,
    "training.DevelopmentOpportunityIdentified.v1": opportunity_identified,
    "training.DevelopmentNeedUnmet.v1": need_unmet,
    "training.OpportunityAssigned.v1": opportunity_assigned,
    "training.OpportunityDeclined.v1": opportunity_declined,
}
