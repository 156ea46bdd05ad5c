"""The in-memory adapter of the assessment store: dicts fed by the service's own events.

``MemoryStore.apply`` is what the projectors are to the PostgreSQL tables; hand it to a
``MemoryRecorder`` as ``project`` and the store answers what the commands load, as ``PgStore`` does.
"""
from __future__ import annotations

from dataclasses import asdict

from services.assessment.contract import EMPLOYEE_FIELDS
from services.assessment.domain import AssessmentState, fold
from services.assessment.domain_assessing import AssessmentForm, Assessee, Situation
from services.assessment.domain_organisation import Employee, Placement
from services.assessment.memory_annual import MemoryAnnualStore
from services.assessment.memory_behaviour import MemoryBehaviourStore
from services.assessment.memory_calibration import MemoryCalibrationStore
from services.assessment.memory_curve import MemoryCurveStore
from services.assessment.memory_objection import MemoryObjectionStore
from services.assessment.memory_plan import MemoryPlanStore
from services.assessment.store import Known
from shared.envelope import Event

MAX_CHAIN = 10_000  # as the PostgreSQL adapter's recursive query


class MemoryStore(MemoryCurveStore, MemoryCalibrationStore, MemoryObjectionStore,
                  MemoryAnnualStore, MemoryBehaviourStore, MemoryPlanStore):
    """Competencies, units, positions, employees, periods, assessment histories and drafts (and,
    from the mixins, the units' curves and calibration)."""

    def __init__(self) -> None:
        MemoryCurveStore.__init__(self)
        MemoryCalibrationStore.__init__(self)
        MemoryObjectionStore.__init__(self)
        MemoryAnnualStore.__init__(self)
        MemoryBehaviourStore.__init__(self)
        MemoryPlanStore.__init__(self)
        self.competencies: dict[str, tuple[str, int]] = {}  # code -> (kind, revision)
        self.units: dict[str, str | None] = {}  # code -> parent code
        self.positions: dict[str, dict] = {}  # code -> {job_level, standard, revision}
        self.employees: dict[str, Employee] = {}
        self.periods: dict[str, str] = {}  # period id -> status
        self.histories: dict[tuple[str, str, str], list[str]] = {}  # (period, nip, role) -> types
        self.drafts: dict[tuple[str, str, str], AssessmentForm] = {}

    def apply(self, event: Event) -> None:
        """Apply one of the service's own events (the in-memory projector)."""
        d, kind = event.data, event.type.split(".")[1]
        if kind == "CompetencyDefined":
            self.competencies[d["code"]] = (d["kind"], event.version)
        elif kind == "UnitRegistered":
            self.units[d["code"]] = d["parent_code"]
        elif kind == "CompetencyStandardSet":
            self.positions[d["position_code"]] = {"job_level": d["job_level"], "revision": event.version,
                                                  "standard": d["standard"]}
        elif kind in ("EmployeeRegistered", "EmployeeUpdated"):
            self.employees[d["nip"]] = Employee(d["nip"], *(d[f] for f in EMPLOYEE_FIELDS),
                                                version=event.version)
        elif kind == "AppraisalPeriodOpened":
            self.periods[d["period_id"]] = "open"
        elif kind == "AppraisalPeriodClosed":
            self.periods[d["period_id"]] = "closed"
        elif kind in ("AssessmentSubmitted", "AssessmentReopened"):
            self.histories.setdefault((d["period_id"], d["nip"], d["role"]), []).append(event.type)
        self.apply_curve(event)
        self.apply_calibration(event)
        self.apply_objection(event)
        self.apply_annual(event)
        self.apply_behaviour(event)
        self.apply_plan(event)

    def situation(self, period_id: str, nip: str, role: str) -> Situation:
        """The employee, their standard, the period and the assessment's state."""
        person = self.employees.get(nip)
        if person is None or period_id not in self.periods:
            return Situation(person and Assessee(nip, person.supervisor_nip),
                             person and self.periods.get(period_id))
        position = self.positions[person.position_code]
        standard = {r["competency"]: r["required_level"] for r in position["standard"]}
        return Situation(Assessee(nip, person.supervisor_nip, person.position_code,
                                  person.unit_code, position["job_level"], standard),
                         self.periods[period_id], self.assessment_state(period_id, nip, role),
                         (period_id, nip, role) in self.drafts,
                         self.plans.get((period_id, nip), {}).get("proposed"))

    def assessment_state(self, period_id: str, nip: str, role: str) -> AssessmentState:
        """The assessment's state, folded from its own events."""
        return fold(self.histories.get((period_id, nip, role), ()))

    def save_draft(self, form: AssessmentForm) -> None:
        """Keep (or replace) the assessor's unfinished ratings."""
        self.drafts[(form.period_id, form.nip, form.role)] = form

    def discard_draft(self, period_id: str, nip: str, role: str) -> None:
        """Forget the draft of a submitted assessment."""
        self.drafts.pop((period_id, nip, role), None)

    def competency(self, code: str) -> tuple[str, int] | None:
        """The competency's kind and revision, if the dictionary has it."""
        return self.competencies.get(code)

    def competency_codes(self) -> set[str]:
        """Every code in the dictionary."""
        return set(self.competencies)

    def core_competencies(self) -> list[str]:
        """The managerial and socio-cultural competencies, by code."""
        return sorted(c for c, (kind, _) in self.competencies.items() if kind != "technical")

    def unit_facts(self, code: str, parent_code: str | None) -> tuple[bool, bool]:
        """Whether the unit, and its parent, are registered."""
        return code in self.units, parent_code in self.units

    def standard_facts(self, code: str, competencies: list[str]) -> tuple[set[str], int]:
        """Which of ``competencies`` the dictionary has, and the position's revision (0: new)."""
        return ({c for c in competencies if c in self.competencies},
                self.positions.get(code, {}).get("revision", 0))

    def employee(self, nip: str) -> Employee | None:
        """The employee's registered state and stream version."""
        return self.employees.get(nip)

    def placement(self, state: dict) -> Placement:
        """What the registry holds of the position, unit and supervisor ``state`` names."""
        chain, nip = [], state["supervisor_nip"]
        while nip is not None and len(chain) <= MAX_CHAIN:
            chain.append(nip)
            nip = self.employees[nip].supervisor_nip if nip in self.employees else None
        return Placement(state["position_code"] in self.positions, state["unit_code"] in self.units,
                         state["supervisor_nip"] in self.employees, tuple(chain))

    def period_status(self, period_id: str, *, for_update: bool = False) -> str | None:
        """The period's status (nothing to lock in memory)."""
        return self.periods.get(period_id)

    def known(self) -> Known:
        """Units, positions and employees, for an import's checks."""
        return Known(dict(self.units), {c: p["job_level"] for c, p in self.positions.items()},
                     {nip: asdict(e) for nip, e in self.employees.items()})

