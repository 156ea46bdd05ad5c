"""Commands on development opportunities: HR or the employee's supervisor assigns the role that
uses a strength (OpportunityAssigned), or declines the opportunity with a reason
(OpportunityDeclined). An opportunity's events form the stream
``opportunity-<nip>-<period>-<competency>``; it is decided once.
"""
from __future__ import annotations

from datetime import date

import psycopg

from services.training.catalogue import programme
from services.training.queries import employee
from shared.auth import HR_ADMIN, Principal
from shared.envelope import Event, NewEvent
from shared.errors import Conflict, Forbidden, NotFound
from shared.service import record


def _service():
    from services.training.definition import SERVICE
    return SERVICE


def stream_of(nip: str, period_id: str, competency: str) -> str:
    return f"opportunity-{nip}-{period_id}-{competency}"


def opportunity(conn: psycopg.Connection, nip: str, period_id: str, competency: str,
                lock: bool = False) -> dict:
    row = conn.execute(
        "SELECT o.*, e.name, e.unit_code, e.supervisor_nip, u.name AS unit_name"
        " FROM opportunities o LEFT JOIN employees e ON e.nip = o.nip"
        " LEFT JOIN units u ON u.code = e.unit_code"
        " WHERE o.nip = %s AND o.period_id = %s AND o.competency = %s"
        + (" FOR UPDATE OF o" if lock else ""), (nip, period_id, competency)).fetchone()
    if row is None:
        raise NotFound("unknown_opportunity",
                       f"no opportunity for {nip} in {period_id} on {competency}")
    return row


def decider_role(conn: psycopg.Connection, principal: Principal, nip: str) -> str:
    """The capacity the caller decides in: the employee's current supervisor by the reporting line
    the assessment service published (first, so the trail says so), or HR; anyone else is refused."""
    person = employee(conn, nip)
    if person["supervisor_nip"] and principal.nip == person["supervisor_nip"]:
        return "supervisor"
    if principal.has_any((HR_ADMIN,)):
        return HR_ADMIN
    raise Forbidden("not_supervisor", f"only HR or the supervisor of {nip} may decide this")


def _open(row: dict) -> None:
    if row["status"] != "open":
        raise Conflict(f"opportunity_{row['status']}",
                       f"the opportunity is already {row['status']}", state=row["status"])


def assign(conn: psycopg.Connection, principal: Principal, nip: str, period_id: str,
           competency: str, role: str, starts_on: date, programme_code: str | None,
           note: str | None) -> Event:
    """Give the employee the role that uses the strength (the suggestion or edited text)."""
    row = opportunity(conn, nip, period_id, competency, lock=True)
    decided_as = decider_role(conn, principal, nip)
    _open(row)
    if programme_code:
        found = programme(conn, programme_code)
        if found["status"] != "active":
            raise Conflict("programme_retired", f"{programme_code} is retired", field="programme_code")
    return record(conn, _service(), stream_of(nip, period_id, competency), row["version"], [NewEvent(
        "training.OpportunityAssigned.v1", nip,
        {"nip": nip, "period_id": period_id, "competency": competency, "role": role,
         "programme_code": programme_code or None, "starts_on": starts_on.isoformat(),
         "note": note or None, "decided_as": decided_as})])[0]


def decline(conn: psycopg.Connection, principal: Principal, nip: str, period_id: str,
            competency: str, reason: str) -> Event:
    """Decide not to take the opportunity up, with the reason."""
    row = opportunity(conn, nip, period_id, competency, lock=True)
    decided_as = decider_role(conn, principal, nip)
    _open(row)
    return record(conn, _service(), stream_of(nip, period_id, competency), row["version"], [NewEvent(
        "training.OpportunityDeclined.v1", nip,
        {"nip": nip, "period_id": period_id, "competency": competency, "reason": reason,
         "decided_as": decided_as})])[0]
