"""The in-memory adapter of the training store (``store.Store``), for fast tests of the handlers.

It is fed by the same events as the projection tables: the consumed assessment events and the
service's own (``MemoryRecorder(project=store.apply)``), so what a handler reads here it would
read from PostgreSQL after the same events.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.training.domain import Planned, Programme
from services.training.domain_reactions import Situation
from services.training.domain_tracking import Assignment, Report
from shared.envelope import Event


class MemoryStore:
    """The projections as dicts; ``apply`` is every handler and projector at once."""

    def __init__(self) -> None:
        self.periods: dict[str, int] = {}
        self.employees: dict[str, dict] = {}
        self.programmes: dict[str, dict] = {}
        self.assignments: dict[str, Assignment] = {}  # in the order they were made
        self.reports: dict[str, Report] = {}
        self.opportunities: dict[tuple[str, str, str], dict] = {}

    # --- the port ---------------------------------------------------------------------------

    def situation(self, nip: str, period_id: str, competencies: list[str]) -> Situation:
        """The same facts as PgStore.situation."""
        return Situation(
            period_id, self.periods.get(period_id),
            tuple(Planned(a.competency, a.jp, a.year, a.status)
                  for a in self.assignments.values() if a.nip == nip),
            frozenset(c for (n, p, c) in self.opportunities if (n, p) == (nip, period_id)),
            tuple(self.programme(code) for code, p in self.programmes.items()
                  if p["status"] == "active" and set(p["competencies"]) & set(competencies)))

    def blind_spot_assignments(self, nip: str, competency: str, period_id: str,
                               comparison: int) -> list[Assignment]:
        """The assignments recommended for one comparison's blind spot in a competency."""
        return sorted((a for a in self._all() if (a.nip, a.competency, a.reason_kind, a.period_id,
                                                   a.comparison)
                       == (nip, competency, "blind_spot", period_id, comparison)),
                      key=lambda a: a.assignment_id)

    def assignment(self, assignment_id: str, lock: bool = False) -> Assignment | None:
        """One assignment, or None."""
        return self._with_reports(self.assignments.get(assignment_id))

    def assignments_of(self, nip: str, programme_code: str) -> list[Assignment]:
        """An employee's assignments to one programme, in the order they were made."""
        return [a for a in self._all() if (a.nip, a.programme_code) == (nip, programme_code)]

    def report(self, report_id: str, lock: bool = False) -> Report | None:
        """One completion report, or None."""
        return self.reports.get(report_id)

    def programme(self, code: str) -> Programme | None:
        """One programme of the catalogue, or None."""
        p = self.programmes.get(code)
        return p and Programme(code, p["kind"], p["jp"], tuple(p["competencies"]),
                               p["level_min"], p["level_max"], p["form"], p["status"])

    def programme_states(self, codes: list[str] | None = None) -> dict[str, dict]:
        """The programmes as defined, by code (those of ``codes`` only, unless None)."""
        return {c: dict(p) for c, p in self.programmes.items() if codes is None or c in codes}

    def opportunity(self, nip: str, period_id: str, competency: str,
                    lock: bool = False) -> dict | None:
        """One development opportunity (its status and version), or None."""
        return self.opportunities.get((nip, period_id, competency))

    def employee(self, nip: str) -> dict | None:
        """An employee as the assessment service published them."""
        return self.employees.get(nip)

    def _all(self) -> list[Assignment]:
        return [self._with_reports(a) for a in self.assignments.values()]

    def _with_reports(self, a: Assignment | None) -> Assignment | None:
        pending = a is not None and any(r.assignment_id == a.assignment_id
                                        and r.status == "pending" for r in self.reports.values())
        return a and replace(a, pending_report=pending)

    # --- fed by events ----------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Apply a consumed or an own event (others are ignored, as they have no table here)."""
        applier = _APPLIERS.get(event.type.split(".")[1])
        if applier is not None:
            applier(self, event.data, event.version)

    def _employee(self, d: dict, _version: int) -> None:
        self.employees[d["nip"]] = {k: d[k] for k in ("nip", "name", "unit_code", "supervisor_nip")}

    def _period(self, d: dict, _version: int) -> None:
        self.periods.setdefault(d["period_id"], d["year"])

    def _defined(self, d: dict, version: int) -> None:
        self.programmes[d["code"]] = {**d, "competencies": list(d["competencies"]),
                                      "status": "active", "revision": version}

    def _retired(self, d: dict, version: int) -> None:
        self.programmes[d["code"]].update(status="retired", revision=version)

    def _assigned(self, d: dict, version: int) -> None:
        reason = d["reason"]
        self.assignments[d["assignment_id"]] = Assignment(
            d["assignment_id"], d["nip"], d["programme_code"], d["competency"], d["jp"],
            d["year"], "assigned", version, reason["kind"], reason["period_id"],
            reason["comparison"])

    def _reported(self, d: dict, version: int) -> None:
        self.reports[d["report_id"]] = Report(
            d["report_id"], d["nip"], d["programme_code"], d["assignment_id"],
            date.fromisoformat(d["completed_on"]), d["jp"], d["certificate_number"], "pending",
            version)

    def _rejected(self, d: dict, version: int) -> None:
        self._report_is(d["report_id"], "rejected", version)

    def _report_is(self, report_id: str, status: str, version: int | None) -> None:
        r = self.reports[report_id]
        self.reports[report_id] = replace(r, status=status, version=version or r.version)

    def _identified(self, d: dict, version: int) -> None:
        self.opportunities[(d["nip"], d["period_id"], d["competency"])] = {
            "nip": d["nip"], "period_id": d["period_id"], "competency": d["competency"],
            "status": "open", "version": version}



def _moved(status: str):
    """The projector of an assignment's move to ``status`` (a verified report's too)."""
    def move(store: MemoryStore, d: dict, version: int) -> None:
        if d.get("assignment_id") in store.assignments:
            a = store.assignments[d["assignment_id"]]
            store.assignments[a.assignment_id] = replace(a, status=status, version=version)
        if status == "completed" and d.get("report_id") in store.reports:
            store._report_is(d["report_id"], "verified", None)
    return move


def _decided(status: str):
    """The projector of an opportunity's decision."""
    def decide(store: MemoryStore, d: dict, version: int) -> None:
        store.opportunities[(d["nip"], d["period_id"], d["competency"])].update(
            status=status, version=version)
    return decide


_APPLIERS = {
    "EmployeeRegistered": MemoryStore._employee, "EmployeeUpdated": MemoryStore._employee,
    "AppraisalPeriodOpened": MemoryStore._period,
    "ProgrammeDefined": MemoryStore._defined, "ProgrammeRetired": MemoryStore._retired,
    "TrainingAssigned": MemoryStore._assigned,
    "TrainingStarted": _moved("in_progress"),
    "TrainingCompleted": _moved("completed"),
    "TrainingCancelled": _moved("cancelled"),
    "CompletionReported": MemoryStore._reported, "CompletionRejected": MemoryStore._rejected,
    "DevelopmentOpportunityIdentified": MemoryStore._identified,
    "OpportunityAssigned": _decided("assigned"),
    "OpportunityDeclined": _decided("declined"),
}
