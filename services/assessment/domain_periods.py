"""Appraisal periods: opened once (quarterly or annual), closed once; each decision returns the
event to record. Pure, like ``domain``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from services.assessment.domain import period_bounds
from shared.errors import Conflict, NotFound

OPEN = "open"


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
class AppraisalPeriodClosed:
    TYPE: ClassVar[str] = "assessment.AppraisalPeriodClosed.v1"
    period_id: str


def open_period(kind: str, year: int, quarter: int | None, exists: bool) -> AppraisalPeriodOpened:
    """A quarterly or annual appraisal period, opened once."""
    period_id, first, last = period_bounds(kind, year, quarter)
    if exists:
        raise Conflict("period_exists", f"period {period_id} was already opened")
    return AppraisalPeriodOpened(period_id, kind, year, quarter, first.isoformat(), last.isoformat())


def close_period(period_id: str, status: str | None) -> AppraisalPeriodClosed:
    """Close an open period; submissions for it are refused from then on."""
    if status is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    if status != OPEN:
        raise Conflict("period_not_open", f"period {period_id} is already closed")
    return AppraisalPeriodClosed(period_id)
