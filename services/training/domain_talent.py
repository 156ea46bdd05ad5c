"""The talent 9-box of PermenPANRB 3/2020 (manajemen talenta), pure: where an assessment places
an employee (performance from the predikat, potential from the share of competencies met); and
who belongs to the succession group of PP 11/2017 Pasal 199."""
from __future__ import annotations

from dataclasses import dataclass

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
    """The potential column a share of competencies met puts the employee in."""
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


@dataclass(frozen=True)
class Succession:
    """PP 11/2017 Pasal 199's succession group as an agency's rule: competencies that fit (this
    share in percent at or above the required level), the development duty met (the minimum JP of
    the year), and at least one of ``predikats`` in each of the last ``years`` years."""

    competency_share: float = 100
    years: int = 2
    predikats: tuple[str, ...] = ("SANGAT_BAIK", "BAIK")


def succession_gaps(share: float | None, completed_jp: int, minimum_jp: int,
                    results: dict[int, str | None], year: int, rule: Succession) -> list[dict]:
    """What keeps an employee out of the succession group in ``year`` (none: they are in it).
    ``share``: of their latest supervisor assessment (None without one); ``results``: year -> the
    predikat of their latest supervisor assessment that year."""
    gaps = []
    if share is None or share < rule.competency_share:
        gaps.append({"criterion": "competency", "share": share})
    if completed_jp < minimum_jp:
        gaps.append({"criterion": "development", "completed_jp": completed_jp})
    for past in range(year - rule.years + 1, year + 1):
        if results.get(past) not in rule.predikats:
            gaps.append({"criterion": "performance", "year": past, "predikat": results.get(past)})
    return gaps
