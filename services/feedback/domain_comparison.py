"""The consumer's decision, pure: once both sides stand, compare them and open the dialogue.

Standard library, the contract's vocabulary, the refusals and ``domain``'s rules only. The events
are frozen dataclasses shaped as the contract's (``TYPE`` = the ce_type); the discrepancy
threshold is applied here once and recorded in them, and everything downstream reads the outcome.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from services.feedback.contract import RESOLUTIONS
from services.feedback.domain import Comparison, Submission, agenda, compare

(SUPERSEDED_BY_COMPARISON,) = RESOLUTIONS


@dataclass(frozen=True)
class _AboutComparison:
    period_id: str
    nip: str
    comparison: int


@dataclass(frozen=True)
class DiscrepancyResolved(_AboutComparison):
    TYPE: ClassVar[str] = "feedback.DiscrepancyResolved.v1"
    competency: str
    reason: str
    by_comparison: int | None


@dataclass(frozen=True)
class RatingsCompared(_AboutComparison):
    TYPE: ClassVar[str] = "feedback.RatingsCompared.v1"
    supervisor_nip: str
    unit_code: str
    position_code: str
    self_submission: int
    supervisor_submission: int
    threshold: int
    competencies: tuple[dict, ...]   # competency, self/supervisor/required level, difference
    expectations: tuple[dict, ...]   # aspect, self_rating, supervisor_rating


@dataclass(frozen=True)
class RatingDiscrepancyDetected(_AboutComparison):
    TYPE: ClassVar[str] = "feedback.RatingDiscrepancyDetected.v1"
    supervisor_nip: str
    unit_code: str
    competency: str
    self_level: int
    supervisor_level: int
    required_level: int
    size: int
    direction: str
    threshold: int


@dataclass(frozen=True)
class FeedbackDialogueOpened(_AboutComparison):
    TYPE: ClassVar[str] = "feedback.FeedbackDialogueOpened.v1"
    dialogue_id: str
    supervisor_nip: str
    unit_code: str
    agenda: tuple[dict, ...]
    supersedes: str | None


@dataclass(frozen=True)
class ComparisonState:
    """What the comparison of one employee and period decides on."""

    sides: dict[str, Submission]          # "self" / "supervisor" -> its standing submission
    latest: tuple[int, int, int] | None   # the last comparison: (number, self, supervisor submission)
    open_discrepancies: tuple[str, ...]   # competencies still open, in code order
    open_dialogue: str | None             # the dialogue neither acknowledged nor superseded
    version: int = 0                      # of the comparison stream, to record after


@dataclass(frozen=True)
class ComparisonDecided:
    """The comparison stream's new events, and the dialogue it opens (None: nothing in common)."""

    recorded: tuple = ()
    opened: FeedbackDialogueOpened | None = None


def dialogue_id(period_id: str, nip: str, comparison: int) -> str:
    """The dialogue a comparison opens: one per comparison, the same on every replay."""
    return f"{period_id}.{nip}.{comparison}"


def decide_comparison(period_id: str, nip: str, state: ComparisonState,
                      threshold: int) -> ComparisonDecided | None:
    """Compare the standing self and supervisor submissions, unless one is missing or this very
    pair was compared; the new comparison supersedes the open discrepancies and dialogue."""
    own, boss = state.sides.get("self"), state.sides.get("supervisor")
    if own is None or boss is None:
        return None
    if state.latest and state.latest[1:] == (own.submission, boss.submission):
        return None  # redelivered, or the same facts republished
    result = compare(own, boss, threshold)
    if not result.competencies:
        return ComparisonDecided()
    number = state.latest[0] + 1 if state.latest else 1
    resolved = [DiscrepancyResolved(period_id, nip, state.latest[0], code,
                                    SUPERSEDED_BY_COMPARISON, number)
                for code in state.open_discrepancies]
    about = {"period_id": period_id, "nip": nip, "comparison": number,
             "supervisor_nip": boss.assessor_nip, "unit_code": boss.unit_code}
    opened = FeedbackDialogueOpened(**about, dialogue_id=dialogue_id(period_id, nip, number),
                                    agenda=tuple(agenda(result)), supersedes=state.open_dialogue)
    return ComparisonDecided((*resolved, *_compared(about, own, boss, result)), opened)


def _compared(about: dict, own: Submission, boss: Submission, result: Comparison) -> list:
    compared = RatingsCompared(
        **about, position_code=boss.position_code, self_submission=own.submission,
        supervisor_submission=boss.submission, threshold=result.threshold,
        competencies=tuple({"competency": c.competency, "self_level": c.self_level,
                            "supervisor_level": c.supervisor_level,
                            "required_level": c.required_level, "difference": c.difference}
                           for c in result.competencies),
        expectations=tuple({"aspect": aspect, "self_rating": mine, "supervisor_rating": theirs}
                           for aspect, mine, theirs in result.expectations))
    return [compared, *(RatingDiscrepancyDetected(
        **about, competency=c.competency, self_level=c.self_level,
        supervisor_level=c.supervisor_level, required_level=c.required_level,
        size=abs(c.difference), direction=c.direction, threshold=result.threshold)
        for c in result.discrepancies)]
