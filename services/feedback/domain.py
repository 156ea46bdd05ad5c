"""The feedback domain, pure: comparing two assessments, the dialogue's agenda and its rules.

Standard library only, its contract's vocabulary and the refusals. The decisions that return the
events to record build on these rules: ``domain_comparison`` (the consumer's) and
``domain_dialogues`` (the commands').
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Collection

# EXPECTATIONS is the assessment service's vocabulary, as the feedback contract publishes it.
from services.feedback.contract import AGENDA_KINDS, DIRECTIONS, EXPECTATION_ASPECTS, EXPECTATIONS
from shared.errors import Conflict, Forbidden, Invalid

BLIND_SPOT, HIDDEN_STRENGTH = DIRECTIONS
DISCREPANCY, EXPECTATION, GAP, STRENGTH = AGENDA_KINDS
TOP_LEVEL = 5

# A dialogue's life: opened by a comparison -> scheduled -> feedback given -> acknowledged (closed).
# A later comparison of the same employee and period supersedes a dialogue not yet acknowledged.
OPENED, SCHEDULED, FEEDBACK_GIVEN, ACKNOWLEDGED, SUPERSEDED = (
    "opened", "scheduled", "feedback_given", "acknowledged", "superseded")
STATUSES = (OPENED, SCHEDULED, FEEDBACK_GIVEN, ACKNOWLEDGED, SUPERSEDED)
CLOSED = (ACKNOWLEDGED, SUPERSEDED)


@dataclass(frozen=True)
class Submission:
    """What the comparison needs of one AssessmentSubmitted."""

    submission: int
    assessor_nip: str
    levels: dict[str, int]            # competency -> assessed level
    required: dict[str, int]          # competency -> required level
    expectations: dict[str, str]      # work_result / work_behaviour -> DI_ATAS | SESUAI | DI_BAWAH
    unit_code: str = ""
    position_code: str = ""


@dataclass(frozen=True)
class Compared:
    competency: str
    self_level: int
    supervisor_level: int
    required_level: int

    @property
    def difference(self) -> int:
        """Self minus supervisor: positive when the employee sees themself higher."""
        return self.self_level - self.supervisor_level

    @property
    def direction(self) -> str | None:
        """Blind spot above the supervisor's level, hidden strength below, None when equal."""
        if self.difference > 0:
            return BLIND_SPOT
        return HIDDEN_STRENGTH if self.difference < 0 else None


@dataclass(frozen=True)
class Comparison:
    competencies: list[Compared]
    expectations: list[tuple[str, str, str]]  # (aspect, self rating, supervisor rating)
    threshold: int
    discrepancies: list[Compared] = field(default_factory=list)


def compare(own: Submission, supervisor: Submission, threshold: int) -> Comparison:
    """Compare every competency both rated (the supervisor's required level counts) and both
    expectation ratings; a discrepancy is a difference of at least ``threshold`` levels."""
    if threshold < 1:
        raise ValueError("the discrepancy threshold is at least one level")
    both = sorted(set(own.levels) & set(supervisor.levels))
    compared = [Compared(code, own.levels[code], supervisor.levels[code],
                         supervisor.required.get(code, own.required.get(code, 1))) for code in both]
    expectations = [(aspect, own.expectations[aspect], supervisor.expectations[aspect])
                    for aspect in EXPECTATION_ASPECTS]
    discrepancies = sorted((c for c in compared if abs(c.difference) >= threshold),
                           key=lambda c: (-abs(c.difference), c.competency))
    return Comparison(compared, expectations, threshold, discrepancies)


def agenda(comparison: Comparison) -> list[dict]:
    """The dialogue's agenda: discrepancies (largest first), differing expectation ratings, the
    gaps below the required level (largest first), then the strengths (furthest above first).

    A competency appears once, under the first heading it belongs to.
    """
    items: list[dict] = []
    listed: set[str] = set()

    def add(kind: str, aspect: str, size: int, c: Compared | None = None) -> None:
        items.append({"item": len(items) + 1, "kind": kind, "aspect": aspect,
                      "self_level": c.self_level if c else None,
                      "supervisor_level": c.supervisor_level if c else None,
                      "required_level": c.required_level if c else None, "size": size})
        listed.add(aspect)

    for c in comparison.discrepancies:
        add(DISCREPANCY, c.competency, abs(c.difference), c)
    for aspect, own, boss in comparison.expectations:
        if own != boss:
            add(EXPECTATION, aspect, abs(_EXPECTATION_RANK[own] - _EXPECTATION_RANK[boss]))
    gaps = sorted((c for c in comparison.competencies
                   if c.supervisor_level < c.required_level and c.competency not in listed),
                  key=lambda c: (c.supervisor_level - c.required_level, c.competency))
    for c in gaps:
        add(GAP, c.competency, c.required_level - c.supervisor_level, c)
    strengths = sorted((c for c in comparison.competencies if c.competency not in listed and (
        c.supervisor_level > c.required_level or c.supervisor_level == TOP_LEVEL)),
        key=lambda c: (c.required_level - c.supervisor_level, c.competency))
    for c in strengths:
        add(STRENGTH, c.competency, c.supervisor_level - c.required_level, c)
    return items


# EXPECTATIONS runs from the best rating to the worst.
_EXPECTATION_RANK = {rating: -rank for rank, rating in enumerate(EXPECTATIONS)}



# --- Dialogue rules -------------------------------------------------------------------------

def check_supervisor(caller: str, current_supervisor: str | None) -> None:
    """Dialogues and notes are the current direct supervisor's to hold and write."""
    if caller != current_supervisor:
        raise Forbidden("not_your_report", "only the employee's current direct supervisor may do this")


def check_open(status: str) -> None:
    """Nothing more is recorded on an acknowledged or a superseded dialogue."""
    if status == ACKNOWLEDGED:
        raise Conflict("dialogue_closed", "the dialogue is acknowledged and closed")
    if status == SUPERSEDED:
        raise Conflict("dialogue_superseded", "a later comparison replaced this dialogue")


def check_feedback(agenda_items: set[int], items: list[dict], today: date) -> None:
    """Feedback names agenda items that exist, once each; agreed actions are not due in the past."""
    seen: set[int] = set()
    for entry in items:
        if entry["item"] not in agenda_items:
            raise Invalid("unknown_agenda_item", f"the agenda has no item {entry['item']}",
                          item=entry["item"])
        if entry["item"] in seen:
            raise Invalid("duplicate_agenda_item", f"item {entry['item']} is given twice",
                          item=entry["item"])
        seen.add(entry["item"])
        for action in entry["actions"]:
            if action["due_on"] < today:
                raise Invalid("due_in_the_past", f"an action of item {entry['item']} is due"
                              f" {action['due_on'].isoformat()}, before today", item=entry["item"])


def check_phrases(codes: Collection[str], library: Collection[str]) -> None:
    """Picked phrases are in the agency's phrase library."""
    unknown = [code for code in codes if code not in library]
    if unknown:
        raise Invalid("unknown_phrase", f"no phrase {', '.join(unknown)} in the library",
                      phrases=unknown)


def check_own(caller: str, nip: str) -> None:
    """Only the employee acknowledges their own feedback."""
    if caller != nip:
        raise Forbidden("not_your_feedback", "only the employee acknowledges their own feedback")


def check_acknowledgeable(caller: str, nip: str, status: str) -> None:
    """Only the employee acknowledges, and only feedback that has been given."""
    check_own(caller, nip)
    check_open(status)
    if status != FEEDBACK_GIVEN:
        raise Conflict("no_feedback_yet", "there is no feedback to acknowledge yet")
