"""Read-side queries: plain SQL on the projection tables, with the access and blindness rules."""
from __future__ import annotations

import psycopg

from services.assessment import domain
from services.assessment.messages import MESSAGES
from services.assessment.organisation import employee
from shared.auth import AUDITOR, HR_ADMIN, Principal
from shared.errors import Forbidden, NotFound
from shared.i18n import DEFAULT_LANGUAGE, Catalogue
from shared.sql import UNITS_BELOW, page, where as _where
from services.assessment.contract import PREDIKATS

READ_ALL = (HR_ADMIN, AUDITOR)
TEXTS = Catalogue(MESSAGES)


def employees(conn: psycopg.Connection, filters: dict, pagination) -> list[dict]:
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
    where = _where(filters, nip="nip", period="period_id", unit="unit_code", role="role",
                   status="status")
    rows = page(conn, f"SELECT * FROM assessments{where} ORDER BY period_id, nip, role", filters,
                pagination)
    return [labelled(row, language) for row in rows]


def labelled(row: dict, language: str) -> dict:
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


def _scope(filters: dict) -> tuple[str, str]:
    """The units a report covers: one, it and those below, or all."""
    if "unit" not in filters:
        return "", ""
    if filters.get("subunits", True):
        return UNITS_BELOW, " AND e.unit_code IN (SELECT code FROM tree)"
    return "", " AND e.unit_code = %(unit)s"


def _status(assessment: str, draft: str) -> str:
    return (f"COALESCE({assessment}.status,"
            f" CASE WHEN {draft}.nip IS NULL THEN 'not_started' ELSE 'draft' END)")


# Who is still missing a side: nobody assesses an employee without a direct supervisor (the head
# of the agency), so they never miss the supervisor's assessment.
_MISSING_SELF = "self_status <> 'submitted'"
_MISSING_SUPERVISOR = "(supervisor_nip IS NOT NULL AND supervisor_status <> 'submitted')"
_PENDING = {"self": f" AND {_MISSING_SELF}", "supervisor": f" AND {_MISSING_SUPERVISOR}",
            "either": f" AND ({_MISSING_SELF} OR {_MISSING_SUPERVISOR})"}
_ORDER = {"unit": "unit_code, nip", "name": "name, nip"}


def progress(conn: psycopg.Connection, period_id: str, filters: dict, pagination) -> list[dict]:
    """Per employee: how far the self and the supervisor assessment are (HR's monitoring), with
    the position, unit and supervisor by name and the sides still ``missing``."""
    with_tree, unit_clause = _scope(filters)
    if "supervisor" in filters:
        unit_clause += " AND e.supervisor_nip = %(supervisor)s"
    sql = (f"{with_tree} SELECT * FROM (SELECT e.nip, e.name, e.unit_code, e.supervisor_nip,"
           " e.position_code, pos.title AS position_title, u.name AS unit_name,"
           " boss.name AS supervisor_name,"
           f" {_status('s', 'sd')} AS self_status, {_status('v', 'vd')} AS supervisor_status"
           " FROM employees e"
           " LEFT JOIN positions pos ON pos.code = e.position_code"
           " LEFT JOIN units u ON u.code = e.unit_code"
           " LEFT JOIN employees boss ON boss.nip = e.supervisor_nip"
           " LEFT JOIN assessments s ON s.period_id = %(period)s AND s.nip = e.nip AND s.role = 'self'"
           " LEFT JOIN assessments v ON v.period_id = %(period)s AND v.nip = e.nip"
           "  AND v.role = 'supervisor'"
           " LEFT JOIN assessment_drafts sd ON sd.period_id = %(period)s AND sd.nip = e.nip"
           "  AND sd.role = 'self'"
           " LEFT JOIN assessment_drafts vd ON vd.period_id = %(period)s AND vd.nip = e.nip"
           "  AND vd.role = 'supervisor'"
           f" WHERE true{unit_clause}) p WHERE true{_PENDING.get(filters.get('pending'), '')}"
           f" ORDER BY {_ORDER[filters.get('sort') or 'unit']}")
    return [{**row, "missing": _missing(row)}
            for row in page(conn, sql, {**filters, "period": period_id}, pagination)]


