"""The feedback service's store port (what its reactor and commands load) and its PostgreSQL adapter.

The adapter reads the projections in the caller's transaction, one query per load, as the
handlers did before the port: the comparison's whole context in one round trip.
"""
from __future__ import annotations

from typing import Protocol

import psycopg

from services.feedback.domain import Submission
from services.feedback.domain_comparison import ComparisonState
from services.feedback.domain_dialogues import Dialogue, Employee, Note
from services.feedback.store_batch import BatchStates
from shared.batchview import BatchView


def comparison_stream(period_id: str, nip: str) -> str:
    """The stream of an employee's comparisons and discrepancies in a period."""
    return f"comparison-{period_id}-{nip}"


def dialogue_stream(dialogue_id: str) -> str:
    """The stream of one dialogue."""
    return f"dialogue-{dialogue_id}"


def note_stream(note_id: str) -> str:
    """The stream of one continuous-feedback note."""
    return f"note-{note_id}"


class Store(Protocol):
    """What the feedback reactor and commands decide on."""

    def comparison_state(self, period_id: str, nip: str) -> ComparisonState:
        """The standing submissions of both sides and what the last comparison left open."""

    def dialogue(self, dialogue_id: str) -> Dialogue | None:
        """A dialogue with the employee's current supervisor (locked until the commit)."""

    def employee(self, nip: str) -> Employee | None:
        """An employee and their current supervisor."""

    def knows_competency(self, code: str) -> bool:
        """Whether the competency dictionary has ``code``."""

    def note(self, note_id: str) -> Note | None:
        """A continuous-feedback note (locked until the commit)."""


# Everything the comparison decides on, in one round trip (``status || ''``: by the key, see store_batch.py).
_STATE = """
SELECT ARRAY(SELECT row_to_json(s) FROM submissions s WHERE s.period_id = %(period)s
              AND s.nip = %(nip)s AND s.status = 'submitted') AS sides,
       (SELECT coalesce(max(version), 0) FROM events WHERE stream_id = %(stream)s) AS version,
       (SELECT row_to_json(c) FROM (SELECT comparison, self_submission, supervisor_submission
          FROM comparisons WHERE period_id = %(period)s AND nip = %(nip)s
         ORDER BY comparison DESC LIMIT 1) c) AS latest,
       ARRAY(SELECT competency FROM discrepancies WHERE period_id = %(period)s AND nip = %(nip)s
              AND status || '' = 'open' ORDER BY competency) AS open_discrepancies,
       (SELECT dialogue_id FROM dialogues WHERE period_id = %(period)s AND nip = %(nip)s
           AND status NOT IN ('acknowledged', 'superseded')
         ORDER BY comparison DESC LIMIT 1) AS open_dialogue"""

# The dialogue with its current holder: the employee's supervisor now, not at the assessment.
_DIALOGUE = """
SELECT d.dialogue_id, d.nip, d.status, d.version, e.supervisor_nip AS current_supervisor,
       ARRAY(SELECT (x->>'item')::int FROM jsonb_array_elements(d.agenda) x) AS items
  FROM dialogues d LEFT JOIN employees e ON e.nip = d.nip
 WHERE d.dialogue_id = %s
   FOR UPDATE OF d"""


def _submission(row: dict) -> Submission:
    return Submission(row["submission"], row["assessor_nip"], row["levels"], row["required"],
                      {"work_result": row["work_result"], "work_behaviour": row["work_behaviour"]},
                      row["unit_code"], row["position_code"])


class PgStore:
    """The PostgreSQL adapter: the projections, in the caller's transaction."""

    def __init__(self, conn: psycopg.Connection, batch: BatchView | None = None) -> None:
        self.conn, self.batch = conn, batch
        self.states = BatchStates(conn, batch, comparison_stream) if batch is not None else None

    def comparison_state(self, period_id: str, nip: str) -> ComparisonState:
        """The standing submissions of both sides and what the last comparison left open: one
        round trip, or one for the whole batch."""
        stream = comparison_stream(period_id, nip)
        if self.states is not None:
            rows, row = self.states.rows(period_id, nip)
            sides = [side for side in rows.values() if side["status"] == "submitted"]
        else:
            row = self.conn.execute(_STATE, {"stream": stream, "period": period_id,
                                             "nip": nip}).fetchone()
            sides = row["sides"]
        latest = row["latest"]
        return ComparisonState(
            sides={side["role"]: _submission(side) for side in sides},
            latest=(latest["comparison"], latest["self_submission"],
                    latest["supervisor_submission"]) if latest else None,
            open_discrepancies=tuple(row["open_discrepancies"]),
            open_dialogue=row["open_dialogue"],
            # Events the batch keeps to write behind are not in the table yet.
            version=max(row["version"], self.batch.versions.get(stream, 0) if self.batch else 0))

    def dialogue(self, dialogue_id: str) -> Dialogue | None:
        """A dialogue with the employee's current supervisor (locked until the commit)."""
        row = self.conn.execute(_DIALOGUE, (dialogue_id,)).fetchone()
        return None if row is None else Dialogue(
            row["dialogue_id"], row["nip"], row["status"], row["version"],
            frozenset(row["items"]), row["current_supervisor"])

    def employee(self, nip: str) -> Employee | None:
        """An employee and their current supervisor."""
        row = self.conn.execute("SELECT nip, supervisor_nip FROM employees WHERE nip = %s"
                                " FOR KEY SHARE", (nip,)).fetchone()
        return None if row is None else Employee(row["nip"], row["supervisor_nip"])

    def knows_competency(self, code: str) -> bool:
        """Whether the competency dictionary has ``code``."""
        return self.conn.execute("SELECT 1 FROM competencies WHERE code = %s",
                                 (code,)).fetchone() is not None

    def note(self, note_id: str) -> Note | None:
        """A continuous-feedback note (locked until the commit)."""
        row = self.conn.execute("SELECT note_id, nip, version, acknowledged_at FROM notes"
                                " WHERE note_id = %s FOR UPDATE", (note_id,)).fetchone()
        return None if row is None else Note(row["note_id"], row["nip"], row["version"],
                                             row["acknowledged_at"] is not None)
