"""The plan (SKP, PermenPANRB 6/2022 Pasal 5): the employee proposes their rencana hasil kerja
(RHK), each with its indicators (IKI) and targets and the official's RHK it supports; the
appraising official (the direct supervisor) agrees it, with a special expectation per BerAKHLAK
value, or returns it with a note; an agreed plan is revised with a reason and agreed again.
Each decision returns the event to record or raises a refusal. Pure, like ``domain``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar, Mapping

from shared.errors import Conflict, Forbidden, Invalid, NotFound

PROPOSED, RETURNED, AGREED = "proposed", "returned", "agreed"


@dataclass(frozen=True)
class Indicator:
    """An indicator (IKI) and its targets: quantity, quality, time as words, and a number."""

    text: str
    quantity: str = ""
    quality: str = ""
    time: str = ""
    target: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class PlannedResult:
    """An RHK: ``rhk`` its number (0 in a proposal: a new one), whether it is a main result,
    the official's RHK it supports, its indicators."""

    rhk: int
    text: str
    main: bool
    supports: int | None
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class PlanState:
    """What a plan's decisions turn on: the employee (None: unknown) and their official, the
    period's status, the plan so far, and the RHK numbers of the official's own plan (None:
    the official has none in the period), the main results, the realisation recorded per RHK
    and the hasil kerja rating they propose."""

    employee: str | None = None
    official_nip: str | None = None
    period_status: str | None = None
    status: str | None = None
    revision: int = 0
    results: tuple[int, ...] = ()
    last_rhk: int = 0
    agreed_revision: int | None = None
    superior_results: tuple[int, ...] | None = None
    version: int = 0
    mains: tuple[int, ...] = ()
    realised: tuple[tuple[int, str], ...] = ()
    proposed: str | None = None


@dataclass(frozen=True)
class PlanProposed:
    TYPE: ClassVar[str] = "assessment.PlanProposed.v1"
    period_id: str
    nip: str
    official_nip: str
    revision: int
    results: tuple[PlannedResult, ...]


@dataclass(frozen=True)
class PlanRevised:
    TYPE: ClassVar[str] = "assessment.PlanRevised.v1"
    period_id: str
    nip: str
    official_nip: str
    revision: int
    results: tuple[PlannedResult, ...]
    reason: str


@dataclass(frozen=True)
class PlanReturned:
    TYPE: ClassVar[str] = "assessment.PlanReturned.v1"
    period_id: str
    nip: str
    official_nip: str
    revision: int
    note: str


@dataclass(frozen=True)
class Expectation:
    """The official's special expectation of one BerAKHLAK value."""

    value: str
    expectation: str


@dataclass(frozen=True)
class PlanAgreed:
    TYPE: ClassVar[str] = "assessment.PlanAgreed.v1"
    period_id: str
    nip: str
    official_nip: str
    revision: int
    expectations: tuple[Expectation, ...]


def check_open(state: PlanState, period_id: str, nip: str) -> None:
    """The employee and the period known, the period open, an appraising official named."""
    if state.employee is None:
        raise NotFound("unknown_employee", f"no employee with NIP {nip}")
    if state.period_status is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    if state.period_status != "open":
        raise Conflict("period_closed", f"the period {period_id} is closed")
    if state.official_nip is None:
        raise Conflict("no_appraising_official", f"{nip} has no direct supervisor to agree a plan")


def numbered(state: PlanState, results: tuple[PlannedResult, ...]) -> tuple[PlannedResult, ...]:
    """The results with new ones numbered after the last; a number not in the plan, a number
    given twice or an official's RHK that is not in their plan is refused."""
    given = [r.rhk for r in results if r.rhk]
    unknown = sorted(set(given) - set(state.results))
    if unknown or len(set(given)) != len(given):
        raise Invalid("unknown_rhk", f"RHK {unknown or given} not in the plan or given twice",
                      rhk=unknown or given)
    linked = {r.supports for r in results if r.supports is not None}
    stray = sorted(linked - set(state.superior_results or ()))
    if stray:
        raise Invalid("unknown_superior_rhk", f"the official's plan has no RHK {stray}",
                      supports=stray)
    last, out = state.last_rhk, []
    for result in results:
        if not result.rhk:
            last += 1
            result = replace(result, rhk=last)
        out.append(result)
    return tuple(out)


def _own(state: PlanState, period_id: str, nip: str, caller: str) -> None:
    if caller != nip:
        raise Forbidden("not_your_own", "only the employee proposes and revises their own plan",
                        message="plan_not_your_own")
    check_open(state, period_id, nip)


def propose(state: PlanState, period_id: str, nip: str, caller: str,
            results: tuple[PlannedResult, ...]) -> PlanProposed:
    """The employee's plan, new or returned or replacing one not yet agreed."""
    _own(state, period_id, nip, caller)
    if state.status == AGREED:
        raise Conflict("plan_agreed", "the plan is agreed: revise it, with a reason")
    return PlanProposed(period_id, nip, state.official_nip, state.revision + 1,
                        numbered(state, results))


def revise(state: PlanState, period_id: str, nip: str, caller: str,
           results: tuple[PlannedResult, ...], reason: str) -> PlanRevised:
    """The employee's revision of an agreed plan, with the reason; to be agreed again."""
    _own(state, period_id, nip, caller)
    if state.status != AGREED:
        raise Conflict("plan_not_agreed", "only an agreed plan is revised; propose it instead")
    return PlanRevised(period_id, nip, state.official_nip, state.revision + 1,
                       numbered(state, results), reason)


def _official(state: PlanState, period_id: str, nip: str, caller: str) -> None:
    check_open(state, period_id, nip)
    if state.status is None:
        raise NotFound("unknown_plan", f"{nip} has no plan in {period_id}")
    if caller != state.official_nip:
        raise Forbidden("not_the_official", "only the appraising official agrees or returns it",
                        message="plan_not_the_official")
    if state.status != PROPOSED:
        raise Conflict("plan_not_proposed", f"the plan is {state.status}, not waiting for you")


def agree(state: PlanState, period_id: str, nip: str, caller: str,
          expectations: Mapping[str, str], values: tuple[str, ...]) -> PlanAgreed:
    """The official agrees the proposed revision, with special expectations per value."""
    _official(state, period_id, nip, caller)
    unknown = sorted(set(expectations) - set(values))
    if unknown:
        raise Invalid("unknown_value", f"no BerAKHLAK value {unknown}", values=unknown)
    given = tuple(Expectation(code, expectations[code].strip()) for code in values
                  if expectations.get(code, "").strip())
    return PlanAgreed(period_id, nip, caller, state.revision, given)


def return_plan(state: PlanState, period_id: str, nip: str, caller: str,
                note: str) -> PlanReturned:
    """The official returns the proposed revision with a note."""
    _official(state, period_id, nip, caller)
    return PlanReturned(period_id, nip, caller, state.revision, note)
