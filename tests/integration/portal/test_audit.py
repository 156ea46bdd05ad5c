"""The auditor's pages through the portal, against the real services: Beranda and the menu,
Riwayat pegawai (found by NIP or name; one employee's history across the three services in time
order, each entry in words with who did it, its request, its cause linked and its chain, the raw
data behind a disclosure), Verifikasi replay after a replay, and the 403 page for anyone else."""
from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.support.portal import Browserless
from tests.support.portal_audit import AUDITOR_NIP, audited_employee, replay_all
from tests.support.portal_dialogue import as_person

URLS = ["/riwayat", "/riwayat?cari=abc", "/riwayat/{nip}", "/verifikasi-replay"]


def html(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.fixture(scope="module")
def audited(platform):
    return audited_employee(platform.settings)


@pytest.fixture(scope="module")
def trail(platform, audited) -> dict:
    """The audit API's own answer, service by service, to compare the page with."""
    found = {}
    for service in ("assessment", "feedback", "training"):
        auditor = as_person(platform.settings, service, AUDITOR_NIP, "auditor")
        found[service] = auditor.get("/audit/events", subject=audited.employee.nip,
                                     limit=500)["events"]
    return found


def as_auditor(app) -> Browserless:
    person = Browserless(app)
    assert person.sign_in(AUDITOR_NIP, "auditor").status_code == 302
    return person


def test_the_auditor_has_the_menu_and_finding_a_history_first_on_beranda(app, audited):
    page = html(as_auditor(app).get("/"))
    assert 'href="/riwayat"' in page and 'href="/verifikasi-replay"' in page
    assert "Riwayat pegawai" in page and "Verifikasi replay" in page
    first = re.search(r'<li class="task">\s*<a href="([^"]+)">([^<]+)</a>', page)
    assert first and first.group(1) == "/riwayat"
    assert "Cari riwayat seorang pegawai" in first.group(2)


def test_the_history_shows_all_three_services_in_time_order_with_their_causes(app, audited, trail):
    nip = audited.employee.nip
    answer = as_auditor(app).get(f"/riwayat/{nip}")
    page = html(answer)
    assert answer.status_code == 200
    assert f"Riwayat {audited.employee.name}" in page
    # every event of the three services is an entry, oldest first
    entries = re.findall(r'<li class="entry" id="e-([0-9a-f-]+)">', page)
    assert sorted(entries) == sorted(e["id"] for events in trail.values() for e in events)
    times = [datetime.fromisoformat(t) for t in re.findall(r'<time datetime="([^"]+)">', page)]
    assert times == sorted(times) and len(times) == len(entries)
    for service in ("Penilaian", "Umpan balik", "Pelatihan"):
        assert f">{service}</span>" in page
    # in words, in the order they happened
    words = ["Pegawai didaftarkan", "Penilaian diri dikirim (pengiriman ke-1)",
             "Penilaian atasan dikirim (pengiriman ke-1)",
             "Penilaian diri dan penilaian atasan dibandingkan",
             f"Selisih penilaian: {audited.blind_spot} blind spot",
             f"Pelatihan ditugaskan: {audited.coaching['data']['programme_code']}, "
             f"{audited.coaching['data']['jp']} JP"]
    at = [page.index(w) for w in words]
    assert at == sorted(at), words
    # what caused what: the coaching was decided because of the blind spot, which the
    # supervisor's submission caused; the three share a correlation id
    coaching = audited.coaching
    spot = next(e for e in trail["feedback"] if e["id"] == coaching["metadata"]["causationid"])
    cause_of_spot = next(e for e in trail["assessment"]
                         if e["id"] == spot["metadata"]["causationid"])
    assert cause_of_spot["data"]["role"] == "supervisor"
    entry = _entry(page, coaching["id"])
    assert f'href="#e-{spot["id"]}">karena: Selisih penilaian: {audited.blind_spot} blind spot' in entry
    assert coaching["metadata"]["correlationid"] == spot["metadata"]["correlationid"]
    assert f'<code>{coaching["metadata"]["correlationid"]}</code>' in entry
    assert "Layanan pelatihan (otomatis)" in entry
    spot_entry = _entry(page, spot["id"])
    assert f'href="#e-{cause_of_spot["id"]}">karena: Penilaian atasan dikirim' in spot_entry
    assert "Layanan umpan balik (otomatis)" in spot_entry
    # who, and in which request: the employee's own submission, with its request id
    own = next(e for e in trail["assessment"] if e["type"].endswith("AssessmentSubmitted.v1")
               and e["data"]["role"] == "self")
    own_entry = _entry(page, own["id"])
    assert "pegawai ini" in own_entry and f"<code>{own['metadata']['requestid']}</code>" in own_entry
    supervisor = _entry(page, cause_of_spot["id"])
    assert f"NIP {audited.employee.supervisor_nip}" in supervisor
    # the raw data behind a disclosure
    assert '<details class="raw">' in entry and "&#34;programme_code&#34;" in entry


def _entry(page: str, event_id: str) -> str:
    start = page.index(f'id="e-{event_id}"')
    return page[start:page.index("</li>", page.index("</details>", start))]


def test_an_employee_is_found_by_nip_or_by_name(app, audited):
    auditor, employee = as_auditor(app), audited.employee
    answer = auditor.get(f"/riwayat?cari={employee.nip}")
    assert answer.status_code == 302 and answer.headers["Location"] == f"/riwayat/{employee.nip}"
    part = employee.name.split()[0]
    answer = auditor.get(f"/riwayat?cari={part.lower()}")
    if answer.status_code == 302:  # the only one with that name
        assert answer.headers["Location"] == f"/riwayat/{employee.nip}"
    else:
        assert f'href="/riwayat/{employee.nip}"' in html(answer)
    page = html(auditor.get("/riwayat?cari=Zzqx"))
    assert 'id="cari-error">Tidak ada pegawai yang namanya memuat “Zzqx”' in page


@pytest.mark.parametrize("typed, status, message", [
    ("12345", 422, "NIP terdiri dari 18 angka"),
    ("", 422, "Isi NIP (18 angka) atau sebagian nama pegawai"),
    ("x", 422, "Ketik paling sedikit 2 huruf dari nama"),
    ("199912312099121999", 404, "Tidak ada pegawai dengan NIP 199912312099121999")])
def test_a_bad_nip_is_shown_at_its_field(app, typed, status, message):
    auditor = as_auditor(app)
    answer = auditor.get(f"/riwayat?cari={typed}")
    if answer.status_code == 302:
        answer = auditor.get(answer.headers["Location"])
    page = html(answer)
    assert answer.status_code == status
    assert f'id="cari-error">{message}' in page
    assert 'class="error-summary"' in page and 'href="#cari"' in page
    assert f'value="{typed}"' in page and 'aria-invalid="true"' in page, "the typing stays"


def test_replay_verdicts_are_shown_for_each_service(app, audited, platform):
    reports = replay_all(platform.settings, ran_by="auditor test")
    assert all(r.equal for r in reports.values()), {n: r.tables for n, r in reports.items()}
    auditor = as_auditor(app)
    page = html(auditor.get("/verifikasi-replay"))
    for name in ("Layanan Penilaian", "Layanan Umpan balik", "Layanan Pelatihan"):
        assert name in page
    assert page.count("auditor test") >= 3 and '<span class="tag ok">Sama</span>' in page
    assert "BERBEDA" not in page
    home = html(auditor.get("/"))
    assert "proyeksi sama dengan hasil replay" in home and 'href="/verifikasi-replay"' in home


@pytest.mark.parametrize("role", ["employee", "hr_admin", "training_admin"])
def test_anyone_else_gets_the_403_page_on_each_address(app, audited, role):
    person = Browserless(app)
    person.sign_in(audited.employee.nip, role)
    if role != "employee":
        person.submit("/", "/peran", {"role": role})
    home = html(person.get("/"))
    assert 'href="/riwayat"' not in home and 'href="/verifikasi-replay"' not in home
    for url in URLS:
        answer = person.get(url.format(nip=audited.employee.nip))
        assert answer.status_code == 403, url
        assert "Anda tidak berhak membuka halaman ini" in html(answer)
