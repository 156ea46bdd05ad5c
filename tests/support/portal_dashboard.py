"""Seeding HR's dashboard tests: a small agency of its own (seed 8123) in units no other test
uses, one past quarter (2015-Q4) assessed through the public APIs so that every figure of the
dashboard is known in advance, a dialogue held, completions recorded, then the period closed.

    DSB            Badan Uji Dasbor          H  head (no supervisor: not assessed, no dialogue)
    DSB.SEK        Sekretariat Uji           S  sekretaris (ADMINISTRATOR, required 3), reports to H
                                             A  analis (AHLI_MUDA, 2), reports to S
                                             B  pengelola (PELAKSANA, 1), reports to S
    DSB.SEK.UMUM   Subbagian Umum Uji        K  kasubbag (PENGAWAS, 2), reports to S
                                             C  analis, reports to K
                                             D  pengelola, reports to K

Supervisor's levels (self in brackets) over the 9 core competencies, the work ratings, and what
follows: S all 3 but M.08 2 (self all 3), DI_ATAS/DI_ATAS: Sangat Baik, JPM 26/27 = 96.30;
A all 2 (self M.03 4): Baik, JPM 100, a blind spot; B all 1 but M.03 3 (self all 1): Baik,
JPM 100, a hidden strength; K all 1 (self all 3), DI_BAWAH/SESUAI: Butuh Perbaikan, JPM 50,
9 blind spots; C all 2 but M.01 and M.02 1 (self the same), SESUAI/DI_BAWAH: Kurang/Misconduct,
JPM 88.89; D all 1 (self the same): Baik, JPM 100. A's dialogue is held (feedback, then
acknowledged); the other five are overdue (the period ended long ago). K completes 20 JP in 2015,
C 8 JP.
"""
from __future__ import annotations

from dataclasses import dataclass

from demo.agency import Agency, Employee, Position, Unit, generate
from demo.drive import register
from tools.apiclient import ApiError, client_for, dev_token
from shared.auth import EMPLOYEE, HR_ADMIN, TRAINING_ADMIN
from shared.config import Settings
from tests.support.portal_dialogue import as_person, wait_for
from tests.support.portal_hr import close_if_open

SEED = 8123
PERIOD = "2015-Q4"
ROOT, SEK, UMUM = "DSB", "DSB.SEK", "DSB.SEK.UMUM"
UNITS = (Unit(ROOT, "Badan Uji Dasbor", None), Unit(SEK, "Sekretariat Uji", ROOT),
         Unit(UMUM, "Subbagian Umum Uji", SEK))
POSITIONS = {"H": Position("DSB-KEPALA", "Kepala Badan Uji", "JPT_PRATAMA"),
             "S": Position("DSB-SEKRETARIS", "Sekretaris Uji", "ADMINISTRATOR"),
             "A": Position("DSB-ANALIS", "Analis SDM Uji", "AHLI_MUDA"),
             "B": Position("DSB-PENGELOLA", "Pengelola Data Uji", "PELAKSANA"),
             "K": Position("DSB-KASUBBAG", "Kepala Subbagian Uji", "PENGAWAS")}
CORE = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")


def levels(base: int, **changed: int) -> dict[str, int]:
    return {code: changed.get(code.replace(".", "_"), base) for code in CORE}


# who: (unit, position key, supervisor, supervisor's levels, self levels, hasil kerja, perilaku)
PLAN = {
    "S": (SEK, "S", "H", levels(3, M_08=2), levels(3), "DI_ATAS", "DI_ATAS"),
    "A": (SEK, "A", "S", levels(2), levels(2, M_03=4), "SESUAI", "SESUAI"),
    "B": (SEK, "B", "S", levels(1, M_03=3), levels(1), "SESUAI", "SESUAI"),
    "K": (UMUM, "K", "S", levels(1), levels(3), "DI_BAWAH", "SESUAI"),
    "C": (UMUM, "A", "K", levels(2, M_01=1, M_02=1), levels(2, M_01=1, M_02=1), "SESUAI", "DI_BAWAH"),
    "D": (UMUM, "B", "K", levels(1), levels(1), "SESUAI", "SESUAI"),
}


