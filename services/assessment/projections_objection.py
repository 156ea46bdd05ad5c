"""Projectors of objections; a changed result also becomes the supervisor's assessment's
predikat and a change in ``predikat_changes`` (kind objection)."""
from __future__ import annotations

import psycopg

from shared.envelope import Event


def objection_filed(conn: psycopg.Connection, event: Event) -> None:
    """The objection, addressed to the official's superior, with its deadline."""
    d = event.data
    conn.execute(
        "INSERT INTO objections (period_id, nip, status, predikat, reasons, official_nip,"
        " superior_nip, received_on, filed_on, decide_by, filed_at, version)"
        " VALUES (%s, %s, 'filed', %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (d["period_id"], d["nip"], d["predikat"], d["reasons"], d["official_nip"],
         d["superior_nip"], d["received_on"], d["filed_on"], d["decide_by"], event.time,
         event.version))


def _version(conn: psycopg.Connection, event: Event) -> None:
    conn.execute("UPDATE objections SET version = %s WHERE period_id = %s AND nip = %s",
                 (event.version, event.data["period_id"], event.data["nip"]))


def objection_explained(conn: psycopg.Connection, event: Event) -> None:
    """The official's explanation (a later one replaces it)."""
    d = event.data
    conn.execute("UPDATE objections SET status = 'explained', explanation = %s,"
                 " explained_at = %s, version = %s WHERE period_id = %s AND nip = %s",
                 (d["explanation"], event.time, event.version, d["period_id"], d["nip"]))


def objection_decided(conn: psycopg.Connection, event: Event) -> None:
    """The final decision; a changed predikat stands from now on."""
    d = event.data
    conn.execute(
        "UPDATE objections SET status = 'decided', decision = %s, new_predikat = %s,"
        " decision_reason = %s, decided_on = %s, late = %s, decided_at = %s, version = %s"
        " WHERE period_id = %s AND nip = %s",
        (d["decision"], d["predikat"], d["reason"], d["decided_on"], d["late"], event.time,
         event.version, d["period_id"], d["nip"]))
    if d["decision"] != "changed":
        return
    conn.execute(
        "INSERT INTO predikat_changes (period_id, nip, version, kind, unit_code, session_id,"
        " previous, predikat, reason, changed_by, changed_at) SELECT %s, %s, %s, 'objection',"
        " a.unit_code, NULL, %s, %s, %s, %s, %s FROM assessments a WHERE a.period_id = %s"
        " AND a.nip = %s AND a.role = 'supervisor'",
        (d["period_id"], d["nip"], event.version, d["previous"], d["predikat"], d["reason"],
         d["decided_by"], event.time, d["period_id"], d["nip"]))
    conn.execute("UPDATE assessments SET predikat = %s WHERE period_id = %s AND nip = %s"
                 " AND role = 'supervisor'", (d["predikat"], d["period_id"], d["nip"]))


PROJECTORS = {
    "assessment.ObjectionFiled.v1": objection_filed,
    "assessment.ObjectionExplanationRequested.v1": _version,
    "assessment.ObjectionExplained.v1": objection_explained,
    "assessment.ObjectionDecided.v1": objection_decided,
}
