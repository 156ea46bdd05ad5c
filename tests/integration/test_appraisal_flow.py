"""The whole appraisal on the real platform, over Kafka: every service's web, relay and consumer
processes on the real PostgreSQL and Kafka, every step through the public HTTP APIs with the
token of the person who takes it.

A small organisation, one open period: the employee proposes a plan that the official agrees, adds
evidence, the official records the realisations; the supervisor's assessment goes in with the
hasil kerja rating the plan proposes; HR sets the unit's predicate and reads the curve; a
calibration changes a colleague's predikat; the employee objects and the official's superior
changes the result. Training must then place both in the talent grid by the predikat that stands
(a training that ignored the calibration or the objection fails here), feedback must have compared
the employee's pair and training planned the blind spots, and a replay of each service equals live."""
from __future__ import annotations

import time

import pytest

from demo.drive import current_quarter
from services.platform import definition as service_definition
from shared.config import SERVICES
from shared.lag import service_lag
from shared.replay import replay
from tests.support import people
from tests.support.people import assessment
from tests.support.platform import running_platform
from tools.apiclient import client_for, dev_token
from tools.cli.api import period_spec

pytestmark = pytest.mark.timeout(300)

UNIT = "BKPSDM.MUTASI"
PERIOD = current_quarter()  # open now, so the days to object run from today
PLAN = f"/periods/{PERIOD}/plans/{people.EMPLOYEE}"
ONE = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/supervisor"
PEER_ONE = f"/periods/{PERIOD}/assessments/{people.PEER}/supervisor"
ORGANISATION = (
    (people.HEAD, "Dr. Siti Rahmawati", "KABAN", "BKPSDM", None),
    (people.SUPERVISOR, "Budi Santoso, S.Sos.", "KABID", UNIT, people.HEAD),
    (people.EMPLOYEE, "Ayu Lestari, S.Psi.", "ANALIS", UNIT, people.SUPERVISOR),
    (people.PEER, "Rudi Hartono", "ANALIS", UNIT, people.SUPERVISOR))


def rhk(text: str, main: bool) -> dict:
    return {"text": text, "main": main, "supports": None, "indicators": [{
        "text": f"Jumlah {text.lower()}", "quantity": "12 dokumen", "quality": "sesuai SOP",
        "time": "akhir triwulan", "target": 12, "unit": "dokumen"}]}


@pytest.fixture(scope="module")
def platform(infra, tmp_path_factory):
    with running_platform(infra, tmp_path_factory.mktemp("appraisal-flow"),
                          web_workers=2) as running:
        yield running


@pytest.fixture(scope="module")
def as_(platform):
    """A client of a service as a person: as_(nip)('assessment'), with role employee by default."""
    settings = platform.settings

    def person(nip: str, role: str = "employee"):
        token = dev_token(settings, nip, [role])
        return lambda service: client_for(settings, service, token)
    return person


def register(hr) -> None:
    """HR registers two units, three positions and four people, and opens the period."""
    hr.post("/units", {"code": "BKPSDM", "name": "Badan Kepegawaian dan Pengembangan SDM"})
    hr.post("/units", {"code": UNIT, "name": "Bidang Mutasi", "parent_code": "BKPSDM"})
    for code, title, level in (("KABAN", "Kepala Badan", "JPT_PRATAMA"),
                               ("KABID", "Kepala Bidang Mutasi", "ADMINISTRATOR"),
                               ("ANALIS", "Analis SDM Aparatur", "AHLI_PERTAMA")):
        hr.put(f"/positions/{code}", {"title": title, "job_level": level})
    for nip, name, position, unit, boss in ORGANISATION:
        hr.post("/employees", {"nip": nip, "name": name, "position_code": position,
                               "unit_code": unit, "supervisor_nip": boss})
    hr.post("/periods", period_spec(PERIOD))


def plan_and_realise(ayu, budi) -> dict:
    """Ayu proposes, Budi agrees with a special expectation, Ayu adds evidence, Budi records the
    realisations; the plan then proposes the hasil kerja rating."""
    ayu.post(PLAN + "/proposal", {"results": [rhk("SK mutasi", True), rhk("Laporan", False)]})
    agreed = budi.post(PLAN + "/agreement", {"expectations": {"akuntabel": "Laporan tepat waktu"}})
    assert (agreed["status"], agreed["agreed_revision"]) == ("agreed", 1)
    ayu.post(PLAN + "/results/1/evidence", {"text": "12 SK mutasi terbit"})
    ayu.post(PLAN + "/results/2/evidence", {"url": "https://arsip.example.go.id/laporan-mutasi"})
    for number, realisation in ((1, "DI_ATAS"), (2, "DI_ATAS")):
        budi.post(f"{PLAN}/results/{number}/realisation",
                  {"realisation": realisation, "note": "Target terlampaui"})
    plan = ayu.get(PLAN)
    assert [len(r["evidence"]) for r in plan["results"]] == [1, 1]
    return plan


