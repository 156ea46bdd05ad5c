"""The port the assessment service's commands load through, and its PostgreSQL adapter.

Each load answers one command's question in one round trip (a submission's whole situation in
one query, with the period share-locked). ``memory.py`` is the in-memory adapter.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Protocol

import psycopg
from psycopg.types.json import Jsonb

from services.assessment.domain import AssessmentState, fold
from services.assessment.domain_assessing import AssessmentForm, Assessee, Situation
from services.assessment.domain_organisation import Employee, Placement
from services.assessment.store_annual import AnnualPort, PgAnnualStore
from services.assessment.store_behaviour import BehaviourPort, PgBehaviourStore
from services.assessment.store_calibration import CalibrationPort, PgCalibrationStore
from services.assessment.store_curve import CurvePort, PgCurveStore
from services.assessment.store_objection import ObjectionPort, PgObjectionStore
from services.assessment.store_plan import PgPlanStore, PlanPort


@dataclass
class Known:
    """What the registry holds, loaded once for a whole import: units (code -> parent), positions
    (code -> job level) and employees (NIP -> their state and version, as a dict)."""

    units: dict = field(default_factory=dict)
    positions: dict = field(default_factory=dict)
    employees: dict = field(default_factory=dict)


class AssessmentStore(CurvePort, CalibrationPort, ObjectionPort, AnnualPort, BehaviourPort,
                      PlanPort, Protocol):
    """What the assessment service's commands load and the drafts they keep (drafts are no events)."""

    def situation(self, period_id: str, nip: str, role: str) -> Situation:
        """The employee, their standard, the period and the assessment's state (one round trip)."""
    def assessment_state(self, period_id: str, nip: str, role: str) -> AssessmentState:
        """The assessment's state, folded from its own event stream."""
    def save_draft(self, form: AssessmentForm) -> None:
        """Keep (or replace) the assessor's unfinished ratings."""
    def discard_draft(self, period_id: str, nip: str, role: str) -> None:
        """Forget the draft of a submitted assessment."""
    def competency(self, code: str) -> tuple[str, int] | None:
        """The competency's kind and revision, if the dictionary has it."""
    def competency_codes(self) -> set[str]:
        """Every code in the dictionary."""
    def core_competencies(self) -> list[str]:
        """The managerial and socio-cultural competencies, by code."""
    def unit_facts(self, code: str, parent_code: str | None) -> tuple[bool, bool]:
        """Whether the unit, and its parent, are registered."""
    def standard_facts(self, code: str, competencies: list[str]) -> tuple[set[str], int]:
        """Which of ``competencies`` the dictionary has, and the position's revision (0: new)."""
    def employee(self, nip: str) -> Employee | None:
        """The employee's registered state and stream version, or None."""
    def placement(self, state: dict) -> Placement:
        """What the registry holds of the position, unit and supervisor ``state`` names."""
    def period_status(self, period_id: str, *, for_update: bool = False) -> str | None:
        """The period's status; ``for_update`` locks it (closing waits for submissions)."""
    def known(self) -> Known:
        """Units, positions and employees, for an import's checks."""


def stream_id(period_id: str, nip: str, role: str) -> str:
    """The event stream of one assessment."""
    return f"assessment-{period_id}-{nip}-{role}"


# Everything a draft or a submission decides on, in one round trip (the plan's proposed hasil
# kerja rating too: a supervisor's submission is checked against it). The period row is
# share-locked so that closing the period waits for submissions in flight.
_SITUATION = """
SELECT e.nip, e.position_code, e.unit_code, e.supervisor_nip, p.job_level, p.standard,
       pr.status AS period_status,
       ARRAY(SELECT type FROM events WHERE stream_id = %(stream)s ORDER BY version) AS history,
       EXISTS(SELECT 1 FROM assessment_drafts d WHERE d.period_id = %(period)s
                 AND d.nip = %(nip)s AND d.role = %(role)s) AS has_draft,
       (SELECT work_result_proposed FROM plans WHERE period_id = %(period)s
           AND nip = %(nip)s) AS work_result_proposal
  FROM employees e
  JOIN positions p ON p.code = e.position_code
  JOIN periods pr ON pr.period_id = %(period)s
 WHERE e.nip = %(nip)s
   FOR KEY SHARE OF pr"""

# Where an employee would be placed, in one round trip: the position, unit and supervisor known,
# and the chain of supervisors above the supervisor (nearest first).
_PLACEMENT = """
SELECT EXISTS(SELECT 1 FROM positions WHERE code = %(position)s) AS position_known,
       EXISTS(SELECT 1 FROM units WHERE code = %(unit)s) AS unit_known,
       EXISTS(SELECT 1 FROM employees WHERE nip = %(boss)s) AS supervisor_known,
       ARRAY(WITH RECURSIVE chain (nip, depth) AS (SELECT %(boss)s::text, 0 UNION ALL
               SELECT e.supervisor_nip, c.depth + 1 FROM employees e JOIN chain c ON e.nip = c.nip
                WHERE e.supervisor_nip IS NOT NULL AND c.depth < 10000)
             SELECT nip FROM chain WHERE nip IS NOT NULL ORDER BY depth) AS chain"""

_EMPLOYEE = "SELECT nip, name, position_code, unit_code, supervisor_nip, version FROM employees"


