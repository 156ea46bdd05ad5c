"""The talent 9-box of PermenPANRB 3/2020 (manajemen talenta), pure: where an assessment places
an employee (performance from the predikat, potential from the share of competencies met)."""
from __future__ import annotations

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
