"""The printable appraisal form (PDF) against the real services: an employee whose period went
through all three (both assessments, a discrepancy, a dialogue held and acknowledged, training
assigned and one completed), read back with poppler's pdftotext, pdfinfo and pdftoppm; the 403
page for someone who may not read the employee; a unit's forms as one PDF, one section each."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from shared.auth import TRAINING_ADMIN
from tests.support.portal import Browserless, seed
from tests.support.portal_assessing import submit
from tests.support.portal_dialogue import as_person, assess, assignments, hold
from tests.support.portal_print import flat, pages_of, text_of

SEED = 5417     # people no other test plays (dialogue 4711-4715, assessing 4721, hr 5309)
UNIT = "BWD.MUTASI"  # units=3 gives this unit to this agency alone: a Kepala Bidang and 3 staff
SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "portal" / "screenshots" / "cetak-formulir.png"
SUMMARY = "Komunikasi tertulis perlu diperjelas; kerja sama tim sudah baik."

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing "
                                "(deploy/install.sh installs it)")


@pytest.fixture(scope="module")
def printed(platform):
    """The employee (Ahli Muda in Bidang Mutasi), their supervisor (the Kepala Bidang), that
    supervisor's superior (the head of the agency), a peer, and the period's whole story."""
    settings = platform.settings
    small = seed(settings, employees=12, units=3, seed_value=SEED)
    person = next(e for e in small.agency.employees
                  if e.unit_code == UNIT and e.position.job_level == "AHLI_MUDA")
    peer = next(e for e in small.agency.employees
                if e.unit_code == UNIT and e.nip not in (person.nip, person.supervisor_nip))
    seeded = assess(settings, small.period, person)
    hold(settings, seeded, person.supervisor_nip, SUMMARY)
    as_person(settings, "feedback", person.nip).post(
        f"/dialogues/{seeded.dialogue_id}/acknowledgement",
        {"agrees": True, "response": "Saya akan memperbaiki laporan tertulis."})
    # the peer's supervisor has assessed them, the peer not yet: hidden from the peer for now
    submit(settings, small.period, peer.nip, "supervisor", peer.supervisor_nip, 2)
    planned = assignments(settings, person.nip)
    done = planned[0]
    as_person(settings, "training", person.nip, TRAINING_ADMIN).post(
        f"/assignments/{done['assignment_id']}/complete",
        {"completed_on": date.today().isoformat(),  # UTC's today: never after Jakarta's
         "certificate_number": "SERT/2026/5417"})
    standard = as_person(settings, "assessment", person.nip).get(
        f"/positions/{person.position.code}")["standard"]
    names = {c["code"]: c["name"]["id"]
             for c in as_person(settings, "assessment", person.nip).get("/competencies")}
    return {"small": small, "person": person, "peer": peer, "seeded": seeded,
            "planned": planned, "done": done, "period": small.period,
            "boss": next(e for e in small.agency.employees if e.nip == person.supervisor_nip),
            "competencies": [(r["competency"], names[r["competency"]]) for r in standard]}


def signed_in(app, nip: str, role: str = "employee") -> Browserless:
    person = Browserless(app)
    person.sign_in(nip, role)
    if role != "employee":
        assert person.submit("/", "/peran", {"role": role}).status_code == 302
    return person


def fetch_pdf(person: Browserless, path: str, into: Path) -> Path:
    answer = person.get(path)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:2000]
    assert answer.mimetype == "application/pdf" and answer.data.startswith(b"%PDF-")
    assert answer.headers["Cache-Control"] == "no-store"
    into.write_bytes(answer.data)
    return into


def test_the_employee_prints_their_form_with_every_part(app, printed, tmp_path):
    person, boss = printed["person"], printed["boss"]
    head = printed["small"].head
    me = signed_in(app, person.nip)
    pdf = fetch_pdf(me, f"/cetak/{printed['period']}/{person.nip}.pdf", tmp_path / "form.pdf")
    text, pages = text_of(pdf), pages_of(pdf)
    words = flat(text)
    assert "FORMULIR PENILAIAN KOMPETENSI DAN KINERJA PEGAWAI" in words
    assert "KANTOR BADAN KEPEGAWAIAN BINAWIDYA" in words, "the agency: the top unit"
    assert f"Periode penilaian {printed['period']}" in words
    for who in (person, boss, head):  # the employee, the pejabat penilai and their superior
        assert who.name in words and who.nip in words
    assert person.position.title in words and "Bidang Mutasi dan Promosi" in words
    for code, name in printed["competencies"]:
        assert f"{code} {name}" in words, code
    # the discrepancies with the threshold, the predikat in words with both work ratings
    assert "Titik buta" in words and "Kekuatan tersembunyi" in words
    assert "berbeda 2 level atau lebih" in words
    assert re.search(r"Predikat\s+BAIK", words), "the predikat, in words"
    assert "Hasil kerja" in words and "Perilaku kerja" in words and "Sesuai Ekspektasi" in words
    # the dialogue's agenda and outcome
    assert "Pokok bahasan" in words and SUMMARY in words and "Setuju" in words
    assert "Perjelas pesan tertulis" in words
    # the training plan with reasons and JP, against 20 JP
    done_jp = printed["done"]["jp"]
    assert f"Kesenjangan {printed['seeded'].blind_spot}" in words
    assert re.search(rf"JP selesai tahun \d{{4}}: {done_jp} dari 20 JP", words)
    # the signature blocks
    for label in ("Pegawai yang dinilai", "Pejabat penilai", "Atasan pejabat penilai"):
        assert label in words
    assert words.count("......, ......") == 3, "a place and date line on each"
    # page numbers in every page's footer, and the running name
    assert pages >= 2
    for page in range(1, pages + 1):
        assert f"Halaman {page} dari {pages}" in words
    assert words.count(f"{person.name} · NIP {person.nip}") == pages
    assert len(text.split("\f")) - 1 == pages
    image = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(image)], check=True)
    assert image.with_suffix(".png").stat().st_size > 20_000
    if os.environ.get("ASN_SCREENSHOTS") == "1":  # the docs' picture of the form's first page
        subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(SCREENSHOT.with_suffix(""))], check=True)


def test_the_form_in_english(app, printed, tmp_path):
    person = printed["person"]
    me = signed_in(app, person.nip)
    me.client.set_cookie("asn_lang", "en")
    pdf = fetch_pdf(me, f"/cetak/{printed['period']}/{person.nip}.pdf", tmp_path / "en.pdf")
    words = flat(text_of(pdf))
    assert "EMPLOYEE COMPETENCY AND PERFORMANCE APPRAISAL FORM" in words
    assert "Appraising official" in words and "Superior of the appraising official" in words
    assert f"Page 1 of {pages_of(pdf)}" in words and "Blind spot" in words
    assert "Meets expectations" in words


def test_the_supervisor_and_hr_print_it_and_a_peer_is_refused(app, printed, tmp_path):
    person, period = printed["person"], printed["period"]
    path = f"/cetak/{period}/{person.nip}.pdf"
    boss = signed_in(app, person.supervisor_nip)
    assert person.name in flat(text_of(fetch_pdf(boss, path, tmp_path / "boss.pdf")))
    hr = signed_in(app, printed["small"].head.nip, "hr_admin")
    assert person.nip in flat(text_of(fetch_pdf(hr, path, tmp_path / "hr.pdf")))
    peer = signed_in(app, printed["peer"].nip)
    refused = peer.get(path)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 403 and refused.mimetype == "text/html"
    assert "Anda tidak berhak membuka halaman ini" in page and person.name not in page
    # the peer's own form: the supervisor's assessment exists, but not for the peer's eyes yet
    own = flat(text_of(fetch_pdf(peer, f"/cetak/{period}/{printed['peer'].nip}.pdf",
                                 tmp_path / "peer.pdf")))
    assert "Penilaian atasan tampil setelah kedua penilaian dikirim." in own
    assert "Penilaian diri belum dikirim." in own and "Belum ditetapkan." in own
    unknown = hr.get(f"/cetak/1999-Q1/{person.nip}.pdf")
    assert unknown.status_code == 404 and unknown.mimetype == "text/html"


def test_the_links_to_the_form(app, printed):
    person, period = printed["person"], printed["period"]
    link = f'href="/cetak/{period}/{person.nip}.pdf"'
    me = signed_in(app, person.nip)
    assert link in me.get(f"/hasil/{period}").get_data(as_text=True)
    boss = signed_in(app, person.supervisor_nip)
    assert link in boss.get(f"/tim-saya/{period}/{person.nip}").get_data(as_text=True)
    hr = signed_in(app, printed["small"].head.nip, "hr_admin")
    page = hr.get(f"/pemantauan/{period}/unit/{UNIT}?belum=semua").get_data(as_text=True)
    assert link in page and f'href="/cetak/{period}/unit/{UNIT}.pdf"' in page


def test_hr_prints_a_whole_unit_each_form_from_a_new_page(app, platform, printed, tmp_path):
    period = printed["period"]
    hr = signed_in(app, printed["small"].head.nip, "hr_admin")
    started = time.perf_counter()
    pdf = fetch_pdf(hr, f"/cetak/{period}/unit/{UNIT}.pdf", tmp_path / "unit.pdf")
    took = time.perf_counter() - started
    people = as_person(platform.settings, "assessment", printed["small"].head.nip, "hr_admin") \
        .get_all(f"/periods/{period}/progress", unit=UNIT, sort="name")
    pages = [flat(page) for page in text_of(pdf).split("\f")[:-1]]
    assert len(pages) == pages_of(pdf)
    firsts = [page for page in pages if re.search(r"Halaman 1 dari \d+", page)]
    assert len(firsts) == len(people) >= 4, "one section per employee"
    for row, page in zip(people, firsts):  # each section starts on a page of its own, by name
        assert "FORMULIR PENILAIAN KOMPETENSI" in page and row["nip"] in page
        assert f"{row['name']} · NIP {row['nip']}" in page
    print(f"\nunit {UNIT}: {len(people)} forms, {len(pages)} pages in {took:.2f} s")
    # the service's refusal for an employee; the portal's own for HR acting as pegawai
    me = signed_in(app, printed["person"].nip)
    assert me.get(f"/cetak/{period}/unit/{UNIT}.pdf").status_code == 403
