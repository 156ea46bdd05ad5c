"""HR's pages through the portal, against the real services: Periode penilaian (open with a check
page, close with a page that says what closing means), Pemantauan by unit, the drill-down to who
has not submitted with its CSV, and reopening an assessment with a reason."""
from __future__ import annotations

import re

import pytest

from tests.support.portal import Browserless
from tests.support.portal_assessing import submit
from tests.support.portal_hr import (
    close_if_open, hr_agency, hr_client, open_past_period, periods_closed_after, unit_counts)

ROOT = "BWD"


def html(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.fixture(scope="module")
def office(platform):
    """The agency, an HR client of the API, and a past quarter of its own (closed at the end)."""
    small = hr_agency(platform.settings)
    hr = hr_client(platform.settings, small)
    period = open_past_period(hr, 2017, 2)
    with periods_closed_after(hr, period, "2019-Q3", "2018"):
        yield {"small": small, "hr": hr, "period": period, "settings": platform.settings}


def as_hr(app, office) -> Browserless:
    person = Browserless(app)
    person.sign_in(office["small"].head.nip, "hr_admin")
    assert person.submit("/", "/peran", {"role": "hr_admin"}).status_code == 302
    return person


def test_hr_sees_the_menu_and_the_open_periods_first_on_beranda(app, office):
    hr = as_hr(app, office)
    page = html(hr.get("/"))
    assert 'href="/periode"' in page and 'href="/pemantauan"' in page
    counts = office["hr"].get(f"/periods/{office['period']}/progress/units")
    first = re.search(r'<li class="task">\s*<a href="([^"]+)">([^<]+)</a>', page)
    assert first, "a task with a link comes first"
    task = (f"Periode {office['period']} terbuka sampai 30 Juni 2017: {counts['self_submitted']}"
            f" dari {counts['employees']} pegawai sudah menilai diri")
    assert task in page
    assert "Tanggal akhir periode 2017-Q2 sudah lewat" in page


def test_the_periods_list_newest_first_with_their_progress(app, office):
    page = html(as_hr(app, office).get("/periode"))
    assert "Buka periode baru" in page and "Triwulanan" in page
    ids = re.findall(r'<th scope="row" data-label="Periode">([^\s<]+)', page)
    assert office["period"] in ids and ids == sorted(ids, reverse=True)
    assert f'href="/periode/{office["period"]}/tutup"' in page
    assert re.search(r"\d+ dari \d+ \(\d+%\)", page)


def test_hr_opens_a_period_after_checking_and_is_told_what_happens_next(app, office):
    hr = as_hr(app, office)
    answer = hr.submit("/periode/baru", "/periode/baru",
                       {"kind": "quarterly", "year": "2019", "quarter": "3"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/periode/baru/periksa"
    page = html(hr.get("/periode/baru/periksa"))
    assert "Periksa sebelum membuka" in page and "Triwulan III (Juli–September)" in page
    assert "tidak dapat dihapus" in page
    answer = hr.submit("/periode/baru/periksa", "/periode/baru/buka", {})
    assert answer.status_code == 302 and answer.headers["Location"] == "/periode/2019-Q3/dibuka"
    page = html(hr.get("/periode/2019-Q3/dibuka"))
    assert "Periode 2019-Q3 dibuka" in page and "1 Juli 2019 sampai 30 September 2019" in page
    assert "Yang terjadi selanjutnya" in page and 'href="/pemantauan/2019-Q3"' in page
    # the same period again: the service refuses, and the refusal stands at the year
    hr.submit("/periode/baru", "/periode/baru", {"kind": "quarterly", "year": "2019", "quarter": "3"})
    answer = hr.submit("/periode/baru/periksa", "/periode/baru/buka", {})
    page = html(answer)
    assert answer.status_code == 409
    assert 'id="year-error">Periode ini sudah pernah dibuka' in page and 'href="#year"' in page
    close_if_open(office["hr"], "2019-Q3")


def test_a_bad_year_and_a_missing_quarter_are_shown_at_their_fields(app, office):
    hr = as_hr(app, office)
    hr.submit("/periode/baru", "/periode/baru", {"kind": "quarterly", "year": "20x6", "quarter": "1"})
    assert "20x6" in html(hr.get("/periode/baru/periksa"))
    answer = hr.submit("/periode/baru/periksa", "/periode/baru/buka", {})
    page = html(answer)
    assert answer.status_code == 422
    assert 'class="error-summary"' in page and 'href="#year"' in page
    assert 'id="year-error">Isi tahun dengan 4 angka' in page
    assert 'value="20x6"' in page and 'aria-invalid="true"' in page, "the typing stays"
    hr.submit("/periode/baru", "/periode/baru", {"kind": "quarterly", "year": "2016", "quarter": ""})
    page = html(hr.submit("/periode/baru/periksa", "/periode/baru/buka", {}))
    assert 'id="quarter-error">Pilih triwulan untuk periode triwulanan' in page


def test_closing_says_what_it_means_then_closes(app, office):
    open_past_period(office["hr"], 2018)
    hr = as_hr(app, office)
    page = html(hr.get("/periode/2018/tutup"))
    assert "Tutup periode 2018?" in page and "Arti menutup periode" in page
    assert "tidak dapat dibuka lagi" in page and "belum mengirim penilaian diri" in page
    answer = hr.submit("/periode/2018/tutup", "/periode/2018/tutup", {})
    assert answer.status_code == 302 and answer.headers["Location"] == "/periode"
    page = html(hr.get("/periode"))
    assert "Periode 2018 ditutup" in page and 'href="/periode/2018/tutup"' not in page
    again = hr.client.post("/periode/2018/tutup", data={
        "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)})
    assert again.status_code == 409 and "Periode ini sudah ditutup" in html(again)


def test_monitoring_shows_the_unit_tree_and_moves_after_a_submission(app, office, platform):
    hr, period, small = as_hr(app, office), office["period"], office["small"]
    before = unit_counts(office["hr"], period, ROOT)
    page = html(hr.get(f"/pemantauan/{period}"))
    assert "Kantor Badan Kepegawaian Binawidya" in page and "bagian dari" in page
    assert f'href="/pemantauan/{period}/unit/BWD.SEKRETARIAT"' in page
    assert f"{before['self_submitted']} dari {before['employees']}" in page
    person = small.agency.employees[2]
    submit(platform.settings, period, person.nip, "self", person.nip, level=2)
    page = html(hr.get(f"/pemantauan/{period}"))
    assert f"{before['self_submitted'] + 1} dari {before['employees']}" in page


def test_the_drill_down_lists_who_has_not_submitted_by_name_and_filters(app, office, platform):
    hr, period, small = as_hr(app, office), office["period"], office["small"]
    done = small.agency.employees[4]
    submit(platform.settings, period, done.nip, "self", done.nip, level=2)
    path = f"/pemantauan/{period}/unit/BWD.SEKRETARIAT"
    page = html(hr.get(f"{path}?belum=diri&urut=nama"))
    ours = [e for e in small.agency.employees if e.unit_code == "BWD.SEKRETARIAT"]
    fajar = next(e for e in ours if e.name == "Fajar Halim")
    assert fajar.nip in page and "Pengelola Data Kepegawaian" in page
    assert "Novi Gunawan" in page, "the supervisor by name"
    names = re.findall(r'<th scope="row" data-label="Pegawai">([^<]+)<', page)
    assert names == sorted(names) and len(names) >= len(ours)
    assert 'aria-sort="ascending"' in page and 'hx-get="' in page and 'method="get"' in page
    whole = html(hr.get(f"/pemantauan/{period}/unit/{ROOT}?belum=diri"))
    assert done.nip not in whole and small.agency.employees[3].nip in whole
    partial = html(hr.get(f"{path}?belum=atasan&urut=unit", headers={"HX-Request": "true"}))
    assert "<html" not in partial and fajar.nip in partial and "belum dinilai atasan" in partial


def test_the_csv_export_keeps_a_formula_like_name_as_text(app, office):
    small, period = office["small"], office["period"]
    person = small.agency.employees[9]
    office["hr"].call("PATCH", f"/employees/{person.nip}", {"name": "=HYPERLINK(\"x\") Novi"})
    hr = as_hr(app, office)
    answer = hr.get(f"/pemantauan/{period}/unit/BWD.SEKRETARIAT/belum-menilai.csv?belum=semua")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert "attachment" in answer.headers["Content-Disposition"]
    body = answer.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("NIP,Nama,Jabatan,Unit Kerja,Belum Dikirim")
    assert f'{person.nip},"\'=HYPERLINK(""x"") Novi"' in text
    assert ',=HYPERLINK' not in text and ',"=HYPERLINK' not in text


def test_hr_reopens_a_submitted_assessment_with_a_reason_after_checking(app, office, platform):
    hr, period, small = as_hr(app, office), office["period"], office["small"]
    person = small.agency.employees[6]
    submit(platform.settings, period, person.nip, "self", person.nip, level=3)
    page = html(hr.get(f"/pemantauan/{period}/unit/{ROOT}?belum=semua"))
    form = f"/pemantauan/{period}/pegawai/{person.nip}/self/buka-kembali"
    assert f'href="{form}"' in page
    answer = hr.submit(form, form, {"reason": "   "})
    assert answer.status_code == 422
    assert 'id="reason-error">Tulis alasan membuka kembali' in html(answer)
    hr.submit(form, form, {"reason": "x" * 1001})  # the service allows at most 1,000 characters
    answer = hr.submit(f"{form}/periksa", f"{form}/kirim", {})
    assert answer.status_code == 422 and 'id="reason-error"' in html(answer)
    assert "x" * 1001 in html(answer), "the typing stays"
    answer = hr.submit(form, form, {"reason": "Bukti kompetensi M.03 tertukar dengan pegawai lain"})
    assert answer.status_code == 302 and answer.headers["Location"] == f"{form}/periksa"
    page = html(hr.get(f"{form}/periksa"))
    assert "Periksa sebelum membuka kembali" in page and "tertukar dengan pegawai lain" in page
    assert "harus mengirim penilaian dirinya lagi" in page
    answer = hr.submit(f"{form}/periksa", f"{form}/kirim", {})
    done = f"/pemantauan/{period}/pegawai/{person.nip}/self/dibuka-kembali"
    assert answer.status_code == 302 and answer.headers["Location"] == done
    assert "Penilaian dibuka kembali" in html(hr.get(done))
    record = office["hr"].get(f"/periods/{period}/assessments/{person.nip}/self")
    assert record["status"] == "reopened" and record["reopen_reason"].startswith("Bukti")
    assert "tidak sedang terkirim" in html(hr.get(form)), "nothing more to reopen"


def hr_urls(office) -> list[str]:
    small, period = office["small"], office["period"]
    one = f"/pemantauan/{period}/pegawai/{small.agency.employees[2].nip}/self"
    return ["/periode", "/periode/baru", "/periode/baru/periksa", f"/periode/{period}/dibuka",
            f"/periode/{period}/tutup", "/pemantauan", f"/pemantauan/{period}",
            f"/pemantauan/{period}/unit/{ROOT}", f"/pemantauan/{period}/unit/{ROOT}/belum-menilai.csv",
            f"{one}/buka-kembali", f"{one}/buka-kembali/periksa", f"{one}/dibuka-kembali"]


def test_someone_not_acting_as_hr_gets_the_refusal_page_on_every_hr_url(app, office):
    employee = Browserless(app)
    employee.sign_in(office["small"].employee.nip)
    for url in hr_urls(office):
        answer = employee.get(url)
        assert answer.status_code == 403, url
        assert "Anda tidak berhak membuka halaman ini" in html(answer), url
    assert 'href="/periode"' not in html(employee.get("/"))
    token = re.search(r'name="csrf_token" value="([^"]+)"', html(employee.get("/"))).group(1)
    one = f"/pemantauan/{office['period']}/pegawai/{office['small'].agency.employees[2].nip}/self"
    for url in ("/periode/baru/buka", f"/periode/{office['period']}/tutup", f"{one}/buka-kembali/kirim"):
        assert employee.client.post(url, data={"csrf_token": token}).status_code == 403, url
    assert office["hr"].get("/periods")  # nothing was opened or closed by those
    hr_as_employee = Browserless(app)
    hr_as_employee.sign_in(office["small"].head.nip, "hr_admin")
    answer = hr_as_employee.get("/periode")
    assert answer.status_code == 403 and "Halaman ini untuk peran BKPSDM" in html(answer)
