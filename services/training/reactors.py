"""The training service's decisions on other services' events (reactors, run by the consumer only).

Each loads what it needs through the store in the consumer's transaction, lets the domain decide
and records the decided events there, so a decision and the record's offset commit together.
Redelivery never reaches a reactor twice (the runner dedups offsets and event ids); a second
decision on the same facts is refused by the rules themselves: no second open assignment per
employee and competency, one opportunity per employee, period and competency (its stream id is
that triple, so the store would refuse it too).
"""
from __future__ import annotations

from services.training import domain_reactions as decide
from services.training.domain_reactions import Situation
from services.training.wiring import Context
from shared.consumer import UnprocessableEvent
from shared.envelope import Event, caused_by

ACTOR = "training-consumer"


def _situation(ctx: Context, nip: str, period_id: str, competencies: list[str]) -> Situation:
    now = ctx.store.situation(nip, period_id, competencies)
    if now.year is None:
        raise UnprocessableEvent(f"period {period_id} was never opened and names no year")
    return now


def react_to_assessment(ctx: Context, event: Event) -> None:
    """A supervisor's assessment: a programme per gap, an opportunity per strength, the rest unmet."""
    d = event.data
    if not decide.is_supervisors(d):
        return
    now = _situation(ctx, d["nip"], d["period_id"], decide.gap_competencies(d))
    for decision in decide.on_assessment(d, str(event.id), now, ctx.rules.planned_jp_cap,
                                         ctx.suggestions):
        ctx.record(decision, 0, caused_by(event, ACTOR))


def react_to_discrepancy(ctx: Context, event: Event) -> None:
    """A blind spot (rated themself above the supervisor): coaching or mentoring for it."""
    d = event.data
    if not decide.is_blind_spot(d):
        return
    now = _situation(ctx, d["nip"], d["period_id"], [d["competency"]])
    for decision in decide.on_blind_spot(d, str(event.id), now, ctx.rules.planned_jp_cap):
        ctx.record(decision, 0, caused_by(event, ACTOR))


def react_to_resolution(ctx: Context, event: Event) -> None:
    """A superseded blind spot cancels its recommendation if nobody has started it yet."""
    d = event.data
    made = ctx.store.blind_spot_assignments(d["nip"], d["competency"], d["period_id"],
                                            d["comparison"])
    versions = {a.assignment_id: a.version for a in made}
    for decision in decide.on_resolution(d, made):
        ctx.record(decision, versions[decision.assignment_id], caused_by(event, ACTOR))


REACTORS = {
    "assessment.AssessmentSubmitted.v1": react_to_assessment,
    "feedback.RatingDiscrepancyDetected.v1": react_to_discrepancy,
    "feedback.DiscrepancyResolved.v1": react_to_resolution,
}