def _missing(row: dict) -> list[str]:
    """The sides not yet submitted (in the order they are written: self, then supervisor)."""
    return [side for side, absent in (
        ("self", row["self_status"] != domain.SUBMITTED),
        ("supervisor", row["supervisor_nip"] is not None
         and row["supervisor_status"] != domain.SUBMITTED)) if absent]


def _counts(employees: int, self_submitted: int, expected: int, supervisor_submitted: int) -> dict:
    return {"employees": employees, "self_submitted": self_submitted,
            "supervisor_expected": expected, "supervisor_submitted": supervisor_submitted,
            "self_share": round(self_submitted / employees, 4) if employees else 0.0,
            "supervisor_share": round(supervisor_submitted / expected, 4) if expected else 0.0}


def unit_progress(conn: psycopg.Connection, period_id: str) -> dict:
    """Per unit, how many employees have submitted their self-assessment and been assessed by
    their supervisor: the unit's own people and, in ``total``, the unit and every unit below it.
    Units come depth first (each followed by its sub-units, by code), with their ``depth``."""
    own = {r["unit_code"]: r for r in conn.execute(
        "SELECT e.unit_code, count(*) AS employees,"
        " count(*) FILTER (WHERE s.status = 'submitted') AS self_submitted,"
        " count(*) FILTER (WHERE e.supervisor_nip IS NOT NULL) AS expected,"
        " count(*) FILTER (WHERE e.supervisor_nip IS NOT NULL AND v.status = 'submitted')"
        "  AS supervisor_submitted"
        " FROM employees e"
        " LEFT JOIN assessments s ON s.period_id = %(p)s AND s.nip = e.nip AND s.role = 'self'"
        " LEFT JOIN assessments v ON v.period_id = %(p)s AND v.nip = e.nip"
        "  AND v.role = 'supervisor'"
        " GROUP BY e.unit_code", {"p": period_id})}
    units = conn.execute("SELECT code, name, parent_code FROM units ORDER BY code").fetchall()
    known = {u["code"] for u in units}
    children: dict[str | None, list[dict]] = {}
    for unit in units:  # a parent that is not registered makes its unit a root
        parent = unit["parent_code"] if unit["parent_code"] in known else None
        children.setdefault(parent, []).append(unit)
    keys = ("employees", "self_submitted", "expected", "supervisor_submitted")
    rows: list[dict] = []

    def walk(unit: dict, depth: int) -> list[int]:
        mine = [own.get(unit["code"], {}).get(k, 0) for k in keys]
        row = {"unit_code": unit["code"], "name": unit["name"], "parent_code": unit["parent_code"],
               "depth": depth, "own": _counts(*mine)}
        rows.append(row)
        total = list(mine)
        for child in children.get(unit["code"], []):
            total = [a + b for a, b in zip(total, walk(child, depth + 1))]
        row["total"] = _counts(*total)
        return total

    agency = [0, 0, 0, 0]
    for root in children.get(None, []):
        agency = [a + b for a, b in zip(agency, walk(root, 0))]
    return {"period_id": period_id, **_counts(*agency), "units": rows}


def distribution(conn: psycopg.Connection, period_id: str, filters: dict, language: str) -> dict:
    """How the supervisors' predikat are spread in a unit (or the whole agency) for a period."""
    with_tree, unit_clause = _scope(filters)
    params = {**filters, "period": period_id}
    counts = {r["predikat"]: r["n"] for r in conn.execute(
        f"{with_tree} SELECT a.predikat, count(*) AS n FROM assessments a JOIN employees e"
        " ON e.nip = a.nip WHERE a.period_id = %(period)s AND a.role = 'supervisor'"
        f" AND a.status = 'submitted'{unit_clause} GROUP BY a.predikat", params)}
    headcount = conn.execute(f"{with_tree} SELECT count(*) AS n FROM employees e"
                             f" WHERE true{unit_clause}", params).fetchone()["n"]
    assessed = sum(counts.values())
    return {"period_id": period_id, "unit_code": filters.get("unit"), "employees": headcount,
            "assessed": assessed,
            "predikat": [{"predikat": code, "label": TEXTS.text(f"predikat.{code}", language),
                          "count": counts.get(code, 0),
                          "share": round(counts.get(code, 0) / assessed, 4) if assessed else 0.0}
                         for code in PREDIKATS]}