@dataclass(frozen=True)
class DashboardAgency:
    agency: Agency
    people: dict[str, Employee]   # by the letters above

    @property
    def head(self) -> Employee:
        return self.people["H"]


def dashboard_agency() -> DashboardAgency:
    """Names and valid NIPs from the demo's generator, placed in the units above."""
    generated = generate(employees=7, units=1, seed=SEED).employees
    people = {"H": Employee(generated[0].nip, generated[0].name, POSITIONS["H"], ROOT, None)}
    for (letter, (unit, position, boss, *_)), person in zip(PLAN.items(), generated[1:]):
        people[letter] = Employee(person.nip, person.name, POSITIONS[position], unit,
                                  people[boss].nip)
    return DashboardAgency(Agency(UNITS, tuple(people.values())), people)


def _body(chosen: dict[str, int], work_result: str, work_behaviour: str) -> dict:
    return {"ratings": [{"competency": c, "level": level} for c, level in chosen.items()],
            "work_result": work_result, "work_behaviour": work_behaviour}


def seed_dashboard(settings: Settings) -> DashboardAgency:
    """Register the agency, assess the period, hold A's dialogue, record the JP; idempotent
    enough for a rerun on the same platform (a period already there is left as it is)."""
    small = dashboard_agency()
    people = small.people
    hr = client_for(settings, "assessment", dev_token(settings, small.head.nip, [EMPLOYEE, HR_ADMIN]))
    register(hr, small.agency)
    if any(p["period_id"] == PERIOD for p in hr.get("/periods")):
        return small
    hr.post("/periods", {"kind": "quarterly", "year": 2015, "quarter": 4})
    try:
        for letter, (_, _, boss, boss_levels, own_levels, result, behaviour) in PLAN.items():
            nip = people[letter].nip
            base = f"/periods/{PERIOD}/assessments/{nip}"
            as_person(settings, "assessment", nip).post(
                f"{base}/self/submission", _body(own_levels, "SESUAI", "SESUAI"))
            as_person(settings, "assessment", people[boss].nip).post(
                f"{base}/supervisor/submission", _body(boss_levels, result, behaviour))
        _hold_dialogue(settings, people["A"].nip, people["S"].nip)
        for letter in PLAN:
            _wait_for_comparison(settings, people[letter].nip)
        _complete(settings, people["K"].nip, 20)
        _complete(settings, people["C"].nip, 8)
    finally:
        close_if_open(hr, PERIOD)
    return small


def _wait_for_comparison(settings: Settings, nip: str) -> None:
    feedback = as_person(settings, "feedback", nip)
    wait_for(f"the comparison of {nip}", lambda: [
        c for c in feedback.get(f"/employees/{nip}/comparisons")
        if c["period_id"] == PERIOD and c["current"]])


def _hold_dialogue(settings: Settings, nip: str, boss_nip: str) -> None:
    me = as_person(settings, "feedback", nip)
    dialogue = wait_for(f"the dialogue of {nip}", lambda: [
        d for d in me.get("/me/dialogues") if d["period_id"] == PERIOD])[0]
    path = f"/dialogues/{dialogue['dialogue_id']}"
    as_person(settings, "feedback", boss_nip).post(f"{path}/feedback", {
        "summary": "Komunikasi tertulis perlu diperjelas", "items": [
            {"item": 1, "went_well": "Aktif dalam rapat", "to_improve": "Perjelas pesan"}]})
    me.post(f"{path}/acknowledgement", {"agrees": True, "response": "Setuju"})


def _complete(settings: Settings, nip: str, jp: int) -> None:
    """A training admin records one of the employee's 2015 assignments done with ``jp`` JP."""
    admin = as_person(settings, "training", nip, TRAINING_ADMIN)

    def assigned():
        try:
            return [a for a in admin.get("/assignments", nip=nip, year=2015)
                    if a["status"] == "assigned"]
        except ApiError as error:
            if error.status != 404:
                raise
            return []
    first = wait_for(f"the training assignments of {nip}", assigned)[0]
    admin.post(f"/assignments/{first['assignment_id']}/complete",
               {"completed_on": "2015-12-01", "certificate_number": f"SERT/UJI/{nip[-4:]}",
                "jp": jp})
