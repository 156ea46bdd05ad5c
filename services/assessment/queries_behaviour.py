"""Read-side of work behaviour: the BerAKHLAK values with their behaviours, and the official's
notes on an employee in a period, for the people allowed to read them."""
from __future__ import annotations

import psycopg

from services.assessment.domain_behaviour import BehaviourRules
from services.assessment.reference import CoreValue
from shared.auth import AUDITOR, HR_ADMIN, Principal
from shared.errors import Forbidden, NotFound

_PERSON = ("SELECT e.nip, e.name, e.unit_code, e.supervisor_nip AS official_nip,"
           " s.name AS official_name,"
           " EXISTS(SELECT 1 FROM periods WHERE period_id = %s) AS period_known FROM employees e"
           " LEFT JOIN employees s ON s.nip = e.supervisor_nip WHERE e.nip = %s")
_NOTES = ("SELECT n.version, n.value_code AS value, n.kind, n.observed_on, n.text, n.noted_by,"
          " e.name AS noted_by_name, n.noted_at FROM behaviour_notes n"
          " LEFT JOIN employees e ON e.nip = n.noted_by WHERE n.period_id = %s AND n.nip = %s"
          " ORDER BY n.observed_on DESC, n.version DESC")


def values(core_values: tuple[CoreValue, ...]) -> list[dict]:
    """The seven BerAKHLAK values in their order, each with its three behaviours."""
    return [{"code": v.code, "name": dict(v.name), "behaviours": [dict(b) for b in v.behaviours]}
            for v in core_values]


def person(conn: psycopg.Connection, period_id: str, nip: str) -> dict:
    """The employee and their appraising official (404 unknown_employee, unknown_period)."""
    row = conn.execute(_PERSON, (period_id, nip)).fetchone()
    if row is None:
        raise NotFound("unknown_employee", f"no employee with NIP {nip}")
    if not row.pop("period_known"):
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    return row


def notes(conn: psycopg.Connection, principal: Principal, period_id: str, nip: str,
          rules: BehaviourRules) -> dict:
    """The notes on ``nip`` in the period, newest observation first: for the appraising
    official, HR and auditors, and the employee when the agency shares them."""
    found = person(conn, period_id, nip)
    if principal.nip == nip and not rules.employee_sees_notes:
        raise Forbidden("notes_not_shared", "the agency does not show employees these notes")
    if not principal.has_any((HR_ADMIN, AUDITOR)) and principal.nip not in (
            nip, found["official_nip"]):
        raise Forbidden("not_allowed_to_read", f"you may not read the notes on {nip}")
    return {**found, "period_id": period_id,
            "notes": conn.execute(_NOTES, (period_id, nip)).fetchall()}
