"""Commands on the organisation: dictionary, units, position standards, employees, periods.

Each handler loads what it needs, applies the rules and records one event in the caller's
transaction. The projections are updated in the same transaction, so they are safe to decide on.
"""
from __future__ import annotations

import psycopg

from services.assessment import domain
from services.assessment.definition import SERVICE
from services.assessment.reference import default_standard, job_levels
from shared.envelope import Event, NewEvent
from shared.errors import Conflict, Invalid, NotFound
from services.assessment.contract import EMPLOYEE_FIELDS
from shared.service import record
from shared.clock import agency_today


def record_one(conn, stream_id: str, version: int, ce_type: str, subject: str, data: dict) -> Event:
    return record(conn, SERVICE, stream_id, version,
                  [NewEvent(f"assessment.{ce_type}.v1", subject, data)])[0]


def define_competency(conn: psycopg.Connection, data: dict) -> Event:
    """Add a technical competency to the dictionary, or revise one HR added before."""
    row = conn.execute("SELECT kind, revision FROM competencies WHERE code = %s",
                       (data["code"],)).fetchone()
    if row and row["kind"] != "technical":
        raise Conflict("core_competency", f"{data['code']} is set by regulation, not by the agency")
    return record_one(conn, f"competency-{data['code']}", row["revision"] if row else 0,
                       "CompetencyDefined", data["code"], {**data, "kind": "technical"})


def core_competencies(conn: psycopg.Connection) -> list[str]:
    rows = conn.execute("SELECT code FROM competencies WHERE kind <> 'technical' ORDER BY code")
    return [r["code"] for r in rows]


def register_unit(conn: psycopg.Connection, code: str, name: str, parent_code: str | None) -> Event:
    """Register a work unit (unit kerja) under an existing parent."""
    if conn.execute("SELECT 1 FROM units WHERE code = %s", (code,)).fetchone():
        raise Conflict("unit_exists", f"unit {code} is already registered")
    if parent_code and not conn.execute("SELECT 1 FROM units WHERE code = %s",
                                        (parent_code,)).fetchone():
        raise Invalid("unknown_unit", f"parent unit {parent_code} is not registered")
    return record_one(conn, f"unit-{code}", 0, "UnitRegistered", code,
                       {"code": code, "name": name, "parent_code": parent_code})


def set_standard(conn: psycopg.Connection, code: str, title: str, job_level: str,
                 standard: list[dict] | None = None) -> Event:
    """Set a position's competency standard; without one, the job level's default."""
    if job_level not in job_levels():
        raise Invalid("unknown_job_level", f"job level {job_level} is not known",
                      known=sorted(job_levels()))
    if standard is None:
        standard = default_standard(job_level, core_competencies(conn))
    codes = [item["competency"] for item in standard]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise Invalid("duplicate_competency", f"listed twice: {', '.join(duplicates)}")
    known = {r["code"] for r in conn.execute("SELECT code FROM competencies WHERE code = ANY(%s)",
                                             (codes,))}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise Invalid("unknown_competency", f"not in the dictionary: {', '.join(unknown)}")
    row = conn.execute("SELECT revision FROM positions WHERE code = %s", (code,)).fetchone()
    return record_one(conn, f"position-{code}", row["revision"] if row else 0,
                       "CompetencyStandardSet", code,
                       {"position_code": code, "title": title, "job_level": job_level,
                        "standard": standard})


def employee(conn: psycopg.Connection, nip: str) -> dict:
    row = conn.execute("SELECT * FROM employees WHERE nip = %s", (nip,)).fetchone()
    if row is None:
        raise NotFound("unknown_employee", f"no employee with NIP {nip}")
    return row


