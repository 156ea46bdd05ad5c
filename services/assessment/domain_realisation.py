"""Realisation and the proposed hasil kerja rating (PermenPANRB 6/2022 Pasal 5 and its annex, as
DOMAIN.md summarises it): the appraising official records each RHK's realisation against its
target (above, meets or below expectation, with a note); from them the rating is proposed: Di
Atas when most or all results are above and no main result is below, Sesuai when most or all
meet it, Di Bawah when most or all are below. What "most" is, whether a result above also meets
and what is proposed when none holds are data (``WorkResultRules``). A supervisor's submission
that differs from the proposal needs a reason, and both are kept in it. Pure, like ``domain``.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar, Sequence

from services.assessment.contract import EXPECTATIONS
from services.assessment.domain_assessing import AssessmentSubmitted
from services.assessment.domain_plan import PlanState, check_open
from shared.errors import Conflict, Forbidden, Invalid, NotFound

ABOVE, MEETS, BELOW = EXPECTATIONS  # DI_ATAS, SESUAI, DI_BAWAH


@dataclass(frozen=True)
class WorkResultRules:
    """``most``: a share strictly above it is "most" (all is 1); ``above_meets``: a result above
    expectation also counts as meeting it; ``otherwise``: the proposal when no case holds."""

    most: float = 0.5
    above_meets: bool = True
    otherwise: str = MEETS


def propose_work_result(realised: Sequence[tuple[str, bool]],
                        rules: WorkResultRules = WorkResultRules()) -> str | None:
    """The proposed hasil kerja rating from each result's (realisation, is a main result);
    None without results."""
    if not realised:
        return None
    count = len(realised)
    above = sum(level == ABOVE for level, _ in realised)
    below = sum(level == BELOW for level, _ in realised)
    meets = sum(level == MEETS for level, _ in realised) + (above if rules.above_meets else 0)
    if above / count > rules.most and not any(level == BELOW and main for level, main in realised):
        return ABOVE
    if below / count > rules.most:
        return BELOW
    if meets / count > rules.most:
        return MEETS
    return rules.otherwise


@dataclass(frozen=True)
class RealisationRecorded:
    TYPE: ClassVar[str] = "assessment.RealisationRecorded.v1"
    period_id: str
    nip: str
    rhk: int
    realisation: str
    note: str
    recorded_by: str
    proposed: str | None


def record(state: PlanState, period_id: str, nip: str, caller: str, rhk: int, realisation: str,
           note: str, rules: WorkResultRules) -> RealisationRecorded:
    """The official's realisation of one RHK of the agreed plan, and the proposal after it
    (None while an RHK of the plan has none)."""
    check_open(state, period_id, nip)
    if state.agreed_revision is None:
        raise Conflict("plan_not_agreed", "realisation is recorded against an agreed plan")
    if caller != state.official_nip:
        raise Forbidden("not_the_official", "only the appraising official records realisation",
                        message="plan_not_the_official")
    if rhk not in state.results:
        raise NotFound("unknown_rhk", f"the plan has no RHK {rhk}", rhk=rhk)
    if realisation not in EXPECTATIONS:
        raise Invalid("bad_realisation", f"a realisation is one of {', '.join(EXPECTATIONS)}")
    realised = {**dict(state.realised), rhk: realisation}
    complete = all(number in realised for number in state.results)
    proposed = propose_work_result([(realised[n], n in state.mains) for n in state.results],
                                   rules) if complete else None
    return RealisationRecorded(period_id, nip, rhk, realisation, note, caller, proposed)


@dataclass(frozen=True)
class AssessmentSubmittedOnPlan(AssessmentSubmitted):
    """A supervisor's submission where the plan proposed the hasil kerja rating: the proposal,
    and the official's reason when their rating differs from it."""

    work_result_proposed: str | None = None
    work_result_reason: str | None = None


def on_plan(submitted: AssessmentSubmitted, proposed: str | None,
            reason: str | None) -> AssessmentSubmitted:
    """The supervisor's submission with the plan's proposal; a different rating needs a reason
    (a self-assessment, or no proposal, is as it was)."""
    if submitted.role != "supervisor" or proposed is None:
        return submitted
    differs = submitted.work_result != proposed
    if differs and not (reason or "").strip():
        raise Invalid("work_result_reason_required",
                      f"the plan proposes {proposed}: give the reason for {submitted.work_result}",
                      proposed=proposed)
    values = {f.name: getattr(submitted, f.name) for f in fields(AssessmentSubmitted)}
    return AssessmentSubmittedOnPlan(**values, work_result_proposed=proposed,
                                     work_result_reason=reason.strip() if differs else None)
