"""Seeding for the training admin's pages' tests: an agency of their own (seed 6007), one of its
employees assessed so that training assigned a gap, and completion reports made through the API;
a second agency (seed 11351) whose learners report through the portal, for the JP progress."""
from __future__ import annotations

import uuid

from tools.apiclient import ApiClient
from shared.auth import EMPLOYEE, TRAINING_ADMIN
from shared.config import Settings
from tests.support.portal import SmallAgency, seed
from tests.support.portal_dialogue import GAP_LEVELS, Seeded, as_person, assess, assignments

SEED = 6007  # people no other portal test plays (31, 37, 4711-4715, 4721, 5309 are taken)
PROGRESS_SEED = 11351  # the JP progress test's own people (11213 is the printed form's)
HEADER = "code,title_id,title_en,form,kind,jp,competencies,level_min,level_max,provider\n"


def training_agency(settings: Settings) -> SmallAgency:
    return seed(settings, employees=10, units=2, seed_value=SEED)


def progress_agency(settings: Settings) -> SmallAgency:
    return seed(settings, employees=10, units=2, seed_value=PROGRESS_SEED)


def admin_nip(small: SmallAgency) -> str:
    return small.head.nip


def admin_client(settings: Settings, small: SmallAgency) -> ApiClient:
    return as_person(settings, "training", admin_nip(small), EMPLOYEE, TRAINING_ADMIN)


def assessed_learners(settings: Settings, small: SmallAgency, count: int = 1) -> list[tuple[Seeded, list[dict]]]:
    """``count`` employees whose supervisor rated a competency below the requirement, each with
    the training assignments it brought."""
    people = [e for e in small.agency.employees
              if e.supervisor_nip and e.position.job_level in GAP_LEVELS][:count]
    return [(seeded, assignments(settings, seeded.nip))
            for seeded in (assess(settings, small.period, person) for person in people)]


def report(settings: Settings, nip: str, assignment: dict, certificate: str) -> dict:
    """The employee reports completing ``assignment`` (through the API)."""
    return as_person(settings, "training", nip).post("/completion-reports", {
        "programme_code": assignment["programme_code"], "assignment_id": assignment["assignment_id"],
        "completed_on": "2026-01-15", "certificate_number": certificate})


def unique_code(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6].upper()}"
