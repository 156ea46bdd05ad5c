"""Read-side queries: plain SQL on the projection tables, with the access and blindness rules."""
from __future__ import annotations

import psycopg

from services.assessment import domain
from services.assessment.messages import MESSAGES
from shared.auth import AUDITOR, HR_ADMIN, Principal
from shared.errors import Forbidden, NotFound
from shared.i18n import DEFAULT_LANGUAGE, Catalogue
from shared.sql import page, where as _where

READ_ALL = (HR_ADMIN, AUDITOR)
TEXTS = Catalogue(MESSAGES)


def employee(conn: psycopg.Connection, nip: str) -> dict:
    """The employee's row (404 if there is none)."""
    row = conn.execute("SELECT * FROM employees WHERE nip = %s", (nip,)).fetchone()
    if row is None:
        raise NotFound("unknown_employee", f"no employee with NIP {nip}")
    return row


def check_period(conn: psycopg.Connection, period_id: str) -> str:
    """The period's status (404 if there is none)."""
    row = conn.execute("SELECT status FROM periods WHERE period_id = %s", (period_id,)).fetchone()
    if row is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    return row["status"]


def employees(conn: psycopg.Connection, filters: dict, pagination) -> list[dict]:
    """Employees by NIP, filtered by unit, supervisor, position or a part of the name; paged."""
    where = _where(filters, unit="unit_code", supervisor="supervisor_nip", position="position_code")
    if "name" in filters:  # a part of the name, whatever its case; % and _ are plain characters
        clause = "strpos(lower(name), lower(%(name)s)) > 0"
        where = f"{where} AND {clause}" if where else f" WHERE {clause}"
    return page(conn, f"SELECT * FROM employees{where} ORDER BY nip", filters, pagination)


def check_can_see_employee(conn: psycopg.Connection, principal: Principal, nip: str) -> dict:
    """HR and auditors see everyone; an employee sees themself and their direct reports."""
    person = employee(conn, nip)
    if not principal.has_any(READ_ALL) and principal.nip not in (nip, person["supervisor_nip"]):
        raise Forbidden("not_allowed_to_read", f"you may not see {nip}")
    return person


def me(conn: psycopg.Connection, nip: str) -> dict:
    """The employee's own record and their direct reports."""
    reports = conn.execute("SELECT * FROM employees WHERE supervisor_nip = %s ORDER BY nip", (nip,))
    return {"employee": employee(conn, nip), "direct_reports": reports.fetchall()}


def officials(conn: psycopg.Connection, nip: str, period_id: str | None) -> dict:
    """Who an appraisal form names: the employee, the appraising official (pejabat penilai) and
    their superior (atasan pejabat penilai), with titles and unit names, and the agency. For a
    period, the official is whoever submitted its supervisor assessment, and the employee's
    position and unit are those the assessments were made for; otherwise today's reporting line."""
    person = employee(conn, nip)
    position, unit, official = person["position_code"], person["unit_code"], person["supervisor_nip"]
    if period_id is not None:
        if conn.execute("SELECT 1 FROM periods WHERE period_id = %s", (period_id,)).fetchone() is None:
            raise NotFound("unknown_period", f"no appraisal period {period_id}")
        sides = {r["role"]: r for r in conn.execute(
            "SELECT role, assessor_nip, position_code, unit_code FROM assessments"
            " WHERE period_id = %s AND nip = %s", (period_id, nip))}
        made_for = sides.get("supervisor") or sides.get("self")
        if made_for:
            position, unit = made_for["position_code"], made_for["unit_code"]
        if "supervisor" in sides:
            official = sides["supervisor"]["assessor_nip"]
    found = _on_form(conn, {**person, "position_code": position, "unit_code": unit})
    boss = _on_form(conn, employee(conn, official)) if official else None
    above = _on_form(conn, employee(conn, boss["supervisor_nip"])) if (
        boss and boss["supervisor_nip"]) else None
    top = conn.execute(
        "WITH RECURSIVE up AS (SELECT code, name, parent_code, 0 AS depth FROM units"
        " WHERE code = %s UNION ALL SELECT u.code, u.name, u.parent_code, up.depth + 1"
        " FROM units u JOIN up ON u.code = up.parent_code WHERE up.depth < 100)"
        " SELECT code AS unit_code, name FROM up ORDER BY depth DESC LIMIT 1", (unit,)).fetchone()
    return {"period_id": period_id, "employee": found, "appraising_official": boss,
            "official_superior": above, "agency": top or {"unit_code": unit, "name": unit}}


