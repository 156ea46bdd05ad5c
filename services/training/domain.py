"""The training rules, pure: gaps, programme choice, planned JP and the cap, JPM, assignment states.

Pengembangan kompetensi: a development need is the gap between the required and the assessed level
(Peraturan LAN 10/2018); every civil servant is owed at least 20 JP a year (PP 11/2017 art. 203).
The decisions built on these rules, equally pure, are ``domain_reactions`` (consumed events),
``domain_tracking`` and ``domain_catalogue`` (commands); they return ``domain_events``' events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from services.training.contract import ALL_KINDS
from shared.errors import Conflict

ASSIGNED, IN_PROGRESS, COMPLETED, CANCELLED = "assigned", "in_progress", "completed", "cancelled"
OPEN = (ASSIGNED, IN_PROGRESS)
STATES = (ASSIGNED, IN_PROGRESS, COMPLETED, CANCELLED)
# What each action needs the assignment's state to be.
TRANSITIONS = {"start": (ASSIGNED,), "complete": OPEN, "cancel": OPEN, "report": OPEN}
TARGET = {"start": IN_PROGRESS, "complete": COMPLETED, "cancel": CANCELLED}
# The contract's programme kinds from most to least structured: a gap is closed first by classical
# training, then by structured self-paced learning, and only then by coaching or mentoring.
_BY_STRUCTURE = (("leadership", "managerial", "technical", "functional", "sociocultural"),
                 ("bimtek", "workshop"), ("seminar",), ("e_learning", "distance_learning"),
                 ("on_the_job", "job_shadowing", "detasering", "benchmarking", "internship"),
                 ("community_of_practice",), ("coaching", "mentoring"))
KIND_RANK = {kind: rank for rank, kinds in enumerate(_BY_STRUCTURE) for kind in kinds}
if sorted(KIND_RANK) != sorted(ALL_KINDS):  # a kind the contract gains needs its rank here
    raise RuntimeError(f"kinds without a rank, or ranked but unknown: "
                       f"{sorted(set(KIND_RANK) ^ set(ALL_KINDS))}")
GUIDANCE_KINDS = ("coaching", "mentoring")
_YEAR = re.compile(r"^(\d{4})(?:$|[-_.])")


@dataclass(frozen=True)
class Gap:
    """A competency assessed below the level its position requires (kesenjangan)."""

    competency: str
    assessed: int
    required: int

    @property
    def size(self) -> int:
        """How many levels short of the required one the assessment is."""
        return self.required - self.assessed


@dataclass(frozen=True)
class Programme:
    """What choosing and self-reporting need of a catalogue programme."""

    code: str
    kind: str
    jp: int
    competencies: tuple[str, ...]
    level_min: int
    level_max: int
    form: str = "klasikal"
    status: str = "active"


@dataclass(frozen=True)
class Planned:
    """One of an employee's assignments as the JP cap and the open rule see it."""

    competency: str
    jp: int
    year: int
    status: str


def open_competencies(assignments: list[Planned]) -> set[str]:
    """The competencies with an assignment still open: no second one is assigned for them."""
    return {a.competency for a in assignments if a.status in OPEN}


def planned_jp(assignments: list[Planned], year: int) -> int:
    """JP planned for ``year``: its assignments not cancelled (completed ones included)."""
    return sum(a.jp for a in assignments if a.year == year and a.status != CANCELLED)


def room_under_cap(cap: int | None, planned: int) -> int | None:
    """JP that may still be planned this year under the agency's cap (None: no cap)."""
    return None if cap is None else max(cap - planned, 0)


@dataclass(frozen=True)
class Choice:
    """What to do with one gap: a programme, or None with why (no_programme, cap_reached, open)."""

    gap: Gap
    programme: Programme | None
    reason: str | None = None


class TransitionRefused(Conflict):
    """The assignment's state does not allow the action; ``code`` names the message."""

    def __init__(self, code: str, state: str, action: str) -> None:
        super().__init__(code, f"cannot {action} an assignment that is {state}", state=state)
        self.state, self.action = state, action


