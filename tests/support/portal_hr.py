"""Seeding for HR's pages' tests: an agency of their own, periods of past years opened and closed
through the API (so that no other test's open period changes), and the API's own counts."""
from __future__ import annotations

from contextlib import contextmanager

from tools.apiclient import ApiClient, ApiError, client_for, dev_token
from shared.auth import EMPLOYEE, HR_ADMIN
from shared.config import Settings
from tests.support.portal import SmallAgency, seed

SEED = 5309  # people no other portal test plays (frame 31 and 37, dialogue 4711-4715, assessing 4721)


def hr_agency(settings: Settings) -> SmallAgency:
    """A head of agency (who acts as HR here), a sekretaris, and their reports in two units."""
    return seed(settings, employees=10, units=2, seed_value=SEED)


def hr_client(settings: Settings, small: SmallAgency) -> ApiClient:
    return client_for(settings, "assessment",
                      dev_token(settings, small.head.nip, [EMPLOYEE, HR_ADMIN]))


def open_past_period(hr: ApiClient, year: int, quarter: int | None = None) -> str:
    """Open a period of a past year (never the newest open one, which other pages show)."""
    answer = hr.post("/periods", {"kind": "quarterly" if quarter else "annual", "year": year,
                                  "quarter": quarter})
    return answer["period_id"]


def close_if_open(hr: ApiClient, period_id: str) -> None:
    try:
        hr.post(f"/periods/{period_id}/close")
    except ApiError as error:
        if error.code not in ("period_not_open", "unknown_period"):
            raise


@contextmanager
def periods_closed_after(hr: ApiClient, *period_ids: str):
    """Close the named periods at the end, so that no other test's Beranda lists them."""
    try:
        yield
    finally:
        for period_id in period_ids:
            close_if_open(hr, period_id)


def unit_counts(hr: ApiClient, period_id: str, unit: str) -> dict:
    """The API's totals for ``unit`` (with its sub-units) in ``period_id``."""
    progress = hr.get(f"/periods/{period_id}/progress/units")
    return next(u["total"] for u in progress["units"] if u["unit_code"] == unit)
