"""What an objection's commands load (the port's part), and its PostgreSQL adapter: the result,
who gave it and their superior, when it was received, and the objection so far, in one query."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from services.assessment.domain_objection import ObjectionState

# The result received: the supervisor's assessment as last submitted or its predikat last changed
# (calibrated, changed on objection, or, on an annual one, confirmed by the official).
_OBJECTION = """
SELECT a.predikat, a.assessor_nip, o.supervisor_nip AS superior_nip,
       GREATEST(a.submitted_at, (SELECT max(c.changed_at) FROM predikat_changes c
                                  WHERE c.period_id = a.period_id AND c.nip = a.nip),
                (SELECT max(y.confirmed_at) FROM annual_predikats y
                  WHERE y.period_id = a.period_id AND y.nip = a.nip)) AS received_at,
       ob.status, ob.decide_by, ob.official_nip, ob.superior_nip AS filed_superior,
       COALESCE(ob.version, 0) AS version
  FROM (SELECT 1) AS one
  LEFT JOIN assessments a ON a.period_id = %(p)s AND a.nip = %(n)s AND a.role = 'supervisor'
        AND a.status = 'submitted' AND a.predikat IS NOT NULL
  LEFT JOIN employees o ON o.nip = a.assessor_nip
  LEFT JOIN objections ob ON ob.period_id = %(p)s AND ob.nip = %(n)s"""


def objection_stream(period_id: str, nip: str) -> str:
    """The event stream of an employee's objection in a period."""
    return f"objection-{period_id}-{nip}"


class ObjectionPort(Protocol):
    """An objection's loads."""

    def objection_state(self, period_id: str, nip: str) -> tuple[ObjectionState, datetime | None]:
        """The objection's state, and when the result was received (a moment; the command
        takes its date in the agency's time zone)."""


class PgObjectionStore:
    """An objection's loads on PostgreSQL (mixed into ``PgStore``, which holds ``conn``)."""

    conn: object

    def objection_state(self, period_id: str, nip: str) -> tuple[ObjectionState, datetime | None]:
        """The objection's state, and when the result was received."""
        row = self.conn.execute(_OBJECTION, {"p": period_id, "n": nip}).fetchone()
        filed = row["status"] is not None  # once filed, the people it names stay
        return ObjectionState(row["predikat"],
                              row["official_nip"] if filed else row["assessor_nip"],
                              row["filed_superior"] if filed else row["superior_nip"], None,
                              row["status"], row["decide_by"], row["version"]), row["received_at"]
