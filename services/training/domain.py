"""The training rules, pure: gaps, programme choice, the JP cap, JPM, assignment states (stdlib only).

Pengembangan kompetensi: a development need is the gap between the required and the assessed level
(Peraturan LAN 10/2018); every civil servant is owed at least 20 JP a year (PP 11/2017 art. 203).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ASSIGNED, IN_PROGRESS, COMPLETED, CANCELLED = "assigned", "in_progress", "completed", "cancelled"
OPEN = (ASSIGNED, IN_PROGRESS)
STATES = (ASSIGNED, IN_PROGRESS, COMPLETED, CANCELLED)
# What each action needs the assignment's state to be.
TRANSITIONS = {"start": (ASSIGNED,), "complete": OPEN, "cancel": OPEN, "report": OPEN}
TARGET = {"start": IN_PROGRESS, "complete": COMPLETED, "cancel": CANCELLED}
# Programme kinds from most to least structured: a gap is closed first by classical training,
# then by structured self-paced learning, and only then by coaching or mentoring.
KIND_RANK = {"leadership": 0, "managerial": 0, "technical": 0, "functional": 0, "sociocultural": 0,
             "bimtek": 1, "workshop": 1, "seminar": 2,
             "e_learning": 3, "distance_learning": 3, "on_the_job": 4, "job_shadowing": 4,
             "detasering": 4, "benchmarking": 4, "internship": 4, "community_of_practice": 5,
             "coaching": 6, "mentoring": 6}
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
        return self.required - self.assessed


@dataclass(frozen=True)
class Programme:
    code: str
    kind: str
    jp: int
    competencies: tuple[str, ...]
    level_min: int
    level_max: int


@dataclass(frozen=True)
class Choice:
    """What to do with one gap: a programme, or None with why (no_programme, cap_reached, open)."""

    gap: Gap
    programme: Programme | None
    reason: str | None = None


class TransitionRefused(Exception):
    """The assignment's state does not allow the action; ``code`` names the message."""

    def __init__(self, code: str, state: str, action: str) -> None:
        super().__init__(f"cannot {action} an assignment that is {state}")
        self.code, self.state, self.action = code, state, action


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
    return competency in programme.competencies and programme.level_min <= level <= programme.level_max


def rank(programme: Programme, gap: Gap) -> tuple:
    """Ranking key, best first: the most structured kind; one that reaches the required level;
    fewer JP (so more gaps fit under the cap); then the code, so the choice is deterministic."""
    reaches = programme.level_max >= gap.required - 1
    return (KIND_RANK.get(programme.kind, 9), not reaches, programme.jp, programme.code)


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
        choice = choose(gap, programmes, None if cap is None else max(cap - planned, 0))
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


# --- talent: the 9-box (PermenPANRB 3/2020) ---------------------------------------------------
PERFORMANCE = ("below", "meets", "above")
POTENTIAL = ("low", "medium", "high")
# (performance, potential) -> the box's number as the regulation counts them (9 the best).
BOXES = {("above", "high"): 9, ("meets", "high"): 8, ("above", "medium"): 7,
         ("below", "high"): 6, ("meets", "medium"): 5, ("above", "low"): 4,
         ("below", "medium"): 3, ("meets", "low"): 2, ("below", "low"): 1}


def potential_share(ratings: list[dict]) -> float | None:
    """The share, in percent, of rated competencies assessed at or above their required level."""
    if not ratings:
        return None
    met = sum(1 for r in ratings if r["level"] >= r["required_level"])
    return round(100 * met / len(ratings), 2)


def potential(share: float, high: float = 100, medium: float = 80) -> str:
    return "high" if share >= high else "medium" if share >= medium else "low"


def placement(predikat: str | None, ratings: list[dict], performance_of: dict[str, str],
              high: float = 100, medium: float = 80) -> dict | None:
    """Where one supervisor assessment puts the employee: performance from the predikat,
    potential from the share of competencies at or above the requirement; None without either."""
    row = performance_of.get(predikat or "")
    share = potential_share(ratings)
    if row not in PERFORMANCE or share is None:
        return None
    column = potential(share, high, medium)
    return {"performance": row, "potential": column, "share": share,
            "box": BOXES[(row, column)]}
