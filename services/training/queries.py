"""Read-side queries of people and plans: plain SQL on the projection tables, with who may see
whose plan (the unit reports are in ``queries_reports.py``)."""
from __future__ import annotations

import psycopg

from services.training import domain
from services.training.reference import Rules
from shared.auth import AUDITOR, HR_ADMIN, TRAINING_ADMIN, Principal
from shared.errors import Forbidden, NotFound

READ_ALL = (HR_ADMIN, AUDITOR, TRAINING_ADMIN)
PERIOD_YEAR = "coalesce((SELECT year FROM periods p WHERE p.period_id = {0}.period_id)," \
              " substring({0}.period_id FROM '^[0-9]{{4}}')::int)"


def page(conn: psycopg.Connection, sql: str, params: dict, pagination) -> list[dict]:
    """One page of ``sql`` (which must ORDER BY); sets the total for the X-Pagination header."""
    rows = conn.execute(f"SELECT *, count(*) OVER () AS total_rows FROM ({sql}) q"
                        " LIMIT %(limit)s OFFSET %(offset)s",
                        {**params, "limit": pagination.page_size,
                         "offset": (pagination.page - 1) * pagination.page_size}).fetchall()
    pagination.item_count = rows[0]["total_rows"] if rows else conn.execute(
        f"SELECT count(*) AS n FROM ({sql}) q", params).fetchone()["n"]
    return rows


def employee(conn: psycopg.Connection, nip: str) -> dict:
    """An employee as the assessment service published them."""
    row = conn.execute("SELECT * FROM employees WHERE nip = %s", (nip,)).fetchone()
    if row is None:
        raise NotFound("unknown_employee", f"no employee with NIP {nip}")
    return row


def check_can_see(conn: psycopg.Connection, principal: Principal, nip: str) -> dict:
    """HR, auditors and training admins see everyone; an employee themself and their direct reports
    (by the reporting line the assessment service published, not by a claim)."""
    person = employee(conn, nip)
    if not principal.has_any(READ_ALL) and principal.nip not in (nip, person["supervisor_nip"]):
        raise Forbidden("not_allowed_to_read", f"you may not see {nip}")
    return person


def assignments(conn: psycopg.Connection, filters: dict, pagination) -> list[dict]:
    """With the employee's name and unit, so a list of them needs no other read."""
    clauses = [f"a.{col} = %({name})s" for name, col in
               (("nip", "nip"), ("status", "status"), ("year", "year"),
                ("programme", "programme_code"), ("period", "period_id")) if name in filters]
    if "unit" in filters:
        clauses.append("a.nip IN (SELECT nip FROM employees WHERE unit_code = %(unit)s)")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return page(conn, "SELECT a.*, e.name, e.unit_code, u.name AS unit_name FROM assignments a"
                " LEFT JOIN employees e ON e.nip = a.nip LEFT JOIN units u ON u.code = e.unit_code"
                f"{where} ORDER BY a.assigned_at, a.assignment_id", filters, pagination)


def reports(conn: psycopg.Connection, filters: dict, pagination) -> list[dict]:
    """Completion reports by status or NIP, with the employee's name and unit; one page."""
    clauses = [f"r.{name} = %({name})s" for name in ("status", "nip") if name in filters]
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return page(conn, "SELECT r.*, e.name, e.unit_code FROM completion_reports r"
                f" LEFT JOIN employees e ON e.nip = r.nip{where}"
                " ORDER BY r.reported_at, r.report_id", filters, pagination)


def programme(conn: psycopg.Connection, code: str) -> dict:
    """One programme of the catalogue as the API shows it."""
    row = conn.execute("SELECT * FROM programmes WHERE code = %s", (code,)).fetchone()
    if row is None:
        raise NotFound("unknown_programme", f"no programme {code}")
    return row


def assignment(conn: psycopg.Connection, assignment_id: str) -> dict:
    """One assignment as the API shows it."""
    row = conn.execute("SELECT * FROM assignments WHERE assignment_id = %s",
                       (assignment_id,)).fetchone()
    if row is None:
        raise NotFound("unknown_assignment", f"no assignment {assignment_id}")
    return row