def _on_form(conn: psycopg.Connection, person: dict) -> dict:
    named = conn.execute(
        "SELECT p.title AS position_title, p.job_level, u.name AS unit_name FROM (SELECT 1) one"
        " LEFT JOIN positions p ON p.code = %s LEFT JOIN units u ON u.code = %s",
        (person["position_code"], person["unit_code"])).fetchone()
    return {**{k: person[k] for k in ("nip", "name", "position_code", "unit_code",
                                       "supervisor_nip")}, **named}


def assessments(conn: psycopg.Connection, filters: dict, pagination, language: str) -> list[dict]:
    """Submitted and reopened assessments, filtered; paged."""
    where = _where(filters, nip="nip", period="period_id", unit="unit_code", role="role",
                   status="status")
    rows = page(conn, f"SELECT * FROM assessments{where} ORDER BY period_id, nip, role", filters,
                pagination)
    return [labelled(row, language) for row in rows]


def labelled(row: dict, language: str) -> dict:
    """The row with its predikat's label in ``language``."""
    code = row.get("predikat")
    return {**row, "predikat_label": TEXTS.text(f"predikat.{code}", language) if code else None}


def assessment(conn: psycopg.Connection, principal: Principal, period_id: str, nip: str,
               role: str, language: str) -> dict:
    """One submitted (or reopened) assessment, if the caller may see it now (blindness)."""
    person = employee(conn, nip)
    rows = {r["role"]: r for r in conn.execute(
        "SELECT * FROM assessments WHERE period_id = %s AND nip = %s", (period_id, nip))}
    if not principal.has_any(READ_ALL):
        if principal.nip not in (nip, person["supervisor_nip"]):
            raise Forbidden("not_allowed_to_read", f"you may not see the assessments of {nip}")
        both = all(rows.get(r, {}).get("status") == domain.SUBMITTED for r in domain.ASSESSMENT_ROLES)
        if not domain.may_read(role, principal.nip, nip, person["supervisor_nip"], both):
            raise Forbidden("assessment_hidden", "visible once both assessments are submitted")
    if role not in rows:
        raise NotFound("unknown_assessment", f"no {role} assessment of {nip} for {period_id}")
    return labelled(rows[role], language)


def own_assessments(conn: psycopg.Connection, nip: str, language: str) -> list[dict]:
    """An employee's results across periods; the supervisor's only where both sides are submitted."""
    rows = conn.execute("SELECT * FROM assessments WHERE nip = %s ORDER BY period_id DESC, role",
                        (nip,)).fetchall()
    submitted = {(r["period_id"], r["role"]) for r in rows if r["status"] == domain.SUBMITTED}
    return [labelled(r, language) for r in rows
            if r["role"] == domain.SELF or {(r["period_id"], role) for role in
                                             domain.ASSESSMENT_ROLES} <= submitted]


def draft(conn: psycopg.Connection, period_id: str, nip: str, role: str,
          language: str = DEFAULT_LANGUAGE) -> dict:
    """A saved draft; a supervisor's, once both expectations are rated, with the predikat they
    would give (so that forms show it before the submission)."""
    row = conn.execute("SELECT *, 'draft' AS status FROM assessment_drafts"
                       " WHERE period_id = %s AND nip = %s AND role = %s",
                       (period_id, nip, role)).fetchone()
    if row is None:
        raise NotFound("unknown_assessment", "no draft saved")
    rated = role == domain.SUPERVISOR and row["work_result"] and row["work_behaviour"]
    return labelled({**row, "predikat": domain.predikat(row["work_result"], row["work_behaviour"])
                     if rated else None}, language)
