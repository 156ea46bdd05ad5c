"""Seeding the dialogue and training pages' tests through the services' public APIs: both
assessments of an employee submitted far enough apart to make discrepancies, then polling until
the feedback service has opened the dialogue and training has assigned the gaps."""
from __future__ import annotations

import time
from dataclasses import dataclass

from tools.apiclient import ApiClient, ApiError, client_for, dev_token
from shared.auth import EMPLOYEE, TRAINING_ADMIN
from shared.config import Settings

# Job levels that require more than level 1: a supervisor can rate below them (a gap, training).
GAP_LEVELS = ("PENGAWAS", "ADMINISTRATOR", "AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA")
WAIT_SECONDS = 180  # the consumers share two cores with every other test run


@dataclass(frozen=True)
class Seeded:
    """One employee's compared assessments: which competency became which agenda item."""

    nip: str
    blind_spot: str       # rated by the employee 2 levels above the supervisor (a gap if required > 1)
    hidden_strength: str  # rated 2 below the supervisor, who rated it 5
    gap: tuple[int, int]  # (assessed, required) of the blind spot's competency
    dialogue_id: str


def as_person(settings: Settings, service: str, nip: str, *roles: str) -> ApiClient:
    return client_for(settings, service, dev_token(settings, nip, list(roles) or [EMPLOYEE]))


def wait_for(what: str, probe, seconds: float = WAIT_SECONDS):
    """``probe()``'s first truthy answer, polled until ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"waited {seconds}s for {what}")


def _body(levels: dict[str, int]) -> dict:
    return {"ratings": [{"competency": code, "level": level, "evidence": f"Bukti {code}",
                         "comment": "Pengamatan triwulan ini"} for code, level in levels.items()],
            "work_result": "SESUAI", "work_behaviour": "SESUAI"}


def assess(settings: Settings, period: str, employee) -> Seeded:
    """Submit the self and the supervisor assessment of ``employee`` (a demo Employee) and wait
    for the dialogue: one blind spot on a gap, one hidden strength, the rest as required."""
    me = as_person(settings, "assessment", employee.nip)
    standard = {r["competency"]: r["required_level"]
                for r in me.get(f"/positions/{employee.position.code}")["standard"]}
    codes = sorted(standard, key=lambda c: (-standard[c], c))
    low, high = codes[0], codes[1]   # the highest requirement leaves room for a gap below it
    boss = dict(standard, **{low: max(standard[low] - 1, 1), high: 5})
    own = dict(standard, **{low: boss[low] + 2, high: 3})  # 2 above, 2 below the supervisor
    base = f"/periods/{period}/assessments/{employee.nip}"
    me.post(f"{base}/self/submission", _body(own))
    as_person(settings, "assessment", employee.supervisor_nip).post(
        f"{base}/supervisor/submission", _body(boss))
    feedback = as_person(settings, "feedback", employee.nip)
    dialogue = wait_for(f"the dialogue of {employee.nip}",
                        lambda: feedback.get("/me/dialogues"))[0]
    return Seeded(employee.nip, low, high, (boss[low], standard[low]), dialogue["dialogue_id"])


def hold(settings: Settings, seeded: Seeded, supervisor_nip: str, summary: str) -> dict:
    """The supervisor schedules the dialogue and records feedback on its first item (by API)."""
    boss = as_person(settings, "feedback", supervisor_nip)
    path = f"/dialogues/{seeded.dialogue_id}"
    boss.post(f"{path}/schedule", {"scheduled_at": "2026-12-10T09:00:00+07:00",
                                   "location": "Ruang Rapat Sekretariat"})
    return boss.post(f"{path}/feedback", {"summary": summary, "items": [
        {"item": 1, "went_well": "Aktif dalam rapat", "to_improve": "Perjelas pesan tertulis"}]})


def assignments(settings: Settings, nip: str) -> list[dict]:
    """The employee's training assignments, once training has consumed the supervisor's gaps."""
    training = as_person(settings, "training", nip)

    def planned():
        try:
            return training.get("/me/plan")["assignments"]
        except ApiError as error:  # not consumed the employee yet
            if error.status != 404:
                raise
            return []
    return wait_for(f"training assignments of {nip}", planned)


def verify_reports(settings: Settings, nip: str) -> int:
    """A training admin verifies every pending completion report of ``nip``; how many."""
    admin = as_person(settings, "training", nip, TRAINING_ADMIN)
    pending = admin.get("/completion-reports", nip=nip, status="pending")
    for report in pending:
        admin.post(f"/completion-reports/{report['report_id']}/verify")
    return len(pending)
