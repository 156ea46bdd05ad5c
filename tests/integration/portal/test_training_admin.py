"""The training admin's pages through the portal, against the real services: Katalog pelatihan
(the list filtered, creating and editing with a check page, refusals at their fields, retiring
with a reason), Impor katalog (the service's dry run shown row by row before anything is applied),
Penugasan (filtered, and its CSV), Verifikasi laporan (verify, or reject with a reason that the
employee then reads on Pelatihan saya), the menu and Beranda, and the 403 page for anyone else."""
from __future__ import annotations

import re

import pytest

from tests.support.portal import Browserless
from tests.support.portal_dialogue import as_person, wait_for
from tests.support.portal_training_admin import (
    HEADER, admin_client, admin_nip, assessed_learners, report, training_agency, unique_code)


def html(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.fixture(scope="module")
def office(platform):
    """The agency (seed 6007), two assessed employees with assignments, and a training admin."""
    small = training_agency(platform.settings)
    learners = assessed_learners(platform.settings, small, count=2)
    return {"small": small, "learners": learners, "settings": platform.settings,
            "api": admin_client(platform.settings, small)}


def as_admin(app, office) -> Browserless:
    person = Browserless(app)
    person.sign_in(admin_nip(office["small"]), "training_admin")
    assert person.submit("/", "/peran", {"role": "training_admin"}).status_code == 302
    return person


def codes_of(office) -> set[str]:
    return {p["code"] for p in office["api"].get("/programmes")}


PROGRAMME = {"title_id": "Pelatihan Arsip Digital", "title_en": "Digital Archiving",
             "form": "klasikal", "kind": "technical", "jp": "16", "competencies": ["M.07", "M.05"],
             "level_min": "1", "level_max": "3", "provider": "BPSDM Provinsi"}


def test_the_menu_and_the_reports_waiting_first_on_beranda(app, office):
    seeded, planned = office["learners"][0]
    made = report(office["settings"], seeded.nip, planned[0], "SERT/BERANDA/1")
    try:
        page = html(as_admin(app, office).get("/"))
        for path in ("/verifikasi", "/katalog", "/katalog/impor", "/penugasan"):
            assert f'href="{path}"' in page
        waiting = len(office["api"].get("/completion-reports", status="pending"))
        first = re.search(r'<li class="task">\s*<a href="([^"]+)">([^<]+)</a>', page)
        assert first and first.group(1) == "/verifikasi"
        assert first.group(2) == f"{waiting} laporan pelatihan menunggu verifikasi."
    finally:
        office["api"].post(f"/completion-reports/{made['report_id']}/reject",
                           {"reason": "Uji Beranda"})


def test_the_catalogue_lists_and_filters_with_and_without_htmx(app, office):
    admin = as_admin(app, office)
    page = html(admin.get("/katalog"))
    assert "Katalog pelatihan" in page and "PLT-KOMUNIKASI-EFEKTIF" in page
    assert 'hx-get="/katalog"' in page and "Level 1 sampai" in page
    filtered = html(admin.get("/katalog?kompetensi=M.03&bentuk=nonklasikal&status=active"))
    codes = re.findall(r'<tr id="program-([^"]+)"', filtered)
    listed = office["api"].get("/programmes", competency="M.03", form="nonklasikal", status="active")
    assert codes == [p["code"] for p in listed] and "PLT-KOMUNIKASI-EFEKTIF" not in codes
    partial = html(admin.get("/katalog?bentuk=klasikal", headers={"HX-Request": "true"}))
    assert "<html" not in partial and "PLT-KOMUNIKASI-EFEKTIF" in partial


def test_a_programme_is_created_after_its_check_page_then_edited(app, office):
    admin, code = as_admin(app, office), unique_code("TA-ARSIP")
    answer = admin.submit("/katalog/baru", "/katalog/baru", {**PROGRAMME, "code": code})
    assert answer.status_code == 302 and answer.headers["Location"] == "/katalog/baru/periksa"
    page = html(admin.get("/katalog/baru/periksa"))
    assert "Periksa sebelum menyimpan" in page and "Pelatihan Arsip Digital" in page
    assert "M.07" in page and "Level 1 sampai 3" in page and "sudah ada" not in page
    answer = admin.submit("/katalog/baru/periksa", "/katalog/baru/simpan", {})
    assert answer.status_code == 302 and answer.headers["Location"] == f"/katalog/{code}/tersimpan?baru=1"
    page = html(admin.get(answer.headers["Location"]))
    assert "Program ditambahkan" in page and "Yang terjadi selanjutnya" in page
    saved = office["api"].get(f"/programmes/{code}")
    assert (saved["jp"], sorted(saved["competencies"]), saved["kind"]) == (16, ["M.05", "M.07"],
                                                                           "technical")
    form = html(admin.get(f"/katalog/{code}/ubah"))
    assert 'value="Pelatihan Arsip Digital"' in form and f"Ubah program {code}" in form
    admin.submit(f"/katalog/{code}/ubah", f"/katalog/{code}/ubah", {**PROGRAMME, "jp": "24"})
    answer = admin.submit(f"/katalog/{code}/ubah/periksa", f"/katalog/{code}/ubah/simpan", {})
    assert answer.status_code == 302
    assert office["api"].get(f"/programmes/{code}")["jp"] == 24


def test_refusals_stand_at_their_fields_with_the_typing_kept(app, office):
    admin, code = as_admin(app, office), unique_code("TA-SALAH")
    bad = {**PROGRAMME, "code": code, "jp": "0", "kind": "coaching", "title_en": ""}
    admin.submit("/katalog/baru", "/katalog/baru", bad)
    answer = admin.submit("/katalog/baru/periksa", "/katalog/baru/simpan", {})
    page = html(answer)
    assert answer.status_code == 422 and 'class="error-summary"' in page
    assert 'id="jp-error">Isi JP dengan bilangan bulat 1 sampai 1.000' in page and 'href="#jp"' in page
    assert 'id="title_en-error">Isi judul dalam Bahasa Inggris' in page
    assert 'value="Pelatihan Arsip Digital"' in page and 'value="0"' in page, "the typing stays"
    fixed = {**bad, "jp": "16", "title_en": "Archiving"}  # now only the kind is wrong for the form
    admin.submit("/katalog/baru", "/katalog/baru", fixed)
    page = html(admin.submit("/katalog/baru/periksa", "/katalog/baru/simpan", {}))
    assert 'id="kind-error">Jenis ini bukan bagian dari bentuk yang dipilih' in page
    levels = {**fixed, "kind": "technical", "level_min": "4", "level_max": "2"}
    admin.submit("/katalog/baru", "/katalog/baru", levels)
    page = html(admin.submit("/katalog/baru/periksa", "/katalog/baru/simpan", {}))
    assert 'id="level_min-error">Level “dari” tidak boleh lebih tinggi' in page
    blank = admin.submit("/katalog/baru", "/katalog/baru", {**PROGRAMME, "code": ""})
    assert blank.status_code == 422 and 'id="code-error">Isi kode program' in html(blank)
    assert code not in codes_of(office), "nothing was saved"


def test_a_programme_is_retired_with_a_reason_after_its_check_page(app, office):
    admin, code = as_admin(app, office), unique_code("TA-LAMA")
    office["api"].call("PUT", f"/programmes/{code}", {
        "title": {"id": "Pelatihan Lama", "en": "Old Training"}, "form": "klasikal",
        "kind": "seminar", "jp": 8, "competencies": ["M.01"], "level_min": 1, "level_max": 2,
        "provider": "LAN"})
    form = f"/katalog/{code}/hentikan"
    blank = admin.submit(form, form, {"reason": "  "})
    assert blank.status_code == 422 and 'id="reason-error">Tulis alasan menghentikan' in html(blank)
    assert admin.submit(form, form, {"reason": "Diganti e-learning"}).headers["Location"] == f"{form}/periksa"
    page = html(admin.get(f"{form}/periksa"))
    assert "Periksa sebelum menghentikan" in page and "Diganti e-learning" in page
    assert "tidak ditugaskan lagi" in page
    answer = admin.submit(f"{form}/periksa", f"{form}/kirim", {})
    assert answer.status_code == 302 and answer.headers["Location"] == "/katalog"
    assert f"Program {code} dihentikan" in html(admin.get("/katalog"))
    assert office["api"].get(f"/programmes/{code}")["retired_reason"] == "Diganti e-learning"
    admin.submit(form, form, {"reason": "Sekali lagi"})
    again = admin.client.post(f"{form}/kirim", data={"csrf_token": re.search(
        r'name="csrf_token" value="([^"]+)"', html(admin.get(f"{form}/periksa"))).group(1)})
    assert again.status_code == 409 and "Program ini sudah dihentikan" in html(again)


def upload(admin: Browserless, text: str, name: str = "katalog.csv"):
    from io import BytesIO
    token = re.search(r'name="csrf_token" value="([^"]+)"', html(admin.get("/katalog/impor"))).group(1)
    return admin.client.post("/katalog/impor", data={"csrf_token": token,
                                                     "file": (BytesIO(text.encode()), name)},
                             content_type="multipart/form-data")


def test_an_import_is_checked_row_by_row_before_anything_is_applied(app, office):
    admin = as_admin(app, office)
    one, two = unique_code("TA-IMP"), unique_code("TA-IMP")
    bad = (HEADER + f"{one},Impor Satu,Import One,klasikal,coaching,16,M.01,1,3,BPSDM\n"
           f"{two},Impor Dua,Import Two,klasikal,technical,0,M.01,4,2,BPSDM\n")
    answer = upload(admin, bad)
    assert answer.status_code == 302 and answer.headers["Location"] == "/katalog/impor/periksa"
    page = html(admin.get("/katalog/impor/periksa"))
    assert "2 masalah ditemukan; berkas ini tidak dapat diimpor" in page
    assert "Jenis ini bukan bagian dari bentuk di baris ini." in page
    assert "JP harus bilangan bulat 1 sampai 1.000." in page
    assert re.search(r'data-label="Baris" class="num">3</td>\s*<td data-label="Kolom">JP', page)
    assert "Terapkan impor" not in page, "no way to apply a refused file"
    assert not {one, two} & codes_of(office), "the dry run recorded nothing"
    good = HEADER + f"{one},Impor Satu,Import One,klasikal,technical,16,M.01|M.02,1,3,BPSDM\n"
    upload(admin, good)
    page = html(admin.get("/katalog/impor/periksa"))
    assert "Semua baris dapat diimpor: 1 program baru atau berubah, 0 tetap." in page
    assert one not in codes_of(office), "not before applying"
    answer = admin.submit("/katalog/impor/periksa", "/katalog/impor/terapkan", {})
    assert answer.status_code == 302 and answer.headers["Location"] == "/katalog/impor/selesai"
    assert "1 program ditambahkan atau diubah" in html(admin.get("/katalog/impor/selesai"))
    assert office["api"].get(f"/programmes/{one}")["competencies"] == ["M.01", "M.02"]
    missing = upload(admin, "code,title_id\nX,Y\n")
    assert missing.status_code == 422 and 'id="file-error">Kolom ini tidak ada di berkas' in html(missing)
    empty = upload(admin, "")
    assert empty.status_code == 422 and 'id="file-error">Pilih berkas CSV' in html(empty)


def test_assignments_by_programme_period_and_status_and_their_csv(app, office):
    admin, small = as_admin(app, office), office["small"]
    seeded, planned = office["learners"][1]
    code = planned[0]["programme_code"]
    page = html(admin.get(f"/penugasan?periode={small.period}&program={code}"))
    assert seeded.nip in page and "Kesenjangan" in page and "Ditugaskan" in page
    rows = office["api"].get("/assignments", period=small.period, programme=code)
    assert f"{len(rows)} penugasan" in page
    partial = html(admin.get(f"/penugasan?periode={small.period}&status=completed",
                             headers={"HX-Request": "true"}))
    assert "<html" not in partial and "penugasan" in partial
    hr = as_person(office["settings"], "assessment", small.head.nip, "employee", "hr_admin")
    hr.call("PATCH", f"/employees/{seeded.nip}", {"name": "=HYPERLINK(\"x\") Rina"})
    wait_for("the new name in training", lambda: any(
        a["name"].startswith("=HYPERLINK") for a in office["api"].get(
            "/assignments", nip=seeded.nip)))
    answer = admin.get(f"/penugasan.csv?periode={small.period}&program={code}")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert "attachment" in answer.headers["Content-Disposition"]
    text = answer.get_data().decode("utf-8-sig")
    assert text.splitlines()[0] == "NIP,Nama,Unit Kerja,Kompetensi,Program,Status,JP,Alasan,Periode"
    assert f'{seeded.nip},"\'=HYPERLINK(""x"") Rina"' in text
    assert ',=HYPERLINK' not in text and ',"=HYPERLINK' not in text


def test_one_report_is_verified_and_another_rejected_with_a_reason(app, office):
    admin, settings = as_admin(app, office), office["settings"]
    (first, first_planned), (second, second_planned) = office["learners"]
    good = report(settings, first.nip, first_planned[0], "SERT/BPSDM/2026/11")
    bad = report(settings, second.nip, second_planned[0], "SERT/SALAH/99")
    page = html(admin.get("/verifikasi"))
    assert "SERT/BPSDM/2026/11" in page and "SERT/SALAH/99" in page
    answer = admin.submit("/verifikasi", f"/verifikasi/{good['report_id']}/verifikasi", {})
    assert answer.status_code == 302
    assert "diverifikasi" in html(admin.get("/verifikasi"))
    assert office["api"].get(f"/assignments/{first_planned[0]['assignment_id']}")["status"] == "completed"
    twice = admin.submit("/verifikasi", f"/verifikasi/{good['report_id']}/verifikasi", {})
    assert twice.status_code == 409 and "Laporan ini sudah diverifikasi." in html(twice)
    form = f"/verifikasi/{bad['report_id']}/tolak"
    blank = admin.submit(form, form, {"reason": ""})
    assert blank.status_code == 422 and 'id="reason-error">Tulis alasan menolak' in html(blank)
    assert admin.submit(form, form, {"reason": "Nomor sertifikat tidak terdaftar"}).status_code == 302
    page = html(admin.get(f"{form}/periksa"))
    assert "Periksa sebelum menolak" in page and "JP pelatihan ini tidak dihitung" in page
    assert admin.submit(f"{form}/periksa", f"{form}/kirim", {}).status_code == 302
    assert "SERT/SALAH/99" not in html(admin.get("/verifikasi"))
    employee = Browserless(app)
    employee.sign_in(second.nip)
    mine = html(employee.get("/pelatihan"))
    assert "Laporan yang ditolak" in mine and "Alasan: Nomor sertifikat tidak terdaftar" in mine
    assert "SERT/SALAH/99" in mine and "Laporkan selesai" in mine, "the employee may report again"


ADMIN_PAGES = ["/katalog", "/katalog/baru", "/katalog/baru/periksa", "/katalog/PLT-KOMUNIKASI-EFEKTIF/ubah",
               "/katalog/PLT-KOMUNIKASI-EFEKTIF/tersimpan", "/katalog/PLT-KOMUNIKASI-EFEKTIF/hentikan",
               "/katalog/PLT-KOMUNIKASI-EFEKTIF/hentikan/periksa", "/katalog/impor",
               "/katalog/impor/periksa", "/katalog/impor/selesai", "/penugasan", "/penugasan.csv",
               "/verifikasi", "/verifikasi/x/tolak", "/verifikasi/x/tolak/periksa"]
ADMIN_POSTS = ["/katalog/baru", "/katalog/baru/simpan", "/katalog/PLT-KOMUNIKASI-EFEKTIF/ubah",
               "/katalog/PLT-KOMUNIKASI-EFEKTIF/ubah/simpan", "/katalog/PLT-KOMUNIKASI-EFEKTIF/hentikan",
               "/katalog/PLT-KOMUNIKASI-EFEKTIF/hentikan/kirim", "/katalog/impor",
               "/katalog/impor/terapkan", "/verifikasi/x/verifikasi", "/verifikasi/x/tolak",
               "/verifikasi/x/tolak/kirim"]


@pytest.mark.parametrize("role", ["employee", "hr_admin", "auditor"])
def test_anyone_else_gets_the_403_page_on_every_address(app, office, role):
    person = Browserless(app)
    person.sign_in(office["learners"][0][0].nip, role)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html(person.get("/"))).group(1)
    assert 'href="/katalog"' not in html(person.get("/"))
    for path in ADMIN_PAGES:
        answer = person.get(path)
        assert answer.status_code == 403 and "Anda tidak berhak membuka halaman ini" in html(answer), path
    for path in ADMIN_POSTS:
        answer = person.client.post(path, data={"csrf_token": token, "reason": "x"})
        assert answer.status_code == 403, path
    assert office["api"].get("/programmes/PLT-KOMUNIKASI-EFEKTIF")["status"] == "active"


def test_an_admin_acting_as_pegawai_is_told_to_switch_role(app, office):
    person = Browserless(app)
    person.sign_in(admin_nip(office["small"]), "training_admin")
    answer = person.get("/verifikasi")
    assert answer.status_code == 403 and "Pilih peran itu di “Ganti peran”" in html(answer)
