"""HR's organisation pages through the portal, against the real services: finding employees and
one employee's page, positions with their standards and the dictionary, the employee import
checked row by row before it is applied, and the results and 20 JP compliance exports."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from tools.apiclient import ApiError
from tests.support.portal import Browserless
from tests.support.portal_assessing import compared, submit
from tests.support.portal_dialogue import as_person, wait_for
from tests.support.portal_hr import hr_client
from tests.support.portal_hr_organisation import import_files, organisation_agency


def html(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.fixture(scope="module")
def office(platform):
    small = organisation_agency(platform.settings)
    return {"small": small, "hr": hr_client(platform.settings, small),
            "settings": platform.settings, "root": small.head.unit_code}


def as_hr(app, office) -> Browserless:
    person = Browserless(app)
    person.sign_in(office["small"].head.nip, "hr_admin")
    assert person.submit("/", "/peran", {"role": "hr_admin"}).status_code == 302
    return person


def upload(hr: Browserless, text: str, name: str = "pegawai.csv"):
    token = re.search(r'name="csrf_token" value="([^"]+)"', html(hr.get("/pegawai/impor"))).group(1)
    return hr.client.post("/pegawai/impor", data={"csrf_token": token,
                                                  "file": (io.BytesIO(text.encode()), name)},
                          content_type="multipart/form-data")


def test_hr_has_the_menu_entries(app, office):
    page = html(as_hr(app, office).get("/"))
    for url in ("/pegawai", "/jabatan", "/pegawai/impor", "/ekspor"):
        assert f'href="{url}"' in page, url


def test_hr_finds_employees_by_name_nip_unit_and_position(app, office):
    hr, small = as_hr(app, office), office["small"]
    person = small.employee
    part = person.name.split()[0][:4]
    page = html(hr.get(f"/pegawai?cari={part}"))
    assert f'href="/pegawai/{person.nip}"' in page and "pegawai ditemukan" in page
    page = html(hr.get(f"/pegawai?cari={person.nip}"))
    assert "1 pegawai ditemukan" in page and person.name in page
    page = html(hr.get(f"/pegawai?unit={person.unit_code}&jabatan={person.position.code}"))
    assert f'href="/pegawai/{person.nip}"' in page
    partial = html(hr.get(f"/pegawai?cari={part}", headers={"HX-Request": "true"}))
    assert "<html" not in partial and person.nip in partial
    short = hr.get("/pegawai?cari=12345")
    assert 'id="cari-error">NIP terdiri dari 18 angka' in html(short) and 'href="#cari"' in html(short)
    assert 'id="cari-error">Tulis paling sedikit 2 huruf' in html(hr.get("/pegawai?cari=a"))
    assert "Tidak ada pegawai yang cocok" in html(hr.get("/pegawai?cari=Zzqxw"))
    everyone = html(hr.get("/pegawai?unit=" + office["root"]))
    assert "Halaman 1 dari" not in everyone or 'rel="next"' in everyone


def test_an_employees_page_shows_who_they_are_their_lines_history_and_assessments(app, office):
    hr, small = as_hr(app, office), office["small"]
    boss, person = small.supervisor, small.employee
    office["hr"].call("PATCH", f"/employees/{person.nip}", {"name": person.name + " M.Si."})
    submit(office["settings"], small.period, person.nip, "self", person.nip, level=3)
    page = html(hr.get(f"/pegawai/{person.nip}"))
    assert f"<h1>{person.name} M.Si.</h1>" in page
    assert f'href="/pegawai/{boss.nip}"' in page and boss.name in page
    assert "Riwayat data pegawai" in page and "Didaftarkan" in page and "Diubah: nama" in page
    assert small.period in page and "Sudah dikirim" in page
    assert f'href="/cetak/{small.period}/{person.nip}.pdf"' in page
    boss_page = html(hr.get(f"/pegawai/{boss.nip}"))
    assert f'href="/pegawai/{person.nip}"' in boss_page and "Bawahan langsung" in boss_page
    assert hr.get("/pegawai/199001012020011999").status_code == 404


def test_positions_with_their_standards_and_the_dictionary(app, office):
    hr, person = as_hr(app, office), office["small"].employee
    page = html(hr.get("/jabatan"))
    assert person.position.code in page and "Standar kompetensi" in page
    assert re.search(r'href="/kamus-kompetensi#k-M\.01">M\.01</a> Integritas: <strong>level \d', page)
    page = html(hr.get("/kamus-kompetensi"))
    assert 'id="k-M.01"' in page and "Kompetensi manajerial" in page and "Kompetensi teknis" in page
    assert "Perekat Bangsa" in page


def test_hr_changes_a_positions_standard_after_a_check_page(app, office):
    hr, api = as_hr(app, office), office["hr"]
    api.put("/positions/UJI-STD", {"title": "Analis Uji Standar", "job_level": "AHLI_MUDA",
                                   "standard": [{"competency": "M.01", "required_level": 2},
                                                {"competency": "M.02", "required_level": 2}]})
    assert 'href="/jabatan/UJI-STD/standar"' in html(hr.get("/jabatan"))
    form = html(hr.get("/jabatan/UJI-STD/standar"))
    assert "Ubah standar jabatan Analis Uji Standar" in form
    assert re.search(r'<select id="level-M-01" name="level-M-01"[^>]*>.*?'
                     r'<option value="2" selected>', form, re.S)
    assert "Sekarang: tidak termasuk standar" in form and 'id="level-SK-01"' in form
    url = "/jabatan/UJI-STD/standar"
    nothing = hr.submit(url, url, {"level-M-01": "", "level-M-02": ""})
    assert nothing.status_code == 422 and 'href="#standard"' in html(nothing)
    # M.01 to level 3, M.02 removed, SK.01 added; a level the service refuses comes back at its
    # field with every choice kept.
    typed = {"level-M-01": "3", "level-M-02": "", "level-SK-01": "7"}
    answer = hr.submit(url, url, typed)
    assert answer.status_code == 302 and answer.headers["Location"] == f"{url}/periksa"
    refused = hr.submit(f"{url}/periksa", f"{url}/simpan", {})
    assert refused.status_code == 422
    page = html(refused)
    assert 'href="#level-SK-01"' in page and 'id="level-SK-01-error">Pilih level 1 sampai 5' in page
    assert re.search(r'id="level-M-01".*?<option value="3" selected>', page, re.S)
    assert '<option value="7" selected>7</option>' in page
    assert [r["required_level"] for r in api.get("/positions/UJI-STD")["standard"]] == [2, 2]

    hr.submit(url, url, {**typed, "level-SK-01": "2"})
    check = html(hr.get(f"{url}/periksa"))
    assert "Periksa sebelum menyimpan" in check and "Yang berubah (3)" in check
    for word in ("Ditambahkan", "Dihapus", "Level diubah"):
        assert word in check, word
    done = hr.submit(f"{url}/periksa", f"{url}/simpan", {})
    assert done.status_code == 302 and done.headers["Location"] == f"{url}/disimpan"
    saved = html(hr.get(done.headers["Location"]))
    assert "Standar jabatan disimpan" in saved and "3 kompetensi berubah" in saved
    assert {(r["competency"], r["required_level"]) for r in api.get("/positions/UJI-STD")[
        "standard"]} == {("M.01", 3), ("SK.01", 2)}
    assert hr.get(f"{url}/periksa").headers["Location"] == url  # the draft is gone


def test_hr_renames_a_position_and_changes_its_job_level_on_the_same_page(app, office):
    hr, api = as_hr(app, office), office["hr"]
    levels = [{"competency": "M.01", "required_level": 2}]
    read = api.put("/positions/UJI-JAB", {"title": "Pengadministrasi Uji", "job_level": "PELAKSANA",
                                          "standard": levels})
    url = "/jabatan/UJI-JAB/standar"
    form = html(hr.get(url))
    assert re.search(r'<input id="title" name="title" type="text" value="Pengadministrasi Uji"', form)
    assert re.search(r'<select id="job_level" name="job_level"[^>]*>.*?'
                     r'<option value="PELAKSANA" selected>', form, re.S)
    assert f'<input type="hidden" name="revision" value="{read["revision"]}">' in form
    blank = hr.submit(url, url, {"title": " ", "job_level": "PELAKSANA",
                                 "revision": str(read["revision"]), "level-M-01": "2"})
    assert blank.status_code == 422 and 'href="#title"' in html(blank)
    assert 'id="title-error">Tulis nama jabatan' in html(blank)
    typed = {"title": "Analis Uji Jenjang", "job_level": "AHLI_PERTAMA",
             "revision": str(read["revision"]), "level-M-01": "2"}
    assert hr.submit(url, url, typed).headers["Location"] == f"{url}/periksa"
    check = html(hr.get(f"{url}/periksa"))
    assert "Yang berubah (2)" in check and "(sebelumnya: Pengadministrasi Uji)" in check
    assert "Standar kompetensinya tetap" in check and "Jenjang jabatan baru berlaku" in check
    done = hr.submit(f"{url}/periksa", f"{url}/simpan", {})
    assert done.status_code == 302 and done.headers["Location"] == f"{url}/disimpan"
    assert "Nama jabatan atau jenjangnya juga diubah" in html(hr.get(done.headers["Location"]))
    saved = api.get("/positions/UJI-JAB")
    assert (saved["title"], saved["job_level"], saved["standard"], saved["revision"]) == (
        "Analis Uji Jenjang", "AHLI_PERTAMA", levels, read["revision"] + 1)
    # a job level the service does not know (a page older than the agency's list) at its field
    hr.submit(url, url, {**typed, "job_level": "MENTERI", "revision": str(saved["revision"])})
    refused = hr.submit(f"{url}/periksa", f"{url}/simpan", {})
    assert refused.status_code == 422 and 'id="job_level-error"' in html(refused)
    assert '<option value="MENTERI" selected>MENTERI</option>' in html(refused)
    assert api.get("/positions/UJI-JAB") == saved


def test_a_standard_someone_saved_meanwhile_is_not_overwritten(app, office):
    hr, api = as_hr(app, office), office["hr"]
    api.put("/positions/UJI-BARENG", {"title": "Analis Uji Bersamaan", "job_level": "AHLI_MUDA",
                                      "standard": [{"competency": "M.01", "required_level": 2}]})
    url = "/jabatan/UJI-BARENG/standar"
    assert 'name="revision" value="1"' in html(hr.get(url))
    hr.submit(url, url, {"title": "Analis Uji Bersamaan", "job_level": "AHLI_MUDA",
                         "revision": "1", "level-M-01": "4"})
    theirs = api.put("/positions/UJI-BARENG", {  # someone else saves first
        "title": "Analis Uji Bersamaan", "job_level": "AHLI_MUDA", "expected_revision": 1,
        "standard": [{"competency": "M.01", "required_level": 3},
                     {"competency": "SK.01", "required_level": 2}]})
    refused = hr.submit(f"{url}/periksa", f"{url}/simpan", {})
    assert refused.status_code == 409
    page = html(refused)
    assert "Standar ini sudah diubah orang lain" in page
    assert "sejak Anda membukanya. Pilihan Anda belum disimpan" in page
    now = page[page.index('id="standard-now"'):page.index('id="standard-yours"')]
    assert "M.01" in now and "SK.01" in now and "level 3" in now
    assert "level 4" in page[page.index('id="standard-yours"'):]
    assert f'href="{url}">Mulai lagi dari standar sekarang</a>' in page
    assert api.get("/positions/UJI-BARENG") == theirs, "their save stands"
    assert hr.get(f"{url}/periksa").headers["Location"] == url  # the stale choices are gone
    again = html(hr.get(url))
    assert 'name="revision" value="2"' in again
    assert re.search(r'id="level-SK-01".*?<option value="2" selected>', again, re.S)
    hr.submit(url, url, {"title": "Analis Uji Bersamaan", "job_level": "AHLI_MUDA",
                         "revision": "2", "level-M-01": "4", "level-SK-01": "2"})
    assert hr.submit(f"{url}/periksa", f"{url}/simpan", {}).status_code == 302
    assert api.get("/positions/UJI-BARENG")["revision"] == 3
    hr.submit(url, url, {"title": "X", "job_level": "AHLI_MUDA", "revision": "dua",
                         "level-M-01": "4"})  # a revision no page sends: asked to reopen
    odd = hr.submit(f"{url}/periksa", f"{url}/simpan", {})
    assert odd.status_code == 422 and "Halaman ini tidak lengkap" in html(odd)
    assert api.get("/positions/UJI-BARENG")["revision"] == 3


def test_the_import_is_checked_row_by_row_and_records_nothing_before_it_is_applied(app, office):
    hr, files = as_hr(app, office), import_files(office["small"])
    answer = upload(hr, files["bad"])
    assert answer.status_code == 302 and answer.headers["Location"] == "/pegawai/impor/periksa"
    page = html(hr.get("/pegawai/impor/periksa"))
    assert "2 masalah ditemukan; berkas ini tidak dapat diimpor" in page
    assert "NIP tidak sah" in page and "NIP atasan ini belum terdaftar" in page
    assert re.search(r'data-label="Baris" class="num">3</td>\s*<td data-label="Kolom">NIP', page)
    assert "Terapkan impor" not in page and "Ada masalah" in page
    assert office["hr"].get("/employees", unit=files["unit"]) == [], "the check recorded nothing"
    upload(hr, files["good"])
    page = html(hr.get("/pegawai/impor/periksa"))
    assert ("Semua baris dapat diimpor: 2 pegawai baru, 0 diubah, 0 tetap; 1 unit kerja dan"
            " 1 jabatan baru.") in page
    assert office["hr"].get("/employees", unit=files["unit"]) == [], "not before applying"
    answer = hr.submit("/pegawai/impor/periksa", "/pegawai/impor/terapkan", {})
    assert answer.status_code == 302 and answer.headers["Location"] == "/pegawai/impor/selesai"
    assert "2 pegawai baru" in html(hr.get("/pegawai/impor/selesai"))
    assert {e["nip"] for e in office["hr"].get("/employees", unit=files["unit"])} == {
        files["first"], files["second"]}
    upload(hr, files["good"])  # the same file again: nothing would change
    assert "0 pegawai baru, 0 diubah, 2 tetap" in html(hr.get("/pegawai/impor/periksa"))
    missing = upload(hr, "NIP;NAMA\n1;2\n")
    assert missing.status_code == 422
    assert 'id="file-error">Kolom ini tidak ada di berkas: NIP_BARU' in html(missing)
    empty = upload(hr, "")
    assert empty.status_code == 422 and 'id="file-error">Pilih berkas CSV' in html(empty)


def test_the_results_export_holds_the_unit_and_writes_a_formula_like_name_as_text(app, office):
    hr, small = as_hr(app, office), office["small"]
    person = small.agency.employees[9]
    office["hr"].call("PATCH", f"/employees/{person.nip}", {"name": "=HYPERLINK(\"x\") Rahmat"})
    page = html(hr.get("/ekspor"))
    assert 'action="/ekspor/hasil"' in page and 'action="/ekspor/kepatuhan-jp"' in page
    query = f"periode={small.period}&unit={office['root']}"
    answer = hr.get(f"/ekspor/hasil?{query}&format=xlsx")
    assert answer.status_code == 200 and "attachment" in answer.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(answer.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:9] == ("NIP", "Nama", "Jabatan", "Unit Kerja", "Penilaian Diri",
                           "Penilaian Atasan", "Predikat", "Selisih Diri dan Atasan",
                           "Kompetensi di Bawah Standar")
    nips = {r[0] for r in rows[1:]}
    assert {e.nip for e in small.agency.employees} <= nips
    cell = next(c for c in sheet["B"] if c.value and "HYPERLINK" in str(c.value))
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    text = hr.get(f"/ekspor/hasil?{query}&format=csv").get_data().decode("utf-8-sig")
    assert f'{person.nip},"\'=HYPERLINK(""x"") Rahmat"' in text


def test_the_results_export_reads_the_discrepancies_once_for_the_unit(app, office, monkeypatch):
    hr, small = as_hr(app, office), office["small"]
    person = next(e for e in small.agency.employees if e.supervisor_nip
                  and e.nip not in (small.employee.nip, small.agency.employees[9].nip))
    submit(office["settings"], small.period, person.nip, "self", person.nip, level=5)
    submit(office["settings"], small.period, person.nip, "supervisor", person.supervisor_nip,
           level=2)
    found = compared(office["settings"], small.period, person.nip)
    apart = found["blind_spots"] + found["hidden_strengths"]
    assert apart > 0
    backend, calls = app.extensions["portal.backend"], []
    original = backend.call

    def counted(caller, service, method, path, *args, **kwargs):
        calls.append((service, path))
        return original(caller, service, method, path, *args, **kwargs)
    monkeypatch.setattr(backend, "call", counted)
    answer = hr.get(f"/ekspor/hasil?periode={small.period}&unit={office['root']}&format=csv")
    rows = list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig"))))
    column = rows[0].index("Selisih Diri dan Atasan")
    by_nip = {r[0]: r[column] for r in rows[1:]}
    assert by_nip[person.nip] == str(apart)
    assert by_nip[small.agency.employees[9].nip] == "", "not compared: empty"
    assert [c for c in calls if c[0] == "feedback"] == [
        ("feedback", f"/reports/comparisons?period={small.period}&unit={office['root']}")]


def test_the_compliance_export_lists_everyone_met_or_not(app, office):
    hr, small = as_hr(app, office), office["small"]
    year = date.today().year
    training = as_person(office["settings"], "training", small.head.nip, "employee", "hr_admin")

    def caught_up():  # training may not have consumed the units yet (its 404): wait for it too
        try:
            found = training.get(f"/units/{office['root']}/compliance", year=year)
        except ApiError as error:
            if error.status != 404:
                raise
            return False
        return found["employees"] >= len(small.agency.employees)
    wait_for("the agency in training", caught_up)
    answer = hr.get(f"/ekspor/kepatuhan-jp?tahun={year}&unit={office['root']}&format=csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig"))))
    assert rows[0][:7] == ["NIP", "Nama", "Unit Kerja", "JP Selesai", "Target JP",
                           "Kekurangan JP", "Memenuhi Target"]
    assert {e.nip for e in small.agency.employees} <= {r[0] for r in rows[1:]}
    xlsx = hr.get(f"/ekspor/kepatuhan-jp?tahun={year}&unit={office['root']}&format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert sheet.max_row == len(rows)
    courses = hr.get(f"/ekspor/siasn/kursus?tahun={year}&unit={office['root']}&format=json")
    assert courses.status_code == 200 and courses.get_json() == []  # nothing completed yet


def test_the_siasn_export_gives_periodic_performance_in_siasn_fields(app, office):
    hr, small = as_hr(app, office), office["small"]
    used = {small.employee.nip, small.agency.employees[9].nip}
    person = next(e for e in reversed(small.agency.employees)
                  if e.supervisor_nip and e.nip not in used)
    submit(office["settings"], small.period, person.nip, "supervisor", person.supervisor_nip,
           level=3, work_result="DI_ATAS", work_behaviour="DI_ATAS")
    assert 'action="/ekspor/siasn/kinerja"' in html(hr.get("/ekspor"))
    query = f"periode={small.period}&unit={office['root']}"
    answer = hr.get(f"/ekspor/siasn/kinerja?{query}&format=json")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    row = {r["nipBaru"]: r for r in answer.get_json()}[person.nip]
    boss = next(e for e in small.agency.employees if e.nip == person.supervisor_nip)
    assert (row["penilaiNipNrp"], row["penilaiNama"], row["statusPenilai"]) == (
        boss.nip, boss.name, "ASN")
    assert (row["hasilKinerjaNilai"], row["perilakuKerjaNilai"], row["kuadranKinerja"],
            row["kuadranKinerjaNilai"]) == (1, 1, "Sangat Baik", 1)
    assert row["tahun"] == int(small.period[:4]) and 1 <= row["bulanMulaiPenilaian"] <= 12
    sheet = load_workbook(io.BytesIO(hr.get(f"/ekspor/siasn/kinerja?{query}&format=xlsx")
                                     .get_data())).active
    assert next(sheet.iter_rows(values_only=True))[:3] == ("nipBaru", "nama", "tahun")
    missing = hr.get(f"/ekspor/siasn/kinerja?periode=1999-Q1&unit={office['root']}")
    assert missing.status_code == 404 and "Periode 1999-Q1 tidak ada" in html(missing)


def organisation_urls(office) -> list[str]:
    small = office["small"]
    return ["/pegawai", f"/pegawai/{small.employee.nip}", "/jabatan", "/kamus-kompetensi",
            f"/jabatan/{small.employee.position.code}/standar",
            f"/jabatan/{small.employee.position.code}/standar/periksa",
            f"/jabatan/{small.employee.position.code}/standar/disimpan",
            "/pegawai/impor", "/pegawai/impor/periksa", "/pegawai/impor/selesai", "/ekspor",
            f"/ekspor/hasil?periode={small.period}&unit={office['root']}",
            f"/ekspor/kepatuhan-jp?tahun=2026&unit={office['root']}",
            f"/ekspor/siasn/kinerja?periode={small.period}&unit={office['root']}",
            f"/ekspor/siasn/kursus?tahun=2026&unit={office['root']}"]


def test_someone_not_acting_as_hr_gets_the_refusal_page_on_every_url(app, office):
    employee = Browserless(app)
    employee.sign_in(office["small"].employee.nip)
    for url in organisation_urls(office):
        answer = employee.get(url)
        assert answer.status_code == 403, url
        assert "Anda tidak berhak membuka halaman ini" in html(answer), url
    home = html(employee.get("/"))
    assert 'href="/pegawai"' not in home and 'href="/ekspor"' not in home
    token = re.search(r'name="csrf_token" value="([^"]+)"', home).group(1)
    code = office["small"].employee.position.code
    for url in ("/pegawai/impor", "/pegawai/impor/terapkan", f"/jabatan/{code}/standar",
                f"/jabatan/{code}/standar/simpan"):
        assert employee.client.post(url, data={"csrf_token": token}).status_code == 403, url
    hr_as_employee = Browserless(app)
    hr_as_employee.sign_in(office["small"].head.nip, "hr_admin")
    answer = hr_as_employee.get("/pegawai")
    assert answer.status_code == 403 and "Halaman ini untuk peran BKPSDM" in html(answer)
