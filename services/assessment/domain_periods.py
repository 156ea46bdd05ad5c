"""Appraisal periods: opened once (monthly, quarterly or annual, as the agency's period rules
allow), closed once; each decision returns the event to record. Pure, like ``domain``.

PermenPANRB 6/2022: the periodic appraisal is monthly or quarterly as the agency chooses, the
annual one a separate evaluation of the year (data/period_rules.yaml says which the agency uses)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from services.assessment.domain import period_bounds
from shared.errors import Conflict, Invalid, NotFound

OPEN = "open"
PERIODIC = ("monthly", "quarterly")  # the cadences of periodic appraisal


@dataclass(frozen=True)
class PeriodRules:
    """The agency's periods: the periodic cadences HR may open (one of PERIODIC, or both) and
    whether the annual appraisal is held."""

    periodic: tuple[str, ...] = ("quarterly",)
    annual: bool = True


@dataclass(frozen=True)
class AppraisalPeriodOpened:
    TYPE: ClassVar[str] = "assessment.AppraisalPeriodOpened.v1"
    period_id: str
    kind: str
    year: int
    quarter: int | None
    starts_on: str
    ends_on: str


@dataclass(frozen=True)
class MonthlyPeriodOpened(AppraisalPeriodOpened):
    """The same event for a monthly period, with its month (a quarterly or annual one has none,
    so its data is as it was before months were known)."""
    month: int


@dataclass(frozen=True)
class AppraisalPeriodClosed:
    TYPE: ClassVar[str] = "assessment.AppraisalPeriodClosed.v1"
    period_id: str


def check_rules(rules: PeriodRules) -> PeriodRules:
    """Period rules that name only known cadences, at least one of them."""
    if not rules.periodic or any(kind not in PERIODIC for kind in rules.periodic):
        raise ValueError(f"periodic: one or both of {', '.join(PERIODIC)}, not {rules.periodic}")
    return rules


def bounds(kind: str, year: int, quarter: int | None,
           month: int | None) -> tuple[str, date, date]:
    """The id and first and last day of a period: ``2026-M03`` (monthly), ``2026-Q1``
    (quarterly) or ``2026`` (annual)."""
    if kind != "monthly":
        if month is not None:
            raise Invalid("bad_period", f"a {kind} period has no month")
        return period_bounds(kind, year, quarter)
    if quarter is not None or month not in range(1, 13):
        raise Invalid("bad_period", "a monthly period needs a month from 1 to 12 and no quarter")
    first = date(year, month, 1)
    after = date(year + month // 12, month % 12 + 1, 1)
    return f"{year}-M{month:02d}", first, after - timedelta(days=1)


def check_kind(kind: str, rules: PeriodRules) -> None:
    """A period of a kind the agency's period rules use; another is refused."""
    used = rules.periodic + (("annual",) if rules.annual else ())
    if kind not in used:
        raise Invalid("period_kind_not_used",
                      f"this agency's period rules open {' and '.join(used)} periods, not {kind}",
                      errors={"kind": [f"one of {', '.join(used)} (the agency's period rules)"]})


def open_period(kind: str, year: int, quarter: int | None, month: int | None, exists: bool,
                rules: PeriodRules) -> AppraisalPeriodOpened:
    """A period of a kind the agency's rules use, opened once."""
    check_kind(kind, rules)
    period_id, first, last = bounds(kind, year, quarter, month)
    if exists:
        raise Conflict("period_exists", f"period {period_id} was already opened")
    if month is not None:
        return MonthlyPeriodOpened(period_id, kind, year, None, first.isoformat(),
                                   last.isoformat(), month)
    return AppraisalPeriodOpened(period_id, kind, year, quarter, first.isoformat(),
                                 last.isoformat())


def close_period(period_id: str, status: str | None) -> AppraisalPeriodClosed:
    """Close an open period; submissions for it are refused from then on."""
    if status is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    if status != OPEN:
        raise Conflict("period_not_open", f"period {period_id} is already closed")
    return AppraisalPeriodClosed(period_id)
