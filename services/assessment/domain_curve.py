"""The distribution curve (kurva distribusi, SE MenPANRB 3/2023; PermenPANRB 6/2022 Pasal 24-25):
a unit's own predikat sets the pattern its employees' predikat must follow.

The table is data (``data/distribution_rules.yaml``, read by ``reference.distribution_rules``);
this module only applies it. Pure: the standard library, the contract's vocabulary and the refusals.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

from services.assessment.contract import CLAUSE_KINDS as KINDS
from shared.errors import Invalid

ROUNDINGS = ("strict", "lenient", "nearest")
UNSET, EXEMPT, MET, BROKEN = "unset", "exempt", "met", "broken"


@dataclass(frozen=True)
class Clause:
    """One line of a pattern: its kind, the band of employee predikat it counts, its value."""

    kind: str
    band: tuple[str, ...]
    value: int = 0


@dataclass(frozen=True)
class CurveRules:
    """The agency's table: the rounding policy, the smallest unit held to it, the patterns, and
    whether a unit's curve counts the employees of the units below it."""

    rounding: str
    exempt_below: int
    patterns: Mapping[str, tuple[Clause, ...]]
    subunits: bool = True


@dataclass(frozen=True)
class ClauseResult:
    """A clause applied to a unit: ``limit`` employees needed (min) or allowed (max), ``count``
    in the band now; ``key`` names its text (``curve.clause.<kind>``, both languages)."""

    kind: str
    band: tuple[str, ...]
    value: int
    limit: int
    count: int
    met: bool

    @property
    def key(self) -> str:
        """The message key of this clause's sentence."""
        return f"curve.clause.{self.kind}"


@dataclass(frozen=True)
class CurveVerdict:
    """A unit's curve: its predikat, its employees' counts, each clause and the verdict."""

    unit_predicate: str | None
    employees: int
    counts: Mapping[str, int]
    clauses: tuple[ClauseResult, ...]
    verdict: str

    @property
    def broken(self) -> tuple[ClauseResult, ...]:
        """The clauses not met."""
        return tuple(c for c in self.clauses if not c.met)


def whole(percent: int, employees: int, bound: str, rounding: str) -> int:
    """``percent`` of ``employees`` as a whole number of employees, for a ``min`` or ``max``
    bound under the rounding policy (integer arithmetic: 60% of 10 is exactly 6)."""
    hundredths = percent * employees
    if rounding == "nearest":
        return (2 * hundredths + 100) // 200
    up = (bound == "min") == (rounding == "strict")
    return -(-hundredths // 100) if up else hundredths // 100


def apply_clause(clause: Clause, counts: Mapping[str, int], employees: int,
                 rounding: str) -> ClauseResult:
    """One clause against a unit's counts."""
    count = sum(counts.get(p, 0) for p in clause.band)
    if clause.kind == "largest":
        limit = max((n for p, n in counts.items() if p not in clause.band), default=0)
        return ClauseResult(clause.kind, clause.band, clause.value, limit, count, count >= limit)
    bound = clause.kind[:3]
    limit = (whole(clause.value, employees, bound, rounding) if clause.kind.endswith("percent")
             else clause.value)
    met = count >= limit if bound == "min" else count <= limit
    return ClauseResult(clause.kind, clause.band, clause.value, limit, count, met)


def curve_verdict(unit_predicate: str | None, employee_predicates: Iterable[str],
                  rules: CurveRules) -> CurveVerdict:
    """The unit's curve: ``unset`` without a unit predikat, ``exempt`` for a unit smaller than
    the rules hold to the pattern, else ``met`` or ``broken`` with every clause's result."""
    counts = Counter(employee_predicates)
    employees = sum(counts.values())
    if unit_predicate is None:
        return CurveVerdict(None, employees, dict(counts), (), UNSET)
    if unit_predicate not in rules.patterns:
        raise Invalid("unknown_unit_predicate", f"no distribution pattern for {unit_predicate}")
    clauses = tuple(apply_clause(c, counts, employees, rules.rounding)
                    for c in rules.patterns[unit_predicate])
    if employees == 0 or employees < rules.exempt_below:
        verdict = EXEMPT
    else:
        verdict = MET if all(c.met for c in clauses) else BROKEN
    return CurveVerdict(unit_predicate, employees, dict(counts), clauses, verdict)


def check_rules(rules: CurveRules, unit_predicates: Iterable[str], predikats: Iterable[str]) -> None:
    """Refuse a table that names an unknown predikat, kind or rounding (read at start-up)."""
    units, known = set(unit_predicates), set(predikats)
    if rules.rounding not in ROUNDINGS:
        raise Invalid("bad_rules", f"rounding must be one of {', '.join(ROUNDINGS)}")
    for unit, clauses in rules.patterns.items():
        bad = [c for c in clauses if c.kind not in KINDS or not set(c.band) <= known
               or not c.band or c.value < 0]
        if unit not in units or bad:
            raise Invalid("bad_rules", f"the pattern of {unit} is not understood: {bad}")
