"""Seeding for the talent pages' tests: an agency of their own (seed 10357), employees whose
supervisor rated a competency at level 5 (a strength, so an opportunity), through the APIs."""
from __future__ import annotations

from tools.apiclient import ApiError
from shared.auth import EMPLOYEE, HR_ADMIN
from shared.config import Settings
from tests.support.portal import SmallAgency, seed
from tests.support.portal_dialogue import Seeded, as_person, assess, wait_for

SEED = 10357  # people no other portal test plays (31, 37, 4721, 5309, 6007, 7411, 8123, 9241 taken)


def talent_agency(settings: Settings) -> SmallAgency:
    return seed(settings, employees=10, units=2, seed_value=SEED)


def hr_nip(small: SmallAgency) -> str:
    return small.head.nip


def hr_client(settings: Settings, small: SmallAgency, service: str = "training"):
    return as_person(settings, service, hr_nip(small), EMPLOYEE, HR_ADMIN)


def opportunities_of(settings: Settings, nip: str) -> list[dict]:
    """The employee's development opportunities, once training has consumed the assessment."""
    training = as_person(settings, "training", nip)

    def found():
        try:
            return training.get("/me/plan")["opportunities"]
        except ApiError as error:
            if error.status != 404:
                raise
            return []
    return wait_for(f"opportunities of {nip}", found)


def strong_reports(settings: Settings, small: SmallAgency, count: int = 2, start: int = 0
                   ) -> list[tuple[object, Seeded, dict]]:
    """``count`` direct reports of one supervisor (from the ``start``-th), assessed (one
    competency rated 5 by the supervisor), each with its opportunity: (the demo employee, the
    seeding, the opportunity)."""
    boss = small.supervisor
    people = small.reports_of(boss.nip)[start:start + count]
    found = []
    for person in people:
        seeded = assess(settings, small.period, person)
        opportunity = next(o for o in opportunities_of(settings, person.nip)
                           if o["competency"] == seeded.hidden_strength)
        found.append((person, seeded, opportunity))
    return found
