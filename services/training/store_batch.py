"""The situations of a whole consumer batch, loaded in one query (the fast path of the runner).

On the consumer's fast path (shared/batchview.py) the first decision that needs an employee's
situation loads it for every later event of the batch that will need one as well: one query for
the period years, assignments and opportunities of all those employees, one per batch for the
active programmes. Each loaded situation is used once; one is loaded again when the training
service has recorded an event about that employee since (its planned JP or opportunities changed),
or when its period was not opened yet (it may be opened later in the batch).
"""
from __future__ import annotations

from dataclasses import replace

import psycopg

from services.training.domain import Planned, Programme
from services.training.domain_reactions import Situation, is_blind_spot, is_supervisors
from shared.batchview import BatchView

# The events whose reactor reads a situation (services/training/reactors.py), and when it does.
NEEDS_SITUATION = {"assessment.AssessmentSubmitted.v1": is_supervisors,
                   "feedback.RatingDiscrepancyDetected.v1": is_blind_spot}
_SITUATIONS = (
    "SELECT k.nip, k.period_id, (SELECT year FROM periods p WHERE p.period_id = k.period_id)"
    " AS period_year, (SELECT coalesce(json_agg(json_build_array(competency, jp, year, status)),"
    " '[]') FROM assignments a WHERE a.nip = k.nip) AS assignments,"
    " (SELECT coalesce(array_agg(competency), '{}') FROM opportunities o WHERE o.nip = k.nip"
    " AND o.period_id = k.period_id) AS seen"
    " FROM unnest(%s::text[], %s::text[]) AS k(nip, period_id)")
_PROGRAMMES = ("SELECT code, kind, jp, competencies, level_min, level_max, form FROM programmes"
               " WHERE status = 'active'")


class BatchSituations:
    """Situations for one batch's employees, keyed (nip, period_id), each with the number of
    events recorded about the employee when it was loaded."""

    def __init__(self, conn: psycopg.Connection, batch: BatchView) -> None:
        self.conn, self.batch = conn, batch
        self.loaded: dict = batch.memo.setdefault("training.situations", {})

    def situation(self, nip: str, period_id: str, competencies: list[str]) -> Situation:
        """The employee's situation, with the programmes for ``competencies``."""
        key = (nip, period_id)
        found = self.loaded.pop(key, None)
        if found is None or found[1] != self.batch.written[nip] or found[0].period_year is None:
            self._load({key} | (self._ahead() - self.loaded.keys()))
            found = self.loaded.pop(key)
        wanted = set(competencies)
        return replace(found[0], programmes=tuple(
            p for p in self._programmes() if wanted.intersection(p.competencies)))

    def _ahead(self) -> set[tuple[str, str]]:
        return {(e.data["nip"], e.data["period_id"]) for e in self.batch.upcoming()
                if e.type in NEEDS_SITUATION and NEEDS_SITUATION[e.type](e.data)}

    def _load(self, keys: set[tuple[str, str]]) -> None:
        nips, periods = zip(*keys)
        for row in self.conn.execute(_SITUATIONS, (list(nips), list(periods))).fetchall():
            now = Situation(row["period_id"], row["period_year"],
                            tuple(Planned(*a) for a in row["assignments"]),
                            frozenset(row["seen"]), ())
            self.loaded[(row["nip"], row["period_id"])] = (now, self.batch.written[row["nip"]])

    def _programmes(self) -> tuple[Programme, ...]:
        if "training.programmes" not in self.batch.memo:
            self.batch.memo["training.programmes"] = tuple(
                Programme(r["code"], r["kind"], r["jp"], tuple(r["competencies"]), r["level_min"],
                          r["level_max"], r["form"])
                for r in self.conn.execute(_PROGRAMMES).fetchall())
        return self.batch.memo["training.programmes"]