def competency_kind(code: str) -> int:
    """Order of attention: managerial core (M.*) 0, socio-cultural (SK.*) 1, technical 2."""
    return 0 if code.startswith("M.") else 1 if code.startswith("SK.") else 2


def gaps(ratings: list[dict]) -> list[Gap]:
    """The positive gaps of an assessment's ratings, larger first, then M before SK before technical."""
    found = [Gap(r["competency"], r["level"], r["required_level"])
             for r in ratings if r["required_level"] > r["level"]]
    return sorted(found, key=lambda g: (-g.size, competency_kind(g.competency), g.competency))


def strengths(ratings: list[dict]) -> list[dict]:
    """Ratings above the required level, or at the top level 5."""
    return [r for r in ratings if r["level"] > r["required_level"] or r["level"] == 5]


def suits(programme: Programme, competency: str, level: int) -> bool:
    """The programme covers the competency and suits the employee's current level."""
    return competency in programme.competencies and programme.level_min <= level <= programme.level_max


def rank(programme: Programme, gap: Gap) -> tuple:
    """Ranking key, best first: the most structured kind; one that reaches the required level;
    fewer JP (so more gaps fit under the cap); then the code, so the choice is deterministic."""
    reaches = programme.level_max >= gap.required - 1
    return (KIND_RANK[programme.kind], not reaches, programme.jp, programme.code)


def choose(gap: Gap, programmes: list[Programme], room: int | None,
           kinds: tuple[str, ...] | None = None) -> Choice:
    """The best-suited programme for ``gap`` within ``room`` JP left under the cap (None: no cap)."""
    fitting = sorted((p for p in programmes if suits(p, gap.competency, gap.assessed)
                      and (kinds is None or p.kind in kinds)), key=lambda p: rank(p, gap))
    if not fitting:
        return Choice(gap, None, "no_programme")
    within = [p for p in fitting if room is None or p.jp <= room]
    if not within:
        return Choice(gap, None, "cap_reached")
    return Choice(gap, within[0])


def plan(found: list[Gap], programmes: list[Programme], open_competencies: set[str],
         planned_jp: int, cap: int | None) -> list[Choice]:
    """A choice per gap in order; a competency with an open assignment is left alone (reason 'open')."""
    choices, planned = [], planned_jp
    for gap in found:
        if gap.competency in open_competencies:
            choices.append(Choice(gap, None, "open"))
            continue
        choice = choose(gap, programmes, room_under_cap(cap, planned))
        if choice.programme is not None:
            planned += choice.programme.jp
        choices.append(choice)
    return choices


def transition(state: str, action: str) -> str:
    """The state after ``action``; TransitionRefused when the state does not allow it."""
    if state not in TRANSITIONS[action]:
        code = "assignment_closed" if state in (COMPLETED, CANCELLED) else "invalid_transition"
        raise TransitionRefused(code, state, action)
    return TARGET.get(action, state)


def jpm(ratings: list[dict]) -> float | None:
    """Job-Person Match in percent: sum(min(assessed, required)) / sum(required) * 100.

    Levels above the requirement do not make up for gaps elsewhere.
    """
    return jpm_of(sum(min(r["level"], r["required_level"]) for r in ratings),
                  sum(r["required_level"] for r in ratings))


def jpm_of(met: int | None, required: int | None) -> float | None:
    """JPM from its two sums (levels met up to the requirement, levels required), as ``jpm``."""
    if not required:
        return None
    return round(100 * met / required, 2)


def jpm_category(score: float, optimal: float = 90, fair: float = 78) -> str:
    """optimal (>= 90), cukup_optimal (78 to < 90), kurang_optimal (< 78): the thresholds are data."""
    return "optimal" if score >= optimal else "cukup_optimal" if score >= fair else "kurang_optimal"


def year_of(period_id: str) -> int | None:
    """The year a period id starts with ('2026-Q1', '2026'), or None."""
    match = _YEAR.match(period_id)
    return int(match.group(1)) if match else None


def jp_shortfall(completed_jp: int, minimum: int = 20) -> int:
    """JP still owed this year (0 once the minimum is met)."""
    return max(minimum - completed_jp, 0)
