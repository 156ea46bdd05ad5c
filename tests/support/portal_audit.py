"""Seeding for the auditor's pages' tests: an agency of their own whose employee's assessment went
through all three services (submitted, compared with a blind spot, training assigned for it), the
verdicts of a replay kept, and the auditor signed in."""
from __future__ import annotations

from dataclasses import dataclass

from tools.apiclient import ApiError
from shared.auth import AUDITOR
from shared.config import SERVICES, Settings
from shared.replay import replay
from services.platform import definition as service_definition
from tests.support.portal import seed
from tests.support.portal_dialogue import GAP_LEVELS, _body, as_person, wait_for

SEED = 7411  # people no other portal test plays (31, 37, 4711-4715, 4721, 5309, 6007 are taken)
AUDITOR_NIP = "196808081990031007"


@dataclass(frozen=True)
class Audited:
    """The employee whose history is read, what their assessment became, and the agency."""

    employee: object
    blind_spot: str    # rated by the employee 2 above the supervisor, who rated it as required
    gap: str           # rated by the supervisor 1 below the required level (training for the gap)
    coaching: dict     # the training assigned for the blind spot (caused by feedback's event)
    period: str
    agency: object


def audited_employee(settings: Settings) -> Audited:
    """One employee assessed by themself and their supervisor: a gap the supervisor saw (training
    assigns it because of the submission) and a blind spot on a competency without a gap
    (training assigns coaching because of feedback's discrepancy); waits for that coaching."""
    small = seed(settings, employees=10, units=2, seed_value=SEED)
    reports = small.reports_of(small.supervisor.nip)
    employee = next(r for r in reports if r.position.job_level in GAP_LEVELS)
    me = as_person(settings, "assessment", employee.nip)
    standard = {r["competency"]: r["required_level"]
                for r in me.get(f"/positions/{employee.position.code}")["standard"]}
    gap = next(c for c in sorted(standard) if standard[c] > 1)
    spot = next(c for c in sorted(standard) if c != gap and standard[c] <= 3)
    boss = dict(standard, **{gap: standard[gap] - 1})
    own = dict(standard, **{spot: standard[spot] + 2})
    base = f"/periods/{small.period}/assessments/{employee.nip}"
    me.post(f"{base}/self/submission", _body(own))
    as_person(settings, "assessment", employee.supervisor_nip).post(
        f"{base}/supervisor/submission", _body(boss))
    auditor = as_person(settings, "training", AUDITOR_NIP, AUDITOR)

    def coaching():
        try:
            events = auditor.get("/audit/events", subject=employee.nip, limit=500)["events"]
        except ApiError as error:
            if error.status != 404:
                raise
            return None
        return next((e for e in events if e["type"] == "training.TrainingAssigned.v1"
                     and e["data"]["reason"]["kind"] == "blind_spot"), None)
    return Audited(employee, spot, gap, wait_for("the coaching for the blind spot", coaching),
                   small.period, small.agency)


def replay_all(settings: Settings, ran_by: str = "auditor test") -> dict[str, object]:
    """Run the replay of every service (each keeps its verdict); the reports by service."""
    return {name: replay(service_definition(name), settings, progress=False, ran_by=ran_by)
            for name in SERVICES}
