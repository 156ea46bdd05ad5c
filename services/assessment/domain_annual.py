"""The annual appraisal's predikat proposed from the year's periodic results by the agency's
roll-up policy, and the appraising official's confirmation (or override with a reason). Pure.

PermenPANRB 6/2022 has the annual appraisal evaluate the whole year's SKP, informed by the
periodic appraisals; it publishes no averaging rule, so the roll-up is the agency's policy
(data/period_rules.yaml ``annual_policy``), and the official always decides."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Mapping, Sequence

from services.assessment.contract import ANNUAL_POLICIES, PREDIKATS
from shared.errors import Conflict, Forbidden, Invalid, NotFound

POLICIES = ANNUAL_POLICIES  # latest, mode, mean_score


@dataclass(frozen=True)
class AnnualPolicy:
    """How the year's periodic predikat become the proposal: ``latest`` (the last), ``mode``
    (the most frequent, a tie to the one given later) or ``mean_score`` (the mean of each
    predikat's score; the first threshold, highest first, the mean reaches)."""

    name: str = "mode"
    scores: Mapping[str, float] | None = None
    thresholds: tuple[tuple[float, str], ...] = ()


@dataclass(frozen=True)
class PeriodicResult:
    period_id: str
    predikat: str


@dataclass(frozen=True)
class AnnualState:
    """The annual period (its kind and status), the employee's annual supervisor assessment
    (unit, predikat, official; None if not submitted), the year's periodic results in order,
    and the version of the employee's annual stream."""

    period_kind: str | None
    period_status: str | None
    assessed: tuple[str, str, str] | None
    periodic: tuple[PeriodicResult, ...]
    version: int


@dataclass(frozen=True)
class AnnualPredikatConfirmed:
    TYPE: ClassVar[str] = "assessment.AnnualPredikatConfirmed.v1"
    period_id: str
    nip: str
    unit_code: str
    policy: str
    periodic: tuple[PeriodicResult, ...]
    proposed: str
    previous: str
    predikat: str
    reason: str | None
    confirmed_by: str


def check_policy(policy: AnnualPolicy) -> AnnualPolicy:
    """A policy the roll-up knows, with a score for every predikat and thresholds highest first
    naming known predikat when it averages."""
    if policy.name not in POLICIES:
        raise ValueError(f"annual_policy: one of {', '.join(POLICIES)}, not {policy.name}")
    if policy.name == "mean_score":
        minimums = [minimum for minimum, _ in policy.thresholds]
        if set(policy.scores or {}) != set(PREDIKATS) or not minimums or \
                minimums != sorted(minimums, reverse=True) or \
                any(p not in PREDIKATS for _, p in policy.thresholds):
            raise ValueError("mean_score needs a score per predikat and thresholds highest first")
    return policy


def propose(results: Sequence[str], policy: AnnualPolicy) -> str | None:
    """The proposed annual predikat from the periodic ones in their order (None without any)."""
    if not results:
        return None
    if policy.name == "latest":
        return results[-1]
    if policy.name == "mode":
        return max(reversed(results), key=results.count)  # max keeps the first: the later one
    mean = sum(policy.scores[p] for p in results) / len(results)
    return next((p for minimum, p in policy.thresholds if mean >= minimum - 1e-9),
                policy.thresholds[-1][1])


def check_annual(state: AnnualState, period_id: str, nip: str) -> tuple[str, str, str]:
    """The annual period exists, is annual and open, and the official has submitted."""
    if state.period_status is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    if state.period_kind != "annual":
        raise Invalid("not_annual", f"{period_id} is not an annual period")
    if state.period_status != "open":
        raise Conflict("period_not_open", "the appraisal period is not open")
    if state.assessed is None:
        raise Conflict("not_assessed", f"{nip} has no submitted annual supervisor assessment")
    return state.assessed


def confirm(state: AnnualState, period_id: str, nip: str, predikat: str, reason: str | None,
            caller: str, policy: AnnualPolicy) -> AnnualPredikatConfirmed:
    """The official's annual predikat: the proposal confirmed, or another one with a reason."""
    unit_code, previous, official = check_annual(state, period_id, nip)
    if caller != official:
        raise Forbidden("not_the_official", "only the appraising official confirms the annual predikat")
    proposed = propose([r.predikat for r in state.periodic], policy)
    if proposed is None:
        raise Conflict("no_periodic_results", f"{nip} has no periodic result in {period_id}")
    if predikat not in PREDIKATS:
        raise Invalid("unknown_predikat", f"predikat must be one of {', '.join(PREDIKATS)}")
    reason = (reason or "").strip() or None
    if predikat != proposed and reason is None:
        raise Invalid("reason_required", "a predikat other than the proposed one needs a reason",
                      errors={"reason": ["give the reason for the other predikat"]})
    return AnnualPredikatConfirmed(period_id, nip, unit_code, policy.name, state.periodic,
                                   proposed, previous, predikat, reason, caller)
