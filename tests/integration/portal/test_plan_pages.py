"""Rencana kinerja through the portal, against the real services, without a browser: only the
employee, their official, HR and auditors read a plan or download its evidence; only the
official agrees; a refusal changes nothing. (The flow itself: tests/browser/test_portal_plan.py.)"""
from __future__ import annotations

import io
import re

import pytest

from tests.support.portal import Browserless, seed
from tests.support.portal_assessing import caller, standard_of
from tests.support.portal_curve import closed_after
from tests.support.portal_hr import hr_client, open_past_period

SEED = 12037  # this file's own people


def html(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.fixture(scope="module")
def office(platform):
    """An employee's agreed plan."""
    small = seed(platform.settings, employees=8, units=2, seed_value=SEED)
    hr = hr_client(platform.settings, small)
    period = open_past_period(hr, 2009, 3)
    person = small.employee
    plan = f"/periods/{period}/plans/{person.nip}"
    caller(platform.settings, person.nip).post(f"{plan}/proposal", {"results": [
        {"text": "Layanan mutasi", "indicators": [{"text": "Usul selesai"}]}]})
    caller(platform.settings, person.supervisor_nip).post(f"{plan}/agreement", {})
    with closed_after(hr, period):
        yield {"small": small, "period": period, "person": person, "plan": plan}


def signed_in(app, nip: str, role: str = "employee") -> Browserless:
    who = Browserless(app)
    who.sign_in(nip, role)
    return who


def outsider_of(office):
    person, small = office["person"], office["small"]
    return next(e for e in small.agency.employees
                if e.nip not in (person.nip, person.supervisor_nip, small.head.nip))


def test_only_the_people_of_a_plan_read_it(app, office):
    period, person = office["period"], office["person"]
    one = f"/rencana-tim/{period}/{person.nip}"
    assert signed_in(app, outsider_of(office).nip).get(one).status_code == 403
    assert "Disetujui" in html(signed_in(app, person.supervisor_nip).get(one))
    assert "Disetujui" in html(signed_in(app, person.nip).get(f"/rencana/{period}"))
    assert signed_in(app, office["small"].head.nip, "auditor").get(one).status_code == 200


def test_only_the_official_agrees_or_returns_and_a_refusal_changes_nothing(app, office):
    period, person = office["period"], office["person"]
    one = f"/rencana-tim/{period}/{person.nip}"
    outsider = signed_in(app, outsider_of(office).nip)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html(outsider.get("/"))).group(1)
    answer = outsider.client.post(one, data={"csrf_token": token, "action": "return",
                                             "note": "x"})
    assert answer.status_code == 403
    mine = signed_in(app, person.nip)
    answer = mine.submit(f"/rencana/{period}", f"/rencana/{period}/susun", {
        "r0_text": "Layanan", "r0_i0_text": "Usul", "r0_i0_target": "banyak"})
    assert answer.status_code == 422 and "Target angka harus berupa angka" in html(answer)
    assert "Disetujui" in html(mine.get(f"/rencana/{period}"))


def test_evidence_files_are_downloaded_only_by_those_who_may(app, office):
    period, person = office["period"], office["person"]
    mine = signed_in(app, person.nip)
    page = f"/rencana/{period}"
    answer = mine.submit(page, f"/rencana/{period}/bukti/1/berkas", {
        "file": (io.BytesIO(b"rekap mutasi"), "rekap.txt", "text/plain")},
        content_type="multipart/form-data")
    assert answer.status_code == 302
    found = re.search(r'href="(/bukti/[^"]+)"', html(mine.get(page))).group(1)
    assert mine.get(found).data == b"rekap mutasi"
    assert signed_in(app, person.supervisor_nip).get(found).data == b"rekap mutasi"
    assert signed_in(app, outsider_of(office).nip).get(found).status_code == 403
    empty = mine.submit(page, f"/rencana/{period}/bukti/1", {"text": "", "url": ""})
    assert empty.status_code == 302 and "Tulis keterangan atau tautan" in html(mine.get(page))


def test_a_rating_other_than_the_proposal_is_refused_without_its_reason(app, office, platform):
    period, person = office["period"], office["person"]
    boss = caller(platform.settings, person.supervisor_nip)
    boss.post(f"{office['plan']}/results/1/realisation", {"realisation": "SESUAI"})
    ratings = [{"competency": c, "level": 3} for c in standard_of(platform.settings, person.nip)]
    boss.put(f"/periods/{period}/assessments/{person.nip}/supervisor/draft",
             {"ratings": ratings, "work_result": "DI_BAWAH", "work_behaviour": "SESUAI"})
    official = signed_in(app, person.supervisor_nip)
    check = f"/tim-saya/{period}/{person.nip}/periksa"
    assert "Alasan hasil kerja berbeda dari usulan" in html(official.get(check))
    answer = official.submit(check, f"/tim-saya/{period}/{person.nip}/kirim", {})
    assert answer.status_code == 422 and "tulis alasannya" in html(answer)
    assert caller(platform.settings, person.nip).get(office["plan"])["work_result"] is None
    answer = official.submit(check, f"/tim-saya/{period}/{person.nip}/kirim",
                             {"work_result_reason": "Dua laporan terlambat"})
    assert answer.status_code == 302
    plan = caller(platform.settings, person.nip).get(office["plan"])
    assert (plan["work_result"], plan["work_result_reason"]) == ("DI_BAWAH",
                                                                 "Dua laporan terlambat")


def test_the_plan_pages_in_english(app, office):
    period, person = office["period"], office["person"]
    mine = signed_in(app, person.nip)
    mine.client.set_cookie("asn_lang", "en")
    page = html(mine.get(f"/rencana/{period}"))
    assert f"Performance plan (SKP) of period {period}" in page
    assert "Service-oriented" in page and "Agreed" in page
    assert "Write the performance plan" in html(mine.get(f"/rencana/{period}/susun")) or \
        "Revise the performance plan" in html(mine.get(f"/rencana/{period}/susun"))
    official = signed_in(app, person.supervisor_nip)
    official.client.set_cookie("asn_lang", "en")
    assert "performance plans of period" in html(official.get(f"/rencana-tim/{period}"))


def test_only_bkpsdm_opens_the_list_of_plans(app, office):
    period, person, head = office["period"], office["person"], office["small"].head.nip
    page = f"/rencana-pegawai/{period}?unit={person.unit_code}&status=agreed"
    assert signed_in(app, person.supervisor_nip).get(page).status_code == 403
    assert signed_in(app, head, "auditor").get(page).status_code == 403
    hr = signed_in(app, head, "hr_admin")
    assert hr.submit("/", "/peran", {"role": "hr_admin"}).status_code == 302
    listed = html(hr.get(page))
    assert f"rencana-{person.nip}" in listed and "Disetujui" in listed
    assert "Setujui rencana" not in html(hr.get(f"/rencana-tim/{period}/{person.nip}"))
    assert hr.get(f"/rencana-pegawai/{period}?status=draft&unit=x%20y").status_code == 200
