"""Seeding for the assessing pages' tests: an agency of their own, assessments submitted through
the API as their authors would, and waiting until the feedback service has compared them."""
from __future__ import annotations

import time

from tools.apiclient import ApiClient, ApiError, client_for, dev_token
from shared.auth import EMPLOYEE
from shared.config import Settings
from tests.support.portal import SmallAgency, seed

SEED = 4721  # people no other portal test plays (the frame plays 31, dialogue 4711-4715)


def assessing_agency(settings: Settings) -> SmallAgency:
    """A second agency in the platform: a sekretaris with six direct reports."""
    return seed(settings, employees=12, units=2, seed_value=SEED)


def caller(settings: Settings, nip: str, service: str = "assessment") -> ApiClient:
    return client_for(settings, service, dev_token(settings, nip, [EMPLOYEE]))


def standard_of(settings: Settings, nip: str) -> list[str]:
    """The competency codes of an employee's position standard."""
    api = caller(settings, nip)
    position = api.get(f"/employees/{nip}")["position_code"]
    return [r["competency"] for r in api.get(f"/positions/{position}")["standard"]]


def form_of(codes: list[str], level: int, **extra) -> dict:
    """What a person fills in: a level and evidence for each competency, both work ratings."""
    data = {"work_result": "SESUAI", "work_behaviour": "SESUAI"}
    for code in codes:
        slug = code.replace(".", "-").lower()
        data[f"level-{slug}"] = str(level)
        data[f"evidence-{slug}"] = f"Bukti {code}"
    return {**data, **extra}


def submit(settings: Settings, period: str, nip: str, role: str, assessor: str, level: int,
           work_result: str = "SESUAI", work_behaviour: str = "SESUAI") -> dict:
    """Submit a complete assessment through the API, as ``assessor``."""
    ratings = [{"competency": code, "level": level} for code in standard_of(settings, nip)]
    return caller(settings, assessor).post(
        f"/periods/{period}/assessments/{nip}/{role}/submission",
        {"ratings": ratings, "work_result": work_result, "work_behaviour": work_behaviour})


def compared(settings: Settings, period: str, nip: str, timeout: float = 120.0) -> dict:
    """The feedback service's current comparison of ``nip`` once it has consumed both sides."""
    feedback = caller(settings, nip, "feedback")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = [c for c in feedback.get(f"/employees/{nip}/comparisons")
                     if c["period_id"] == period and c["current"]]
        except ApiError as error:  # feedback has not consumed the employee's registration yet
            if error.status != 404:
                raise
            found = []
        if found:
            return found[0]
        time.sleep(0.25)
    raise AssertionError(f"feedback did not compare {nip} within {timeout} s")
