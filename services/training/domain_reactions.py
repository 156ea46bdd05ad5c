"""The training decisions on other services' events (pure): what an assessment or a blind spot
leads to, given what the training service already knows about the employee."""
from __future__ import annotations

from dataclasses import dataclass

from services.training import domain
from services.training.domain import Gap, Planned, Programme
from services.training.domain_events import (
    DevelopmentNeedUnmet, DevelopmentOpportunityIdentified, Reason, TrainingAssigned,
    TrainingCancelled, decided_id)


@dataclass(frozen=True)
class Situation:
    """What a decision on one employee's assessment or blind spot needs: the year of the period
    (as opened, or None), the employee's assignments, the competencies whose opportunity was
    identified in the period already, and the active programmes for the competencies concerned."""

    period_id: str
    period_year: int | None
    assignments: tuple[Planned, ...]
    seen: frozenset[str]
    programmes: tuple[Programme, ...]

    @property
    def year(self) -> int | None:
        """The period's year as opened, else as its id says ('2026-Q1'), else None."""
        return self.period_year if self.period_year is not None else domain.year_of(self.period_id)


def is_supervisors(assessment: dict) -> bool:
    """Only the supervisor's assessment is authoritative; a self-assessment decides nothing."""
    return assessment["role"] == "supervisor"


def is_blind_spot(discrepancy: dict) -> bool:
    """A blind spot: the employee rated themself above their supervisor."""
    return discrepancy["direction"] == "blind_spot"


def gap_competencies(assessment: dict) -> list[str]:
    """The competencies an assessment falls short in: the programmes a decision on it reads."""
    return [gap.competency for gap in domain.gaps(assessment["ratings"])]


def suggestion_for(suggestions: dict, competency: str) -> dict:
    """The role suggested for a strength in ``competency`` ({id, en}); a generic one otherwise."""
    return suggestions.get(competency) or {
        "id": f"Menjadi narasumber internal untuk kompetensi {competency}",
        "en": f"Internal resource person for {competency}"}


def on_assessment(d: dict, cause_id: str, now: Situation, cap: int | None,
                  suggestions: dict) -> list:
    """A programme per gap under the JP cap, DevelopmentNeedUnmet for a gap without one, an
    opportunity per strength not identified in the period yet."""
    found = domain.gaps(d["ratings"])
    choices = domain.plan(found, list(now.programmes), domain.open_competencies(now.assignments),
                          domain.planned_jp(now.assignments, now.year), cap)
    decided = []
    for choice in choices:
        reason = Reason("gap", choice.gap, d["period_id"], cause_id, d["submission"], None)
        if choice.programme is not None:
            decided.append(_assigned(cause_id, d["nip"], now.year, choice.programme, reason))
        elif choice.reason in ("no_programme", "cap_reached"):
            decided.append(DevelopmentNeedUnmet(d["nip"], now.year, choice.reason, d["period_id"],
                                                choice.gap, cause_id))
    for rating in domain.strengths(d["ratings"]):
        code = rating["competency"]
        if code not in now.seen:
            decided.append(DevelopmentOpportunityIdentified(
                d["nip"], d["period_id"], code, rating["level"], rating["required_level"],
                suggestion_for(suggestions, code), cause_id))
    return decided


def on_blind_spot(d: dict, cause_id: str, now: Situation, cap: int | None) -> list:
    """Coaching or mentoring for a blind spot, if one fits under the cap and none is open for it;
    without one the blind spot is only a topic for the feedback dialogue."""
    if d["competency"] in domain.open_competencies(now.assignments):
        return []
    gap = Gap(d["competency"], d["supervisor_level"], d["required_level"])
    room = domain.room_under_cap(cap, domain.planned_jp(now.assignments, now.year))
    choice = domain.choose(gap, list(now.programmes), room, domain.GUIDANCE_KINDS)
    if choice.programme is None:
        return []
    reason = Reason("blind_spot", gap, d["period_id"], cause_id, None, d["comparison"])
    return [_assigned(cause_id, d["nip"], now.year, choice.programme, reason)]


def on_resolution(d: dict, assignments: list) -> list[TrainingCancelled]:
    """A superseded blind spot cancels the assignments made for it that nobody started yet
    (``assignments``: those recommended for that comparison's blind spot)."""
    return [TrainingCancelled(a.assignment_id, d["nip"], "superseded",
                              f"discrepancy of comparison {d['comparison']} superseded"
                              f" by comparison {d['by_comparison']}")
            for a in assignments if a.status == domain.ASSIGNED]


def _assigned(cause_id: str, nip: str, year: int, programme: Programme,
              reason: Reason) -> TrainingAssigned:
    return TrainingAssigned(decided_id(cause_id, reason.gap.competency), nip, programme.code,
                            reason.gap.competency, programme.jp, year, reason)