class PgStore(PgCurveStore, PgCalibrationStore, PgObjectionStore, PgAnnualStore,
              PgBehaviourStore, PgPlanStore):
    """The PostgreSQL adapter: the projections and the event table, in the caller's transaction."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def _one(self, sql: str, params) -> dict | None:
        return self.conn.execute(sql, params).fetchone()

    def situation(self, period_id: str, nip: str, role: str) -> Situation:
        """The employee, their standard, the period and the assessment's state (one query)."""
        found = self._one(_SITUATION, {"stream": stream_id(period_id, nip, role),
                                       "period": period_id, "nip": nip, "role": role})
        if found is None:  # the employee or the period is unknown: which one, for the refusal
            person = self.employee(nip)
            return Situation(person and Assessee(nip, person.supervisor_nip),
                             person and self.period_status(period_id))
        standard = {r["competency"]: r["required_level"] for r in found["standard"]}
        return Situation(Assessee(nip, found["supervisor_nip"], found["position_code"],
                                  found["unit_code"], found["job_level"], standard),
                         found["period_status"], fold(found["history"]), found["has_draft"],
                         found["work_result_proposal"])

    def assessment_state(self, period_id: str, nip: str, role: str) -> AssessmentState:
        """The assessment's state, folded from its own event stream."""
        rows = self.conn.execute("SELECT type FROM events WHERE stream_id = %s ORDER BY version",
                                 (stream_id(period_id, nip, role),))
        return fold(r["type"] for r in rows)

    def save_draft(self, form: AssessmentForm) -> None:
        """Keep (or replace) the assessor's unfinished ratings."""
        self.conn.execute(
            "INSERT INTO assessment_drafts (period_id, nip, role, assessor_nip, ratings,"
            " work_result, work_behaviour) VALUES (%s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (period_id, nip, role) DO UPDATE SET assessor_nip = EXCLUDED.assessor_nip,"
            " ratings = EXCLUDED.ratings, work_result = EXCLUDED.work_result,"
            " work_behaviour = EXCLUDED.work_behaviour, saved_at = now()",
            (form.period_id, form.nip, form.role, form.assessor_nip,
             Jsonb([asdict(r) for r in form.ratings]), form.work_result, form.work_behaviour))

    def discard_draft(self, period_id: str, nip: str, role: str) -> None:
        """Forget the draft of a submitted assessment."""
        self.conn.execute("DELETE FROM assessment_drafts WHERE period_id = %s AND nip = %s"
                          " AND role = %s", (period_id, nip, role))

    def competency(self, code: str) -> tuple[str, int] | None:
        """The competency's kind and revision, if the dictionary has it."""
        row = self._one("SELECT kind, revision FROM competencies WHERE code = %s", (code,))
        return (row["kind"], row["revision"]) if row else None

    def competency_codes(self) -> set[str]:
        """Every code in the dictionary."""
        return {r["code"] for r in self.conn.execute("SELECT code FROM competencies")}

    def core_competencies(self) -> list[str]:
        """The managerial and socio-cultural competencies, by code."""
        rows = self.conn.execute("SELECT code FROM competencies WHERE kind <> 'technical'"
                                 " ORDER BY code")
        return [r["code"] for r in rows]

    def unit_facts(self, code: str, parent_code: str | None) -> tuple[bool, bool]:
        """Whether the unit, and its parent, are registered."""
        row = self._one("SELECT EXISTS(SELECT 1 FROM units WHERE code = %s) AS unit,"
                        " EXISTS(SELECT 1 FROM units WHERE code = %s) AS parent",
                        (code, parent_code))
        return row["unit"], row["parent"]

    def standard_facts(self, code: str, competencies: list[str]) -> tuple[set[str], int]:
        """Which of ``competencies`` the dictionary has, and the position's revision (0: new)."""
        row = self._one("SELECT ARRAY(SELECT code FROM competencies WHERE code = ANY(%s)) AS known,"
                        " (SELECT revision FROM positions WHERE code = %s) AS revision",
                        (competencies, code))
        return set(row["known"]), row["revision"] or 0

    def employee(self, nip: str) -> Employee | None:
        """The employee's registered state and stream version."""
        row = self._one(f"{_EMPLOYEE} WHERE nip = %s", (nip,))
        return Employee(**row) if row else None

    def placement(self, state: dict) -> Placement:
        """What the registry holds of the position, unit and supervisor ``state`` names."""
        row = self._one(_PLACEMENT, {"position": state["position_code"],
                                     "unit": state["unit_code"], "boss": state["supervisor_nip"]})
        return Placement(row["position_known"], row["unit_known"], row["supervisor_known"],
                         tuple(row["chain"]))

    def period_status(self, period_id: str, *, for_update: bool = False) -> str | None:
        """The period's status; ``for_update`` locks it (closing waits for submissions)."""
        lock = " FOR UPDATE" if for_update else ""
        row = self._one(f"SELECT status FROM periods WHERE period_id = %s{lock}", (period_id,))
        return row["status"] if row else None

    def known(self) -> Known:
        """Units, positions and employees, for an import's checks."""
        return Known({r["code"]: r["parent_code"]
                      for r in self.conn.execute("SELECT code, parent_code FROM units")},
                     {r["code"]: r["job_level"]
                      for r in self.conn.execute("SELECT code, job_level FROM positions")},
                     {r["nip"]: r for r in self.conn.execute(_EMPLOYEE)})
