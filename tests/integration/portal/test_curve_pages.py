"""Kurva distribusi and Kalibrasi through the portal, against the real services, without a
browser: only a person acting as BKPSDM opens them or sends their forms; everyone else gets the
refusal page and changes nothing. (The flows themselves: tests/browser/test_portal_curve.py.)"""
from __future__ import annotations

import re

import pytest

from tests.support.portal import Browserless, seed
from tests.support.portal_curve import assessed_baik, closed_after
from tests.support.portal_hr import hr_client, open_past_period

SEED = 12011  # this file's own people (12007 is the browser test's)


def html(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.fixture(scope="module")
def office(platform):
    small = seed(platform.settings, employees=6, units=2, seed_value=SEED)
    hr = hr_client(platform.settings, small)
    period = open_past_period(hr, 2012, 3)
    people = assessed_baik(platform.settings, small, period, count=2)
    with closed_after(hr, period):
        yield {"small": small, "hr": hr, "period": period, "people": people}


def test_hr_reads_the_curve_and_a_units_calibration(app, office):
    hr = Browserless(app)
    hr.sign_in(office["small"].head.nip, "hr_admin")
    assert hr.submit("/", "/peran", {"role": "hr_admin"}).status_code == 302
    assert 'href="/kurva"' in html(hr.get("/"))
    page = html(hr.get(f"/kurva/{office['period']}"))
    assert "Kurva distribusi predikat" in page and "Belum ditetapkan" in page
    unit = html(hr.get(f"/kurva/{office['period']}/unit/BWD"))
    assert "Simpan predikat unit" in unit
    answer = hr.submit(f"/kurva/{office['period']}/unit/BWD",
                       f"/kurva/{office['period']}/unit/BWD/predikat",
                       {"predikat": "", "basis": ""})
    assert answer.status_code == 422 and "Pilih predikat unit" in html(answer)
    assert "Tulis dasar keputusan" in html(answer)
    assert office["hr"].get(f"/periods/{office['period']}/units/BWD/curve")["predikat"] is None
    people = html(hr.get(f"/kurva/{office['period']}/unit/BWD/kalibrasi"))
    assert all(p.name in people for p in office["people"])


def test_someone_not_acting_as_hr_gets_the_refusal_page_and_changes_nothing(app, office):
    period, nip = office["period"], office["people"][0].nip
    urls = [f"/kurva", f"/kurva/{period}", f"/kurva/{period}/unit/BWD",
            f"/kurva/{period}/unit/BWD/kalibrasi"]
    employee = Browserless(app)
    employee.sign_in(office["small"].employee.nip)
    for url in urls:
        answer = employee.get(url)
        assert answer.status_code == 403 and "Anda tidak berhak membuka halaman ini" in \
            html(answer), url
    assert 'href="/kurva"' not in html(employee.get("/"))
    token = re.search(r'name="csrf_token" value="([^"]+)"', html(employee.get("/"))).group(1)
    for url, data in ((f"/kurva/{period}/unit/BWD/predikat", {"predikat": "BAIK", "basis": "x"}),
                      (f"/kurva/{period}/unit/BWD/pengecualian", {"reason": "x"}),
                      (f"/kurva/{period}/unit/BWD/kalibrasi/sesi", {}),
                      (f"/kurva/{period}/unit/BWD/kalibrasi/{nip}",
                       {"predikat": "KURANG", "reason": "x"})):
        answer = employee.client.post(url, data={"csrf_token": token, **data})
        assert answer.status_code == 403, url
    assert office["hr"].get(f"/periods/{period}/units/BWD/curve")["predikat"] is None
    assert office["hr"].get(f"/periods/{period}/units/BWD/calibration")["sessions"] == []
    hr_as_employee = Browserless(app)
    hr_as_employee.sign_in(office["small"].head.nip, "hr_admin")
    answer = hr_as_employee.get(f"/kurva/{period}")
    assert answer.status_code == 403 and "Halaman ini untuk peran BKPSDM" in html(answer)


def test_only_the_appraising_official_changes_a_predikat_from_kalibrasi(app, office):
    period, person = office["period"], office["people"][0]
    hr = office["hr"]
    hr.post(f"/periods/{period}/units/BWD/calibration")
    try:
        official = Browserless(app)
        official.sign_in(person.supervisor_nip)
        assert f"{person.name} (periode {period})" in html(official.get("/tim-saya/kalibrasi"))
        others = [e for e in office["small"].agency.employees
                  if e.nip not in (person.nip, person.supervisor_nip)]
        outsider = Browserless(app)
        outsider.sign_in(others[-1].nip)
        assert person.name not in html(outsider.get("/tim-saya/kalibrasi"))
        token = re.search(r'name="csrf_token" value="([^"]+)"',
                          html(outsider.get("/"))).group(1)
        answer = outsider.client.post(f"/tim-saya/kalibrasi/{period}/{person.nip}", data={
            "csrf_token": token, "predikat": "KURANG", "reason": "x"})
        assert answer.status_code == 403
        assert hr.get(f"/periods/{period}/assessments/{person.nip}/supervisor/"
                      "predikat-changes") == []
    finally:
        hr.post(f"/periods/{period}/units/BWD/calibration/close")
