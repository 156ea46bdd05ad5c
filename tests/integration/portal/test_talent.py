"""Strengths put to use and the talent view through the portal, against the real services: the
supervisor assigns a role from Peluang tim (a bad input refused at its field, a check page, a
confirmation; never twice), the employee reads it on Pelatihan saya, HR's Peluang dan peran, the
roles report and its CSV (a formula-like text written as text), Talenta (the 9-box as a table
with its numbers), and the 403 page for anyone else."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from markupsafe import escape

from tests.support.portal import Browserless
from tests.support.portal_dialogue import as_person
from tests.support.portal_talent import hr_client, hr_nip, strong_reports, talent_agency


def html(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.fixture(scope="module")
def office(platform):
    """The agency (seed 10357): one supervisor's two reports, each with an opportunity."""
    small = talent_agency(platform.settings)
    return {"small": small, "reports": strong_reports(platform.settings, small, count=2),
            "settings": platform.settings, "api": hr_client(platform.settings, small)}


def as_hr(app, office) -> Browserless:
    person = Browserless(app)
    person.sign_in(hr_nip(office["small"]), "hr_admin")
    assert person.submit("/", "/peran", {"role": "hr_admin"}).status_code == 302
    return person


def path(o: dict) -> str:
    return f"/peluang/{o['nip']}/{o['period_id']}/{o['competency']}"


def test_the_supervisor_assigns_a_role_and_the_employee_reads_it(app, office):
    person, _, o = office["reports"][0]
    boss = Browserless(app)
    boss.sign_in(office["small"].supervisor.nip)
    team = html(boss.get("/tim/peluang"))
    assert 'href="/tim/peluang"' in team and person.name in team
    assert f'href="{path(o)}/tetapkan"' in team
    form = html(boss.get(f"{path(o)}/tetapkan"))
    assert o["suggestion"]["id"] in form  # the suggestion, to keep or edit

    blank = boss.submit(f"{path(o)}/tetapkan", f"{path(o)}/tetapkan",
                        {"role": " ", "starts_on": "", "programme_code": "", "note": ""})
    assert blank.status_code == 422
    page = html(blank)
    assert 'href="#role"' in page and 'href="#starts_on"' in page and 'aria-invalid="true"' in page

    role = "Menjadi narasumber pada acara resmi instansi"
    typed = {"role": role, "starts_on": "04-01-2027", "programme_code": "", "note": "Rapat koordinasi"}
    answer = boss.submit(f"{path(o)}/tetapkan", f"{path(o)}/tetapkan", typed)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/tetapkan/periksa")
    refused = boss.submit(f"{path(o)}/tetapkan/periksa", f"{path(o)}/tetapkan/kirim", {})
    assert refused.status_code == 422  # the service refuses the date: at its field, typing kept
    page = html(refused)
    assert re.search(r'<p class="field-error" id="starts_on-error">Isi tanggal mulai', page)
    assert 'value="04-01-2027"' in page and "Rapat koordinasi" in page

    boss.submit(f"{path(o)}/tetapkan", f"{path(o)}/tetapkan", {**typed, "starts_on": "2027-01-04"})
    check = html(boss.get(f"{path(o)}/tetapkan/periksa"))
    assert "Periksa sebelum menetapkan" in check and "4 Januari 2027" in check
    done = boss.submit(f"{path(o)}/tetapkan/periksa", f"{path(o)}/tetapkan/kirim", {})
    assert done.status_code == 302 and done.headers["Location"].endswith("/ditetapkan")
    confirmation = html(boss.get(done.headers["Location"]))
    assert "Peran ditetapkan" in confirmation and "Yang terjadi selanjutnya" in confirmation

    again = boss.get(f"{path(o)}/tetapkan")  # decided once: the form is not offered again
    assert again.status_code == 409 and "sudah ditetapkan" in html(again)

    me = Browserless(app)
    me.sign_in(person.nip)
    mine = html(me.get("/pelatihan"))
    assert ("Anda diminta menjadi narasumber pada acara resmi instansi mulai 4 Januari 2027."
            in mine)
    assert "Catatan: Rapat koordinasi" in mine


@pytest.fixture(scope="module")
def declining(office):
    """The supervisor's other two reports, each with an opportunity to decline."""
    return strong_reports(office["settings"], office["small"], count=2, start=2)


