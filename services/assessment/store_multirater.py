"""What peer and subordinate input's commands load (the port's part), and its PostgreSQL adapter:
the employee, the period, the invitee and their invitation so far, in one query."""
from __future__ import annotations

from typing import Protocol

from services.assessment.domain_behaviour import NoteState
from services.assessment.domain_multirater import InputState, Person

_PERSON = ("SELECT e.nip, e.unit_code, p.job_level, e.supervisor_nip FROM employees e"
           " JOIN positions p ON p.code = e.position_code WHERE e.nip = {}")
_INPUT = f"""
SELECT (SELECT row_to_json(x) FROM ({_PERSON.format("%(n)s")}) x) AS employee,
       (SELECT row_to_json(x) FROM ({_PERSON.format("%(i)s")}) x) AS invitee,
       pr.status, pr.starts_on, i.relation, i.answers,
       (SELECT COALESCE(max(version), 0) FROM events WHERE stream_id = %(s)s) AS version
  FROM (SELECT 1) AS one
  LEFT JOIN periods pr ON pr.period_id = %(p)s
  LEFT JOIN behaviour_invitations i ON i.period_id = %(p)s AND i.nip = %(n)s
        AND i.invitee_nip = %(i)s"""


def input_stream(period_id: str, nip: str) -> str:
    """The event stream of the peer and subordinate input on an employee in a period."""
    return f"behaviour-input-{period_id}-{nip}"


def person(row: dict | None) -> Person | None:
    """A loaded employee as the domain sees them."""
    return Person(**row) if row else None


class MultiraterPort(Protocol):
    """Peer and subordinate input's loads."""

    def input_state(self, period_id: str, nip: str, invitee_nip: str) -> InputState:
        """What an invitation of, or an answer by, ``invitee_nip`` about ``nip`` decides on."""


class PgMultiraterStore:
    """Peer and subordinate input's loads on PostgreSQL (mixed into ``PgStore``)."""

    conn: object

    def input_state(self, period_id: str, nip: str, invitee_nip: str) -> InputState:
        """What an invitation of, or an answer by, ``invitee_nip`` about ``nip`` decides on."""
        row = self.conn.execute(_INPUT, {"p": period_id, "n": nip, "i": invitee_nip,
                                         "s": input_stream(period_id, nip)}).fetchone()
        employee = person(row["employee"])
        note = NoteState(employee is not None, employee and employee.supervisor_nip,
                         row["status"], row["starts_on"], row["version"])
        return InputState(note, employee, person(row["invitee"]), row["relation"],
                          tuple(row["answers"]) if row["answers"] is not None else None)
