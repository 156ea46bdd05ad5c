"""Deciding on a unit's curve: the leader above's unit predikat, HR's exception, and whether a
period may close. Each decision returns the event to record or raises a refusal; the verdict
itself is ``domain_curve.curve_verdict``. Pure, like ``domain``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import ClassVar, Iterable, Mapping

from services.assessment.domain_curve import BROKEN, CurveRules, CurveVerdict, curve_verdict
from shared.errors import Conflict, NotFound


@dataclass(frozen=True)
class UnitCurve:
    """What is recorded of one unit's curve in a period: its predikat and HR's exception."""

    predikat: str | None = None
    exception: bool = False
    version: int = 0


@dataclass(frozen=True)
class CurveState:
    """A period's curves as loaded: the units (code -> parent), each unit's recorded curve, and
    the employees' predikat by the unit they were assessed in."""

    period_status: str | None
    units: Mapping[str, str | None] = field(default_factory=dict)
    curves: Mapping[str, UnitCurve] = field(default_factory=dict)
    assessed: tuple[tuple[str, str], ...] = ()  # (unit code, predikat)


@dataclass(frozen=True)
class BrokenClause:
    """A clause not met, as an exception records it."""

    kind: str
    band: tuple[str, ...]
    value: int
    limit: int
    count: int


@dataclass(frozen=True)
class UnitPredicateSet:
    TYPE: ClassVar[str] = "assessment.UnitPredicateSet.v1"
    period_id: str
    unit_code: str
    predikat: str
    basis: str
    set_by: str


@dataclass(frozen=True)
class CurveExceptionRecorded:
    TYPE: ClassVar[str] = "assessment.CurveExceptionRecorded.v1"
    period_id: str
    unit_code: str
    unit_predikat: str
    reason: str
    recorded_by: str
    employees: int
    broken: tuple[BrokenClause, ...]


def units_below(units: Mapping[str, str | None], code: str) -> set[str]:
    """The unit and every unit below it (a parent that is not registered ends the chain)."""
    found, grew = {code}, True
    while grew:
        below = {c for c, parent in units.items() if parent in found} - found
        found, grew = found | below, bool(below)
    return found


def unit_verdict(state: CurveState, code: str, rules: CurveRules) -> CurveVerdict:
    """The unit's curve now: its employees' predikat (with the units below it when the rules say
    so) against the pattern of its own predikat."""
    scope = units_below(state.units, code) if rules.subunits else {code}
    curve = state.curves.get(code, UnitCurve())
    return curve_verdict(curve.predikat, (p for unit, p in state.assessed if unit in scope), rules)


def _check_open(state: CurveState, period_id: str, unit_code: str) -> None:
    if state.period_status is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    if unit_code not in state.units:
        raise NotFound("unknown_unit", f"no work unit {unit_code}")
    if state.period_status != "open":
        raise Conflict("period_not_open", "the appraisal period is not open")


def set_unit_predicate(state: CurveState, period_id: str, unit_code: str, predikat: str,
                       basis: str, caller: str, rules: CurveRules) -> UnitPredicateSet:
    """The unit's own predikat for an open period (set again while it is open, it replaces)."""
    _check_open(state, period_id, unit_code)
    curve_verdict(predikat, (), rules)  # refuses a predikat the table has no pattern for
    return UnitPredicateSet(period_id, unit_code, predikat, basis, caller)


def record_exception(state: CurveState, period_id: str, unit_code: str, reason: str,
                     caller: str, rules: CurveRules) -> CurveExceptionRecorded:
    """HR lets a unit whose curve is broken close as it is, with a reason; the clauses broken
    at that moment are recorded with it."""
    _check_open(state, period_id, unit_code)
    verdict = unit_verdict(state, unit_code, rules)
    if verdict.unit_predicate is None:
        raise Conflict("no_unit_predicate", f"{unit_code} has no unit predikat for {period_id}")
    if verdict.verdict != BROKEN:
        raise Conflict("curve_not_broken", f"the curve of {unit_code} follows its pattern")
    broken = tuple(BrokenClause(**{k: v for k, v in asdict(c).items() if k != "met"})
                   for c in verdict.broken)
    return CurveExceptionRecorded(period_id, unit_code, verdict.unit_predicate, reason, caller,
                                  verdict.employees, broken)


def broken_units(state: CurveState, rules: CurveRules) -> list[str]:
    """The units whose curve is broken and that have no exception, by code."""
    return sorted(code for code, curve in state.curves.items()
                  if curve.predikat and not curve.exception
                  and unit_verdict(state, code, rules).verdict == BROKEN)


def check_closable(state: CurveState, period_id: str, rules: CurveRules) -> None:
    """A period closes only when every unit with a predikat follows its pattern or has HR's
    exception; the refusal names the units."""
    units = broken_units(state, rules)
    if units:
        raise Conflict("curve_broken", f"the predikat of {', '.join(units)} do not follow the"
                       f" distribution pattern of their unit predikat for {period_id}; change"
                       " them in a calibration or record an exception", units=units)


def curves_of(units: Iterable[str], state: CurveState, rules: CurveRules) -> dict[str, CurveVerdict]:
    """Each named unit's verdict now."""
    return {code: unit_verdict(state, code, rules) for code in units}