_OPPORTUNITIES = ("SELECT o.*, e.name, e.unit_code, u.name AS unit_name FROM opportunities o"
                  " LEFT JOIN employees e ON e.nip = o.nip LEFT JOIN units u ON u.code = e.unit_code")


def opportunities(conn: psycopg.Connection, filters: dict, pagination) -> list[dict]:
    """Opportunities by NIP, period, status or unit; one page."""
    clauses = [f"o.{col} = %({name})s" for name, col in
               (("nip", "nip"), ("period", "period_id"), ("status", "status")) if name in filters]
    if "unit" in filters:
        clauses.append("o.nip IN (SELECT nip FROM employees WHERE unit_code = %(unit)s)")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return page(conn, f"{_OPPORTUNITIES}{where} ORDER BY o.identified_at, o.nip, o.competency",
                filters, pagination)


def opportunity(conn: psycopg.Connection, nip: str, period_id: str, competency: str) -> dict:
    """One opportunity with its decision, the employee's name and unit."""
    row = conn.execute(f"{_OPPORTUNITIES} WHERE o.nip = %s AND o.period_id = %s"
                       " AND o.competency = %s", (nip, period_id, competency)).fetchone()
    if row is None:
        raise NotFound("unknown_opportunity",
                       f"no opportunity for {nip} in {period_id} on {competency}")
    return row


def report_opportunities(conn: psycopg.Connection, supervisor_nip: str, filters: dict) -> list[dict]:
    """The opportunities of the caller's direct reports (by the published reporting line)."""
    clauses = ["e.supervisor_nip = %(boss)s"] + [
        f"o.{col} = %({name})s" for name, col in (("period", "period_id"), ("status", "status"))
        if name in filters]
    return conn.execute(f"{_OPPORTUNITIES} WHERE {' AND '.join(clauses)}"
                        " ORDER BY e.name, o.period_id, o.competency",
                        {**filters, "boss": supervisor_nip}).fetchall()


def jp(conn: psycopg.Connection, nip: str, year: int, rules: Rules) -> dict:
    """Completed JP in ``year`` (the year of each completion) against the 20 JP minimum."""
    rows = conn.execute("SELECT * FROM completions WHERE nip = %s AND year = %s"
                        " ORDER BY completed_on, completion_id", (nip, year)).fetchall()
    done, minimum = sum(r["jp"] for r in rows), rules.minimum_jp
    return {"nip": nip, "year": year, "completed_jp": done, "minimum_jp": minimum,
            "shortfall": domain.jp_shortfall(done, minimum), "met": done >= minimum,
            "completions": rows}


def plan(conn: psycopg.Connection, person: dict, year: int, rules: Rules) -> dict:
    """The individual development plan: planned vs completed JP, assignments, opportunities, unmet."""
    nip = person["nip"]
    rows = conn.execute("SELECT * FROM assignments WHERE nip = %s AND year = %s"
                        " ORDER BY assigned_at, assignment_id", (nip, year)).fetchall()
    progress = jp(conn, nip, year, rules)
    return {
        "nip": nip, "name": person["name"], "unit_code": person["unit_code"], "year": year,
        "minimum_jp": progress["minimum_jp"], "completed_jp": progress["completed_jp"],
        "shortfall": progress["shortfall"],
        "planned_jp": domain.planned_jp([domain.Planned(r["competency"], r["jp"], r["year"],
                                                        r["status"]) for r in rows], year),
        "assignments": rows,
        "opportunities": conn.execute(
            f"SELECT * FROM opportunities o WHERE nip = %s AND {PERIOD_YEAR.format('o')} = %s"
            " ORDER BY period_id, competency", (nip, year)).fetchall(),
        "unmet_needs": conn.execute("SELECT * FROM unmet_needs WHERE nip = %s AND year = %s"
                                    " ORDER BY period_id, competency", (nip, year)).fetchall(),
        "completion_reports": conn.execute(
            "SELECT * FROM completion_reports WHERE nip = %s AND status = 'pending'"
            " ORDER BY reported_at", (nip,)).fetchall(),
        "rejected_reports": conn.execute(
            "SELECT * FROM completion_reports WHERE nip = %s AND status = 'rejected'"
            " AND extract(year FROM rejected_at AT TIME ZONE 'UTC') = %s"
            " ORDER BY rejected_at DESC", (nip, year)).fetchall(),
    }