def test_the_supervisor_and_hr_decline_an_opportunity_with_a_reason(app, office, declining):
    (person, _, o), (other, _, p) = declining
    boss = Browserless(app)
    boss.sign_in(office["small"].supervisor.nip)
    assert f'href="{path(o)}/tolak"' in html(boss.get("/tim/peluang"))
    form = html(boss.get(f"{path(o)}/tolak"))
    assert f"Peluang {person.name} tidak diambil" in form and 'name="reason"' in form
    blank = boss.submit(f"{path(o)}/tolak", f"{path(o)}/tolak", {"reason": "  "})
    assert blank.status_code == 422
    assert 'href="#reason"' in html(blank) and 'id="reason-error">Tuliskan alasan' in html(blank)
    long = "x" * 1001  # the service's limit: refused at the field, the typing kept
    boss.submit(f"{path(o)}/tolak", f"{path(o)}/tolak", {"reason": long})
    refused = boss.submit(f"{path(o)}/tolak/periksa", f"{path(o)}/tolak/kirim", {})
    assert refused.status_code == 422 and 'id="reason-error"' in html(refused)
    assert long in html(refused)
    reason = "Sedang memimpin proyek lain sampai akhir tahun"
    answer = boss.submit(f"{path(o)}/tolak", f"{path(o)}/tolak", {"reason": reason})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/tolak/periksa")
    check = html(boss.get(f"{path(o)}/tolak/periksa"))
    assert "Periksa sebelum memutuskan tidak diambil" in check and reason in check
    done = boss.submit(f"{path(o)}/tolak/periksa", f"{path(o)}/tolak/kirim", {})
    assert done.status_code == 302 and done.headers["Location"].endswith("/tidak-diambil")
    confirmation = html(boss.get(done.headers["Location"]))
    assert "Peluang tidak diambil" in confirmation and "Yang terjadi selanjutnya" in confirmation
    again = boss.get(f"{path(o)}/tolak")  # decided once
    assert again.status_code == 409 and "sudah diputuskan tidak diambil" in html(again)
    assert boss.get(f"{path(o)}/tetapkan").status_code == 409

    me = Browserless(app)
    me.sign_in(person.nip)
    assert f"Peluang ini tidak diambil: {reason}" in html(me.get("/pelatihan"))

    hr = as_hr(app, office)
    assert f'href="{path(p)}/tolak"' in html(hr.get(f"/peluang?periode={p['period_id']}"))
    hr.submit(f"{path(p)}/tolak", f"{path(p)}/tolak", {"reason": "Dialihkan ke program lain"})
    done = hr.submit(f"{path(p)}/tolak/periksa", f"{path(p)}/tolak/kirim", {})
    assert done.status_code == 302
    assert 'href="/peluang"' in html(hr.get(done.headers["Location"]))  # HR's way back
    decided = office["api"].get(f"/opportunities/{p['nip']}/{p['period_id']}/{p['competency']}")
    assert decided["status"] == "declined" and decided["decline_reason"] == "Dialihkan ke program lain"
    # Someone who supervises nobody of these is refused by the service; an employee by the portal.
    employee = Browserless(app)
    employee.sign_in(other.nip)
    for url in (f"{path(p)}/tolak", f"{path(p)}/tolak/periksa", f"{path(p)}/tidak-diambil"):
        assert employee.get(url).status_code == 403, url


def test_the_supervisors_beranda_lists_the_teams_open_opportunities_only_when_any(app, office):
    boss = office["small"].supervisor
    open_ones = as_person(office["settings"], "training", boss.nip).get(
        "/me/reports/opportunities", status="open")
    page = Browserless(app)
    page.sign_in(boss.nip)
    home = html(page.get("/"))
    assert open_ones, "the second report's opportunity is still open here"
    assert re.search(rf'<a href="/tim/peluang">{len(open_ones)} peluang tim menunggu '
                     r'keputusan Anda\.</a>', home)
    head = Browserless(app)  # supervises people without opportunities: no such task
    head.sign_in(office["small"].head.nip)
    assert "peluang tim menunggu" not in html(head.get("/"))


def test_hr_sees_open_opportunities_the_report_and_its_csv(app, office):
    person, _, o = office["reports"][1]
    hr = as_hr(app, office)
    home = html(hr.get("/"))
    assert 'href="/peluang"' in home and 'href="/talenta"' in home
    listed = html(hr.get(f"/peluang?periode={o['period_id']}"))
    assert "Peluang dan peran" in listed and f'href="{path(o)}/tetapkan"' in listed
    office["api"].post(f"/opportunities/{o['nip']}/{o['period_id']}/{o['competency']}/assignment",
                       {"role": "=HYPERLINK(\"x\") Ketua tim proyek", "starts_on": "2027-02-01"})
    root = office["small"].agency.head.unit_code
    report = html(hr.get(f"/peluang/laporan?periode={o['period_id']}&unit={root}"))
    assert "Laporan peran" in report and person.name in report
    assert "Jumlah per kompetensi dan unit" in report
    csv = hr.get(f"/peluang/laporan.csv?periode={o['period_id']}&unit={root}")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    text = csv.get_data().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Kompetensi,Unit Kerja,NIP,Nama,Peran")
    assert "'=HYPERLINK" in text and person.nip in text


