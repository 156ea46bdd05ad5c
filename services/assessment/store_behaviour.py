"""What work behaviour's commands load (the port's part), and its PostgreSQL adapter: the
employee, their appraising official, the period and the behaviour stream's version, one query."""
from __future__ import annotations

from typing import Protocol

from services.assessment.domain_behaviour import NoteState
from services.assessment.store_multirater import MultiraterPort, PgMultiraterStore

_NOTE = """
SELECT (SELECT e.supervisor_nip FROM employees e WHERE e.nip = %(n)s) AS official_nip,
       EXISTS(SELECT 1 FROM employees e WHERE e.nip = %(n)s) AS known,
       p.status, p.starts_on,
       (SELECT COALESCE(max(version), 0) FROM events WHERE stream_id = %(s)s) AS version
  FROM (SELECT 1) AS one LEFT JOIN periods p ON p.period_id = %(p)s"""


def behaviour_stream(period_id: str, nip: str) -> str:
    """The event stream of the notes on an employee's behaviour in a period."""
    return f"behaviour-{period_id}-{nip}"


class BehaviourPort(MultiraterPort, Protocol):
    """Work behaviour's loads."""

    def note_state(self, period_id: str, nip: str) -> NoteState:
        """What a note on ``nip``'s behaviour in the period decides on."""


class PgBehaviourStore(PgMultiraterStore):
    """Work behaviour's loads on PostgreSQL (mixed into ``PgStore``, which holds ``conn``)."""

    conn: object

    def note_state(self, period_id: str, nip: str) -> NoteState:
        """What a note on ``nip``'s behaviour in the period decides on."""
        row = self.conn.execute(_NOTE, {"p": period_id, "n": nip,
                                        "s": behaviour_stream(period_id, nip)}).fetchone()
        return NoteState(row["known"], row["official_nip"], row["status"], row["starts_on"],
                         row["version"])
