"""The port the training handlers load their state through, and its PostgreSQL adapter.

The adapter reads the projection tables in the caller's transaction; it loads facts and leaves
every rule to the domain (what is open, what counts as planned JP, the room under the cap).
``memory.py`` is the in-memory adapter of the same port.
"""
from __future__ import annotations

from typing import Protocol

import psycopg

from services.training.domain import Planned, Programme
from services.training.domain_reactions import Situation
from services.training.domain_tracking import Assignment, Report
from services.training.store_batch import BatchSituations
from shared.batchview import BatchView


class Store(Protocol):
    """What the training handlers and reactors read (``lock``: FOR UPDATE until the commit)."""

    def situation(self, nip: str, period_id: str, competencies: list[str]) -> Situation:
        """The period's year, the employee's assignments and opportunities, programmes that fit."""
    def blind_spot_assignments(self, nip: str, competency: str, period_id: str,
                               comparison: int) -> list[Assignment]:
        """The assignments recommended for one comparison's blind spot in a competency."""
    def assignment(self, assignment_id: str, lock: bool = False) -> Assignment | None:
        """One assignment, or None."""
    def assignments_of(self, nip: str, programme_code: str) -> list[Assignment]:
        """An employee's assignments to one programme, in the order they were made."""
    def report(self, report_id: str, lock: bool = False) -> Report | None:
        """One completion report, or None."""
    def programme(self, code: str) -> Programme | None:
        """One programme of the catalogue (active or retired), or None."""
    def programme_states(self, codes: list[str] | None = None) -> dict[str, dict]:
        """The catalogue's programmes as defined, by code; those of ``codes`` only, unless None."""
    def opportunity(self, nip: str, period_id: str, competency: str,
                    lock: bool = False) -> dict | None:
        """One development opportunity (its status and version), or None."""
    def employee(self, nip: str) -> dict | None:
        """An employee as the assessment service published them (reporting line included)."""


# One round trip for everything a decision on one assessment needs.
_SITUATION = (
    "SELECT (SELECT year FROM periods WHERE period_id = %(period)s) AS period_year,"
    " (SELECT coalesce(json_agg(json_build_array(competency, jp, year, status)), '[]')"
    "  FROM assignments WHERE nip = %(nip)s) AS assignments,"
    " (SELECT coalesce(array_agg(competency), '{}') FROM opportunities WHERE nip = %(nip)s"
    "  AND period_id = %(period)s) AS seen,"
    " (SELECT coalesce(json_agg(json_build_array(code, kind, jp, competencies, level_min,"
    "  level_max, form)), '[]') FROM programmes WHERE status = 'active'"
    "  AND competencies && %(competencies)s::text[]) AS programmes")
_ASSIGNMENT = (
    "SELECT a.assignment_id, a.nip, a.programme_code, a.competency, a.jp, a.year, a.status,"
    " a.version, a.reason_kind, a.period_id, a.comparison, EXISTS (SELECT 1 FROM"
    " completion_reports r WHERE r.assignment_id = a.assignment_id AND r.status = 'pending')"
    " AS pending_report FROM assignments a")
_REPORT = ("SELECT report_id, nip, programme_code, assignment_id, completed_on, jp,"
           " certificate_number, status, version FROM completion_reports WHERE report_id = %s")
_STATE = ("SELECT code, title, form, kind, jp, competencies, level_min, level_max, provider,"
          " status, revision FROM programmes")


class PgStore:
    """The PostgreSQL adapter, on the caller's connection (rows as dicts)."""

    def __init__(self, conn: psycopg.Connection, batch: BatchView | None = None) -> None:
        self.conn = conn
        self.batch = BatchSituations(conn, batch) if batch is not None else None

    def situation(self, nip: str, period_id: str, competencies: list[str]) -> Situation:
        """The period's year, the employee's assignments, the period's opportunities, and the
        active programmes for ``competencies``: one round trip, or one for the whole batch."""
        if self.batch is not None:
            return self.batch.situation(nip, period_id, competencies)
        row = self.conn.execute(_SITUATION, {"period": period_id, "nip": nip,
                                             "competencies": competencies}).fetchone()
        return Situation(period_id, row["period_year"],
                         tuple(Planned(*a) for a in row["assignments"]), frozenset(row["seen"]),
                         tuple(Programme(code, kind, jp, tuple(comps), lo, hi, form)
                               for code, kind, jp, comps, lo, hi, form in row["programmes"]))

    def blind_spot_assignments(self, nip: str, competency: str, period_id: str,
                               comparison: int) -> list[Assignment]:
        """The assignments recommended for one comparison's blind spot in a competency."""
        rows = self.conn.execute(
            f"{_ASSIGNMENT} WHERE a.nip = %s AND a.competency = %s AND a.reason_kind = 'blind_spot'"
            " AND a.period_id = %s AND a.comparison = %s ORDER BY a.assignment_id",
            (nip, competency, period_id, comparison)).fetchall()
        return [Assignment(**r) for r in rows]

    def assignment(self, assignment_id: str, lock: bool = False) -> Assignment | None:
        """One assignment, or None."""
        row = self.conn.execute(f"{_ASSIGNMENT} WHERE a.assignment_id = %s"
                                + (" FOR UPDATE OF a" if lock else ""), (assignment_id,)).fetchone()
        return Assignment(**row) if row else None

    def assignments_of(self, nip: str, programme_code: str) -> list[Assignment]:
        """An employee's assignments to one programme, in the order they were made."""
        rows = self.conn.execute(f"{_ASSIGNMENT} WHERE a.nip = %s AND a.programme_code = %s"
                                 " ORDER BY a.assigned_at, a.assignment_id",
                                 (nip, programme_code)).fetchall()
        return [Assignment(**r) for r in rows]

    def report(self, report_id: str, lock: bool = False) -> Report | None:
        """One completion report, or None."""
        row = self.conn.execute(_REPORT + (" FOR UPDATE" if lock else ""), (report_id,)).fetchone()
        return Report(**row) if row else None

    def programme(self, code: str) -> Programme | None:
        """One programme of the catalogue (active or retired), or None."""
        row = self.conn.execute("SELECT code, kind, jp, competencies, level_min, level_max, form,"
                                " status FROM programmes WHERE code = %s", (code,)).fetchone()
        return Programme(**{**row, "competencies": tuple(row["competencies"])}) if row else None

    def programme_states(self, codes: list[str] | None = None) -> dict[str, dict]:
        """The catalogue's programmes as defined (their fields, status and revision), by code;
        those of ``codes`` only, unless None."""
        rows = (self.conn.execute(_STATE) if codes is None else
                self.conn.execute(f"{_STATE} WHERE code = ANY(%s)", (codes,)))
        return {r["code"]: r for r in rows.fetchall()}

    def opportunity(self, nip: str, period_id: str, competency: str,
                    lock: bool = False) -> dict | None:
        """One development opportunity (its status and version), or None."""
        return self.conn.execute(
            "SELECT nip, period_id, competency, status, version FROM opportunities"
            " WHERE nip = %s AND period_id = %s AND competency = %s"
            + (" FOR UPDATE" if lock else ""), (nip, period_id, competency)).fetchone()

    def employee(self, nip: str) -> dict | None:
        """An employee as the assessment service published them (reporting line included)."""
        return self.conn.execute("SELECT nip, name, unit_code, supervisor_nip FROM employees"
                                 " WHERE nip = %s", (nip,)).fetchone()