def test_hr_sees_the_talent_grid_with_its_numbers(app, office):
    hr = as_hr(app, office)
    period = office["reports"][0][2]["period_id"]
    root = office["small"].agency.head.unit_code
    page = html(hr.get(f"/talenta?periode={period}&unit={root}"))
    assert '<table class="nine-box">' in page
    assert page.count('<td class="box box-') == 9
    grid = office["api"].get(f"/units/{root}/talent", period=period)
    for box in grid["boxes"]:
        cell = re.search(rf'id="kotak-{box["box"]}">\s*<strong>Kotak {box["box"]}</strong>\s*'
                         rf'<span class="count">(\d+) orang</span>', page)
        assert cell and int(cell.group(1)) == box["count"]
        for p in box["people"]:
            assert p["name"] in page
    assert sum(b["count"] for b in grid["boxes"]) >= 2
    assert "Tindak lanjut" in page and "Aturan penempatan" in page
    bad = hr.get(f"/talenta?periode={period}&unit=TIDAK-ADA")  # an unknown unit: the first one
    assert bad.status_code == 200


def test_hr_sees_the_succession_group_and_what_the_others_miss(app, office):
    hr = as_hr(app, office)
    root = office["small"].agency.head.unit_code
    year = date.today().year
    page = html(hr.get(f"/talenta/suksesi?unit={root}&tahun={year}"))
    found = office["api"].get(f"/units/{root}/succession", year=year)
    assert "Kelompok rencana suksesi" in page and "Aturan instansi" in page
    assert f"Memenuhi syarat: {len(found['group'])} dari {found['employees']} pegawai" in page
    assert found["others"], "nobody completed 20 JP in this agency: everyone misses something"
    for person in found["others"]:  # names as the page escapes them (one is formula-like)
        assert str(escape(person["name"])) in page
    assert "Pengembangan: 0 dari 20 JP" in page
    assert f'href="/talenta/suksesi?unit={root}"' in html(
        hr.get(f"/talenta?periode={office['reports'][0][2]['period_id']}&unit={root}"))


def test_others_get_the_403_page(app, office):
    person, _, o = office["reports"][0]
    me = Browserless(app)
    me.sign_in(person.nip)
    for page in ("/peluang", "/talenta", "/talenta.csv", "/talenta/suksesi", "/peluang/laporan",
                 "/peluang/laporan.csv",
                 f"{path(o)}/tetapkan", "/tim/peluang"):
        answer = me.get(page)
        assert answer.status_code in (403, 200), page
        if page != "/tim/peluang":
            assert answer.status_code == 403, page
    assert 'href="/peluang"' not in html(me.get("/"))
    # A supervisor of other people reads nothing of this employee's (the service refuses).
    other = next(e for e in office["small"].agency.employees
                 if office["small"].reports_of(e.nip) and e.nip != person.supervisor_nip)
    stranger = Browserless(app)
    stranger.sign_in(other.nip)
    assert stranger.get(f"{path(o)}/tetapkan").status_code == 403
    auditor = Browserless(app)
    auditor.sign_in(hr_nip(office["small"]), "auditor")
    assert auditor.get("/peluang").status_code == 403  # deciding is not the auditor's
    assert auditor.get(f"{path(o)}/tetapkan").status_code == 403


def test_the_talent_csv_lists_the_names_per_box(app, office):
    hr = as_hr(app, office)
    period = office["reports"][0][2]["period_id"]
    root = office["small"].agency.head.unit_code
    assert f'href="/talenta.csv?unit={root}&amp;periode={period}"' in html(
        hr.get(f"/talenta?periode={period}&unit={root}"))
    answer = hr.get(f"/talenta.csv?periode={period}&unit={root}")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert "attachment" in answer.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig"))))
    assert rows[0][:5] == ["Kotak", "Kinerja", "Potensi", "NIP", "Nama"]
    grid = office["api"].get(f"/units/{root}/talent", period=period)
    expected = {(str(b["box"]), p["nip"]) for b in grid["boxes"] for p in b["people"]}
    assert {(r[0], r[3]) for r in rows[1:]} == expected and expected
    assert [int(r[0]) for r in rows[1:]] == sorted((int(r[0]) for r in rows[1:]), reverse=True)


def test_an_auditor_reads_talent_and_the_roles_report_without_deciding(app, office):
    period = office["reports"][0][2]["period_id"]
    root = office["small"].agency.head.unit_code
    auditor = Browserless(app)
    auditor.sign_in(hr_nip(office["small"]), "auditor")
    home = html(auditor.get("/"))
    assert 'href="/talenta"' in home and 'href="/peluang/laporan"' in home
    assert 'href="/peluang"' not in home
    grid = html(auditor.get(f"/talenta?periode={period}&unit={root}"))
    assert '<table class="nine-box">' in grid and grid.count('<td class="box box-') == 9
    report = auditor.get(f"/peluang/laporan?periode={period}&unit={root}")
    assert report.status_code == 200 and "Laporan peran" in html(report)
    assert 'href="/peluang?' not in html(report) and "/tetapkan" not in html(report)
    for url in (f"/talenta.csv?periode={period}&unit={root}",
                f"/peluang/laporan.csv?periode={period}&unit={root}"):
        assert auditor.get(url).status_code == 200, url