def check_employee(conn: psycopg.Connection, state: dict) -> None:
    """The NIPs are valid and the position, unit and supervisor exist, without a reporting cycle."""
    for field in ("nip", "supervisor_nip"):
        problem = state[field] and domain.nip_problem(state[field], agency_today())
        if problem:
            raise Invalid("invalid_nip", f"{field}: {problem}", field=field)
    if not conn.execute("SELECT 1 FROM positions WHERE code = %s", (state["position_code"],)).fetchone():
        raise Invalid("unknown_position", f"position {state['position_code']} has no standard yet")
    if not conn.execute("SELECT 1 FROM units WHERE code = %s", (state["unit_code"],)).fetchone():
        raise Invalid("unknown_unit", f"unit {state['unit_code']} is not registered")
    boss = state["supervisor_nip"]
    if boss is None:
        return
    if boss == state["nip"]:
        raise Invalid("reporting_cycle", "an employee cannot be their own supervisor")
    chain = [r["nip"] for r in conn.execute(
        "WITH RECURSIVE chain (nip, depth) AS (SELECT %s::text, 0 UNION ALL"
        " SELECT e.supervisor_nip, c.depth + 1 FROM employees e JOIN chain c ON e.nip = c.nip"
        " WHERE e.supervisor_nip IS NOT NULL AND c.depth < 10000) SELECT nip FROM chain", (boss,))]
    if not conn.execute("SELECT 1 FROM employees WHERE nip = %s", (boss,)).fetchone():
        raise Invalid("unknown_supervisor", f"supervisor {boss} is not registered")
    if state["nip"] in chain:
        raise Invalid("reporting_cycle", f"{boss} reports (indirectly) to {state['nip']}",
                      cycle=[state["nip"], *chain[:chain.index(state["nip"]) + 1]])


def register_employee(conn: psycopg.Connection, state: dict) -> Event:
    """Register an employee with position, unit and direct supervisor (atasan langsung)."""
    check_employee(conn, state)
    if conn.execute("SELECT 1 FROM employees WHERE nip = %s", (state["nip"],)).fetchone():
        raise Conflict("employee_exists", f"{state['nip']} is already registered")
    return record_employee(conn, {f: state[f] for f in ("nip", *EMPLOYEE_FIELDS)}, None)


def update_employee(conn: psycopg.Connection, nip: str, changes: dict) -> Event | None:
    """Change name, position, unit or supervisor; None when nothing actually changes."""
    current = employee(conn, nip)
    state = {f: current[f] for f in ("nip", *EMPLOYEE_FIELDS)} | changes
    if any(state[f] != current[f] for f in EMPLOYEE_FIELDS):
        check_employee(conn, state)
    return record_employee(conn, state, current)


def record_employee(conn: psycopg.Connection, state: dict, current: dict | None) -> Event | None:
    """Record an employee's checked new state: registered, updated (naming what changed) or, when
    nothing differs from ``current``, nothing."""
    nip = state["nip"]
    if current is None:
        return record_one(conn, f"employee-{nip}", 0, "EmployeeRegistered", nip, state)
    changed = [f for f in EMPLOYEE_FIELDS if state[f] != current[f]]
    if not changed:
        return None
    return record_one(conn, f"employee-{nip}", current["version"], "EmployeeUpdated", nip,
                      {**state, "changed": changed})


def open_period(conn: psycopg.Connection, kind: str, year: int, quarter: int | None) -> Event:
    """Open a quarterly or annual appraisal period."""
    period_id, first, last = domain.period_bounds(kind, year, quarter)
    if conn.execute("SELECT 1 FROM periods WHERE period_id = %s", (period_id,)).fetchone():
        raise Conflict("period_exists", f"period {period_id} was already opened")
    return record_one(conn, f"period-{period_id}", 0, "AppraisalPeriodOpened", period_id,
                       {"period_id": period_id, "kind": kind, "year": year, "quarter": quarter,
                        "starts_on": first.isoformat(), "ends_on": last.isoformat()})


def close_period(conn: psycopg.Connection, period_id: str) -> Event:
    """Close an open period; submissions for it are refused from now on."""
    row = conn.execute("SELECT status FROM periods WHERE period_id = %s FOR UPDATE",
                       (period_id,)).fetchone()
    if row is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    if row["status"] != "open":
        raise Conflict("period_not_open", f"period {period_id} is already closed")
    return record_one(conn, f"period-{period_id}", 1, "AppraisalPeriodClosed", period_id,
                       {"period_id": period_id})


def seed_dictionary(conn: psycopg.Connection, competencies) -> int:
    """Define the seeded competencies the dictionary lacks; how many were added."""
    present = {r["code"] for r in conn.execute("SELECT code FROM competencies")}
    added = [c for c in competencies if c["code"] not in present]
    for data in added:
        record_one(conn, f"competency-{data['code']}", 0, "CompetencyDefined", data["code"], data)
    return len(added)
