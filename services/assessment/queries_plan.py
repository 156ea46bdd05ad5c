"""Read-side of plans (SKP): one plan with its revisions, evidence, the BerAKHLAK values with the
official's expectations and the official's own RHK (for the employee, their official, HR and
auditors); a supervisor's team's plans; an evidence file for download."""
from __future__ import annotations

import psycopg

from services.assessment.reference import CoreValue
from shared.auth import AUDITOR, HR_ADMIN, Principal
from shared.errors import Forbidden, NotFound

_PLAN = """
SELECT e.nip, e.name, e.supervisor_nip, p.status, p.official_nip, p.revision,
       p.agreed_revision, p.results, p.expectations, o.name AS official_name,
       p.work_result_proposed, p.work_result, p.work_result_reason,
       s.results AS official_results
  FROM employees e
  LEFT JOIN plans p ON p.period_id = %(p)s AND p.nip = e.nip
  LEFT JOIN employees o ON o.nip = COALESCE(p.official_nip, e.supervisor_nip)
  LEFT JOIN plans s ON s.period_id = %(p)s AND s.nip = e.supervisor_nip
 WHERE e.nip = %(n)s"""


def may_read(principal: Principal, nip: str, officials: tuple) -> bool:
    """The employee, their appraising official (then or now), HR and auditors."""
    return principal.has_any((HR_ADMIN, AUDITOR)) or principal.nip in (nip, *officials)


def _values(values: tuple[CoreValue, ...], given: list, language: str) -> list[dict]:
    special = {e["value"]: e["expectation"] for e in given or ()}
    return [{"code": v.code, "name": v.name[language],
             "behaviours": [b[language] for b in v.behaviours],
             "expectation": special.get(v.code)} for v in values]


def _with_evidence(conn: psycopg.Connection, period_id: str, nip: str, results: list) -> list:
    rows = conn.execute("SELECT * FROM plan_evidence WHERE period_id = %s AND nip = %s"
                        " ORDER BY added_at, evidence_id", (period_id, nip)).fetchall()
    realised = {r["rhk"]: r for r in conn.execute(
        "SELECT * FROM plan_realisations WHERE period_id = %s AND nip = %s", (period_id, nip))}
    return [{**r, "evidence": [e for e in rows if e["rhk"] == r["rhk"]],
             "realisation": realised.get(r["rhk"])} for r in results or ()]


def plan(conn: psycopg.Connection, principal: Principal, period_id: str, nip: str,
         values: tuple[CoreValue, ...], language: str) -> dict:
    """The plan as it stands (status None: none yet), its revisions newest first."""
    row = conn.execute(_PLAN, {"p": period_id, "n": nip}).fetchone()
    if row is None:
        raise NotFound("unknown_employee", f"no employee with NIP {nip}")
    if not may_read(principal, nip, (row["official_nip"], row["supervisor_nip"])):
        raise Forbidden("not_allowed_to_read", f"you may not see {nip}'s plan")
    revisions = conn.execute("SELECT * FROM plan_revisions WHERE period_id = %s AND nip = %s"
                             " ORDER BY revision DESC", (period_id, nip)).fetchall()
    return {**row, "period_id": period_id,
            "official_nip": row["official_nip"] or row["supervisor_nip"],
            "results": _with_evidence(conn, period_id, nip, row["results"]),
            "values": _values(values, row["expectations"], language),
            "revisions": revisions, "official_results": row["official_results"] or []}


def team(conn: psycopg.Connection, supervisor: str, period_id: str) -> list[dict]:
    """The supervisor's direct reports and their plans in the period, waiting ones first."""
    return conn.execute(
        "SELECT e.nip, e.name, p.status, p.revision, p.updated_at FROM employees e"
        " LEFT JOIN plans p ON p.period_id = %s AND p.nip = e.nip"
        " WHERE e.supervisor_nip = %s ORDER BY (p.status = 'proposed') IS NOT TRUE, e.name",
        (period_id, supervisor)).fetchall()


def evidence_file(conn: psycopg.Connection, principal: Principal, file_id: str) -> dict:
    """An evidence file's content, name and type, for those who may read the plan."""
    row = conn.execute(
        "SELECT f.content, f.media_type, f.nip, v.file_name, p.official_nip, e.supervisor_nip"
        " FROM plan_evidence_files f JOIN plan_evidence v ON v.file_id = f.file_id"
        " LEFT JOIN plans p ON p.period_id = f.period_id AND p.nip = f.nip"
        " LEFT JOIN employees e ON e.nip = f.nip WHERE f.file_id = %s", (file_id,)).fetchone()
    if row is None:
        raise NotFound("unknown_file", f"no evidence file {file_id}")
    if not may_read(principal, row["nip"], (row["official_nip"], row["supervisor_nip"])):
        raise Forbidden("not_allowed_to_read", "you may not read this evidence")
    return row
