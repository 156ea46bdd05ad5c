"""The comparison states of a whole consumer batch, loaded in one query (the runner's fast path).

On the consumer's fast path (shared/batchview.py) the first comparison of a batch loads the state
of every employee whose assessment comes later in the batch as well. Such a state is loaded before
that assessment's handler has stored it, so when its turn comes the submission is laid over it as
the handler's upsert does (``handlers.submission_row``); the state so made is kept for the
employee's next assessment in the batch. A state is read again from the database when anything
else happened to the employee since it was loaded or last used: another consumed event about
them whose handler changes what a state reads (a reopening, a resubmission: ``CHANGES``; a
registration does not), or an event the feedback service recorded about them (a comparison).
A reload reads what the batch's kept events wrote: the view applies them first
(shared/batchview.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import psycopg

from services.feedback.handlers import submission_row
from shared.batchview import BatchView

SUBMITTED = "assessment.AssessmentSubmitted.v1"
# the consumed types whose handlers write what a state reads (``submissions``)
CHANGES = (SUBMITTED, "assessment.AssessmentReopened.v1")
# ``status || ''``: an employee's open discrepancies are found by the primary key (period, nip).
# Written ``status = 'open'``, the condition matches the partial index discrepancies_open
# (period, unit), and while the table has no statistics yet (a period's first minutes, before
# autovacuum's first ANALYZE) the planner took that index and filtered the whole period's open
# discrepancies for every employee: 5.4 s for 2,000 employees at 9,726 open discrepancies,
# 0.19 s by the key (EXPLAIN ANALYZE during the 100,000 run of 2026-12-06, 17:45 UTC).
_STATES = """
SELECT k.period_id, k.nip,
       ARRAY(SELECT row_to_json(s) FROM submissions s WHERE s.period_id = k.period_id
              AND s.nip = k.nip) AS rows,
       (SELECT coalesce(max(version), 0) FROM events WHERE stream_id = k.stream) AS version,
       (SELECT row_to_json(c) FROM (SELECT comparison, self_submission, supervisor_submission
          FROM comparisons c WHERE c.period_id = k.period_id AND c.nip = k.nip
         ORDER BY comparison DESC LIMIT 1) c) AS latest,
       ARRAY(SELECT competency FROM discrepancies d WHERE d.period_id = k.period_id
              AND d.nip = k.nip AND status || '' = 'open' ORDER BY competency) AS open_discrepancies,
       (SELECT dialogue_id FROM dialogues d WHERE d.period_id = k.period_id AND d.nip = k.nip
           AND status NOT IN ('acknowledged', 'superseded')
         ORDER BY comparison DESC LIMIT 1) AS open_dialogue
  FROM unnest(%s::text[], %s::text[], %s::text[]) AS k(period_id, nip, stream)"""


@dataclass
class Loaded:
    """One employee's state as loaded (``rows``: role -> submissions row, either status), with
    how many consumed events about them that change it were handled and events recorded about
    them by then."""

    rows: dict[str, dict]
    fields: dict
    changes: int
    written: int


class BatchStates:
    """Comparison states for one batch's employees, keyed (period_id, nip)."""

    def __init__(self, conn: psycopg.Connection, batch: BatchView, stream) -> None:
        self.conn, self.batch, self.stream = conn, batch, stream
        self.loaded: dict = batch.memo.setdefault("feedback.states", {})

    def rows(self, period_id: str, nip: str) -> tuple[dict[str, dict], dict]:
        """The employee's submissions rows by role and the rest of the state, as they stand
        after the assessment being decided was stored."""
        key, event = (period_id, nip), self.batch.current
        found = self.loaded.get(key)
        ours = (event is not None and event.type == SUBMITTED
                and (event.data["period_id"], event.data["nip"]) == key)
        if ours and found is not None and self._only_this_since(found, nip):
            _lay_over(found.rows, submission_row(event.data))
        else:  # loaded after this event's handler: nothing to lay over
            self._load({key} | (self._ahead() - self.loaded.keys()))
            found = self.loaded[key]
        found.changes, found.written = self._changes(nip), self.batch.written[nip]
        return found.rows, found.fields

    def _only_this_since(self, found: Loaded, nip: str) -> bool:
        return (self._changes(nip) == found.changes + 1
                and self.batch.written[nip] == found.written)

    def _changes(self, nip: str) -> int:
        return sum(self.batch.handled[(nip, ce_type)] for ce_type in CHANGES)

    def _ahead(self) -> set[tuple[str, str]]:
        return {(e.data["period_id"], e.data["nip"]) for e in self.batch.upcoming()
                if e.type == SUBMITTED}

    def _load(self, keys: set[tuple[str, str]]) -> None:
        periods, nips = zip(*keys)
        streams = [self.stream(period, nip) for period, nip in keys]
        for row in self.conn.execute(_STATES, (list(periods), list(nips), streams)).fetchall():
            # Counted as things stand now: a later assessment is the one event more at its turn.
            self.loaded[(row["period_id"], row["nip"])] = Loaded(
                {r["role"]: r for r in row["rows"]},
                {name: row[name] for name in ("version", "latest", "open_discrepancies",
                                              "open_dialogue")},
                self._changes(row["nip"]), self.batch.written[row["nip"]])


def _lay_over(rows: dict[str, dict], new: dict) -> None:
    """What the handler's upsert did: a later submission of a side replaces the standing one."""
    standing = rows.get(new["role"])
    if standing is None or standing["submission"] < new["submission"]:
        rows[new["role"]] = {**new, "status": "submitted"}
