"""Seeding for the curve pages' tests: an agency of their own, a past quarter per viewport with
every report assessed Baik by their supervisor through the API (so that the head office's curve,
once rated Baik, breaks its pattern), and closing it at the end whatever the curve says."""
from __future__ import annotations

from contextlib import contextmanager

from tools.apiclient import ApiClient, ApiError
from shared.config import Settings
from tests.support.portal import SmallAgency, seed
from tests.support.portal_assessing import submit

SEED = 12007  # taken by others: 31, 37, 4711-4715, 4721, 5309, 5417, 6007, 7411, 8123, 9241, 10357, 11213, 11351


def curve_agency(settings: Settings) -> SmallAgency:
    """A head of agency (who acts as HR here) and nine people in two units."""
    return seed(settings, employees=10, units=2, seed_value=SEED)


def assessed_baik(settings: Settings, small: SmallAgency, period_id: str, count: int = 3) -> list:
    """``count`` employees with a supervisor, each assessed Baik (hasil kerja and perilaku
    Sesuai Ekspektasi) by that supervisor in ``period_id``."""
    people = [e for e in small.agency.employees if e.supervisor_nip][:count]
    for person in people:
        submit(settings, period_id, person.nip, "supervisor", person.supervisor_nip, 3)
    return people


@contextmanager
def closed_after(hr: ApiClient, *period_ids: str):
    """Close the periods at the end, recording an exception for any unit still broken."""
    try:
        yield
    finally:
        for period_id in period_ids:
            try:
                for unit in hr.get(f"/periods/{period_id}/curve")["units"]:
                    if not unit["closable"]:
                        hr.post(f"/periods/{period_id}/units/{unit['unit_code']}/curve-exception",
                                {"reason": "Dibersihkan setelah uji"})
                hr.post(f"/periods/{period_id}/close")
            except ApiError as error:
                if error.code not in ("period_not_open", "unknown_period"):
                    raise
