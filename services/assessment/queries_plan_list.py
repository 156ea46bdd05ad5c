"""Read-side of HR's list of plans (SKP) in a period: every employee in scope with their plan's
status, revision, number of RHK and whether each RHK has a realisation; counts per status."""
from __future__ import annotations

import psycopg

from services.assessment.queries_progress import unit_scope
from shared.sql import page

# What HR reads: none (no plan yet), proposed, returned, agreed, or revising (a revision of an
# agreed plan waiting for the official's agreement; the agreed revision still stands).
STATUSES = ("none", "proposed", "returned", "agreed", "revising")

_STATUS = ("CASE WHEN p.status IS NULL THEN 'none'"
           " WHEN p.status = 'proposed' AND p.agreed_revision IS NOT NULL THEN 'revising'"
           " ELSE p.status END")
_REALISED = ("(p.results IS NOT NULL AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(p.results)"
             " r WHERE NOT EXISTS (SELECT 1 FROM plan_realisations z WHERE z.period_id ="
             " p.period_id AND z.nip = p.nip AND z.rhk = (r->>'rhk')::int)))")


def _rows(filters: dict) -> str:
    """Every employee in the filters' units with their plan in %(period)s."""
    with_tree, unit_clause = unit_scope(filters)
    return (f"{with_tree} SELECT e.nip, e.name, e.unit_code, u.name AS unit_name,"
            " COALESCE(p.official_nip, e.supervisor_nip) AS official_nip,"
            f" o.name AS official_name, {_STATUS} AS status, p.revision, p.agreed_revision,"
            " COALESCE(jsonb_array_length(p.results), 0) AS results,"
            f" {_REALISED} AS realised, p.updated_at"
            " FROM employees e"
            " LEFT JOIN units u ON u.code = e.unit_code"
            " LEFT JOIN plans p ON p.period_id = %(period)s AND p.nip = e.nip"
            " LEFT JOIN employees o ON o.nip = COALESCE(p.official_nip, e.supervisor_nip)"
            f" WHERE true{unit_clause}")


def plans(conn: psycopg.Connection, period_id: str, filters: dict, pagination) -> list[dict]:
    """One page of the period's plans, by unit then NIP; ``status`` filters on the status read."""
    wanted = " WHERE status = %(status)s" if "status" in filters else ""
    sql = f"SELECT * FROM ({_rows(filters)}) q{wanted} ORDER BY unit_code, nip"
    return page(conn, sql, {**filters, "period": period_id}, pagination)


def counts(conn: psycopg.Connection, period_id: str, filters: dict) -> dict:
    """How many employees in the filters' units have a plan in each status, and in all."""
    found = {r["status"]: r["n"] for r in conn.execute(
        f"SELECT status, count(*) AS n FROM ({_rows(filters)}) q GROUP BY status",
        {**filters, "period": period_id})}
    return {"period_id": period_id, "unit_code": filters.get("unit"),
            "employees": sum(found.values()),
            "statuses": [{"status": s, "count": found.get(s, 0)} for s in STATUSES]}