def wait_for(what: str, check, platform, seen=None, timeout: float = 90):
    """Poll ``check()`` until it returns something true; fail saying what never happened, what
    ``seen()`` shows then, and the processes' logs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    pytest.fail(f"{what} did not happen within {timeout:.0f} s"
                f"{f'; found {seen()}' if seen else ''}\n{platform.logs(worst=True)}")


def caught_up(platform) -> bool:
    return all(service_lag(service_definition(s), platform.settings).caught_up for s in SERVICES)


def test_plan_ratings_curve_calibration_objection_reach_training_and_replay_equals_live(
        platform, as_):
    hr = as_(people.HR, "hr_admin")("assessment")
    register(hr)
    ayu, budi, siti = (as_(nip)("assessment") for nip in (
        people.EMPLOYEE, people.SUPERVISOR, people.HEAD))
    assert plan_and_realise(ayu, budi)["work_result_proposed"] == "DI_ATAS"

    # The ratings: the self-assessment, then the supervisor's with the proposed hasil kerja (M.03
    # and M.08 two levels under Ayu's own view: blind spots for feedback to report and training
    # to plan); Rudi and Budi assessed too.
    blind = assessment(work_result="DI_ATAS", M_03=1, M_08=1)
    ayu.post(f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/self/submission", assessment())
    submitted = budi.post(f"{ONE}/submission", blind)
    assert submitted["predikat"] == "BAIK"
    assert hr.get(PLAN)["work_result"] == "DI_ATAS"
    budi.post(f"{PEER_ONE}/submission", assessment())
    siti.post(f"/periods/{PERIOD}/assessments/{people.SUPERVISOR}/supervisor/submission",
              assessment())

    # The curve: the unit rated Baik, its three people all Baik, the pattern broken.
    hr.put(f"/periods/{PERIOD}/units/{UNIT}/predicate",
           {"predikat": "BAIK", "basis": "Keputusan Kepala Badan Nomor 800/12/2026"})
    curve = hr.get(f"/periods/{PERIOD}/units/{UNIT}/curve")
    assert (curve["verdict"], curve["employees"]) == ("broken", 3)

    # The calibration: Budi lowers Rudi's predikat with a reason; the curve is met.
    hr.post(f"/periods/{PERIOD}/units/{UNIT}/calibration")
    changed = budi.post(f"{PEER_ONE}/calibration", {
        "predikat": "BUTUH_PERBAIKAN", "reason": "Dua target utama tidak tercapai"})
    assert (changed["previous"], changed["predikat"]) == ("BAIK", "BUTUH_PERBAIKAN")
    hr.post(f"/periods/{PERIOD}/units/{UNIT}/calibration/close")
    assert hr.get(f"/periods/{PERIOD}/units/{UNIT}/curve")["verdict"] == "met"

    # The objection: Ayu objects, Budi explains, Siti (Budi's superior) changes the result.
    filed = ayu.post(f"{ONE}/objection", {"reasons": "Semua target utama terlampaui"})
    assert (filed["status"], filed["superior_nip"]) == ("filed", people.HEAD)
    budi.post(f"{ONE}/objection/explanation", {"explanation": "Perilaku baru sesuai ekspektasi"})
    decided = siti.post(f"{ONE}/objection/decision", {
        "decision": "changed", "predikat": "SANGAT_BAIK", "reason": "Bukti dukung lengkap"})
    assert (decided["decision"], decided["new_predikat"]) == ("changed", "SANGAT_BAIK")
    assert hr.get(ONE)["predikat"] == "SANGAT_BAIK"

    # Training applies both: the talent grid places each by the predikat that stands.
    training = as_(people.HR, "hr_admin")("training")
    standing = {people.EMPLOYEE: "SANGAT_BAIK", people.PEER: "BUTUH_PERBAIKAN",
                people.SUPERVISOR: "BAIK"}

    def placed() -> dict:
        grid = training.get(f"/units/{UNIT}/talent", period=PERIOD)
        return {p["nip"]: p["predikat"] for p in grid["placed"]}
    wait_for(f"training placing the talent grid by the predikat that stands {standing}"
             " (the calibration and the objection's decision applied)",
             lambda: placed() == standing, platform, seen=placed)
    grid = training.get(f"/units/{UNIT}/talent", period=PERIOD)
    ayu_box = next(p for p in grid["placed"] if p["nip"] == people.EMPLOYEE)
    assert ayu_box["performance"] == "above", ayu_box

    # As for any submission: feedback compared Ayu's pair, training planned her blind spots.
    feedback = as_(people.HR, "hr_admin")("feedback")
    wait_for("feedback comparing Ayu's self and supervisor assessments",
             lambda: feedback.get(f"/employees/{people.EMPLOYEE}/comparisons"), platform)
    assignments = wait_for("training assigning Ayu's blind spots", lambda: [
        a for a in training.get_all("/assignments", year=int(PERIOD[:4]))
        if a["nip"] == people.EMPLOYEE and a["status"] != "cancelled"], platform)
    assert {(a["competency"], a["reason"]["kind"]) for a in assignments} == {
        ("M.03", "blind_spot"), ("M.08", "blind_spot")}

    # Everything published and applied; then each service's replay equals live.
    wait_for("every relay publishing and every consumer applying", lambda: caught_up(platform),
             platform)
    for service in SERVICES:
        report = replay(service_definition(service), platform.settings, progress=False)
        assert report.equal, (service, [t.table for t in report.tables if not t.equal])
