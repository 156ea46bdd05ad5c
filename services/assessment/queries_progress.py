"""Read-side queries of HR's monitoring: who is missing a side, each unit's progress, predikat spread."""
from __future__ import annotations

import psycopg

from services.assessment import domain
from services.assessment.contract import PREDIKATS
from services.assessment.queries import TEXTS
from shared.sql import UNITS_BELOW, page


def unit_scope(filters: dict) -> tuple[str, str]:
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
    with_tree, unit_clause = unit_scope(filters)
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


# Each unit's own people: how many, and how many have each side submitted.
_OWN_PROGRESS = (
    "SELECT e.unit_code, count(*) AS employees,"
    " count(*) FILTER (WHERE s.status = 'submitted') AS self_submitted,"
    " count(*) FILTER (WHERE e.supervisor_nip IS NOT NULL) AS expected,"
    " count(*) FILTER (WHERE e.supervisor_nip IS NOT NULL AND v.status = 'submitted')"
    "  AS supervisor_submitted"
    " FROM employees e"
    " LEFT JOIN assessments s ON s.period_id = %(p)s AND s.nip = e.nip AND s.role = 'self'"
    " LEFT JOIN assessments v ON v.period_id = %(p)s AND v.nip = e.nip"
    "  AND v.role = 'supervisor'"
    " GROUP BY e.unit_code")


def _children(units) -> dict[str | None, list[dict]]:
    """The units under each parent code (None: the roots), in the order given."""
    units = list(units)
    known = {u["code"] for u in units}
    children: dict[str | None, list[dict]] = {}
    for unit in units:  # a parent that is not registered makes its unit a root
        parent = unit["parent_code"] if unit["parent_code"] in known else None
        children.setdefault(parent, []).append(unit)
    return children


def unit_progress(conn: psycopg.Connection, period_id: str) -> dict:
    """Per unit, how many employees have submitted their self-assessment and been assessed by
    their supervisor: the unit's own people and, in ``total``, the unit and every unit below it.
    Units come depth first (each followed by its sub-units, by code), with their ``depth``."""
    own = {r["unit_code"]: r for r in conn.execute(_OWN_PROGRESS, {"p": period_id})}
    children = _children(conn.execute("SELECT code, name, parent_code FROM units ORDER BY code"))
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
    with_tree, unit_clause = unit_scope(filters)
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
