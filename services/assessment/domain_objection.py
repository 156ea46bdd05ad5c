"""Objection (keberatan, PP 30/2019 Pasal 59): the employee objects to the predikat within the
configured days of receiving it, with reasons, to the superior of the appraising official;
filing asks the official to explain; the superior upholds or changes the result, finally.
Each decision returns the events to record or raises a refusal. Pure, like ``domain``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from services.assessment.contract import PREDIKATS
from shared.errors import Conflict, Forbidden, Invalid, NotFound

FILED, EXPLAINED, DECIDED = "filed", "explained", "decided"
UPHELD, CHANGED = "upheld", "changed"


@dataclass(frozen=True)
class ObjectionRules:
    """The days to file after receiving the result, and to decide after filing."""

    filing_days: int = 14
    decision_days: int = 14


@dataclass(frozen=True)
class ObjectionState:
    """What an objection decides on: the result (None without a submitted supervisor's
    predikat), who gave it and their superior, when it was received, the objection so far."""

    predikat: str | None = None
    official_nip: str | None = None
    superior_nip: str | None = None
    received_on: date | None = None
    status: str | None = None
    decide_by: date | None = None
    version: int = 0


@dataclass(frozen=True)
class ObjectionFiled:
    TYPE: ClassVar[str] = "assessment.ObjectionFiled.v1"
    period_id: str
    nip: str
    predikat: str
    reasons: str
    official_nip: str
    superior_nip: str
    received_on: str
    filed_on: str
    decide_by: str


@dataclass(frozen=True)
class ObjectionExplanationRequested:
    TYPE: ClassVar[str] = "assessment.ObjectionExplanationRequested.v1"
    period_id: str
    nip: str
    official_nip: str
    requested_by: str


@dataclass(frozen=True)
class ObjectionExplained:
    TYPE: ClassVar[str] = "assessment.ObjectionExplained.v1"
    period_id: str
    nip: str
    official_nip: str
    explanation: str


@dataclass(frozen=True)
class ObjectionDecided:
    TYPE: ClassVar[str] = "assessment.ObjectionDecided.v1"
    period_id: str
    nip: str
    decision: str
    previous: str
    predikat: str
    reason: str
    decided_by: str
    decided_on: str
    late: bool


def file(state: ObjectionState, period_id: str, nip: str, caller: str, reasons: str,
         today: date, rules: ObjectionRules) -> tuple[ObjectionFiled, ObjectionExplanationRequested]:
    """The employee's objection, and the request to the official to explain."""
    if caller != nip:
        raise Forbidden("not_your_own", "only the employee objects to their own result")
    if state.predikat is None:
        raise Conflict("not_assessed", f"{nip} has no result in {period_id} to object to")
    if state.status is not None:
        raise Conflict("objection_exists", "an objection to this result was already filed")
    if state.superior_nip is None:
        raise Conflict("no_official_superior", "the appraising official has no superior to decide")
    last = state.received_on + timedelta(days=rules.filing_days)
    if today > last:
        raise Conflict("objection_late", f"objections could be filed until {last.isoformat()}",
                       last_day=last.isoformat())
    decide_by = today + timedelta(days=rules.decision_days)
    return (ObjectionFiled(period_id, nip, state.predikat, reasons, state.official_nip,
                           state.superior_nip, state.received_on.isoformat(), today.isoformat(),
                           decide_by.isoformat()),
            ObjectionExplanationRequested(period_id, nip, state.official_nip, state.superior_nip))


def _filed(state: ObjectionState, nip: str) -> None:
    if state.status is None:
        raise NotFound("unknown_objection", f"no objection of {nip} in this period")
    if state.status == DECIDED:
        raise Conflict("objection_decided", "the objection is decided; the decision is final")


def explain(state: ObjectionState, period_id: str, nip: str, caller: str,
            explanation: str) -> ObjectionExplained:
    """The appraising official's explanation (given again, it replaces the earlier one)."""
    _filed(state, nip)
    if caller != state.official_nip:
        raise Forbidden("not_the_official", "only the appraising official explains the result")
    return ObjectionExplained(period_id, nip, caller, explanation)


def decide(state: ObjectionState, period_id: str, nip: str, caller: str, decision: str,
           predikat: str | None, reason: str, today: date) -> ObjectionDecided:
    """The superior upholds the result or changes the predikat; final, marked late after the
    deadline."""
    _filed(state, nip)
    if caller != state.superior_nip:
        raise Forbidden("not_the_superior", "only the appraising official's superior decides")
    if decision not in (UPHELD, CHANGED):
        raise Invalid("bad_decision", "a decision upholds or changes the result")
    if decision == UPHELD:
        predikat = state.predikat
    elif predikat not in PREDIKATS or predikat == state.predikat:
        raise Invalid("bad_decision", "a changed result needs another predikat")
    return ObjectionDecided(period_id, nip, decision, state.predikat, predikat, reason, caller,
                            today.isoformat(), today > state.decide_by)
