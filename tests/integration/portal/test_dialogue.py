"""Dialog kinerja and umpan balik through the portal, against the running services: the employee
answers and acknowledges, the supervisor schedules and records feedback, notes both ways."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tests.support.portal import Browserless, seed
from tests.support.portal_dialogue import GAP_LEVELS, Seeded, as_person, assess, hold


@dataclass(frozen=True)
class Team:
    period: str
    head: object        # also HR (BKPSDM) in the seeded agency
    boss: object
    answering: object   # has feedback from the boss, to answer
    holding: object     # the boss holds this one's dialogue in the test
    peer: object        # another report of the boss: neither dialogue is theirs
    answered: Seeded
    held: Seeded


@pytest.fixture(scope="module")
def team(platform) -> Team:
    """An agency of its own (no other test file plays these people), with two compared pairs."""
    agency = seed(platform.settings, seed_value=4711)  # no other test file plays these people
    boss = agency.supervisor
    reports = agency.reports_of(boss.nip)
    # Training assigns gaps: the employee who answers needs a position requiring more than level 1.
    answering = next(r for r in reports if r.position.job_level in GAP_LEVELS)
    holding, peer = [r for r in reports if r is not answering][:2]
    answered = assess(platform.settings, agency.period, answering)
    hold(platform.settings, answered, boss.nip, "Fokus pada komunikasi tertulis")
    held = assess(platform.settings, agency.period, holding)
    return Team(agency.period, agency.head, boss, answering, holding, peer, answered, held)


def signed_in(app, nip: str) -> Browserless:
    browser = Browserless(app)
    assert browser.sign_in(nip).status_code == 302
    return browser


def html(answer) -> str:
    return answer.get_data(as_text=True)


def test_an_employee_answers_checks_and_acknowledges_then_the_dialogue_is_read_only(app, platform,
                                                                                   team):
    me, path = signed_in(app, team.answering.nip), f"/dialog-kinerja/{team.answered.dialogue_id}"
    listed = html(me.get("/dialog-kinerja"))
    assert f'href="{path}"' in listed and f"Dialog kinerja periode {team.period}" in listed
    page = html(me.get(path))
    assert "Titik buta (blind spot): penilaian diri 2 level lebih tinggi" in page
    assert "Kekuatan tersembunyi (hidden strength)" in page
    assert "Fokus pada komunikasi tertulis" in page and "Ruang Rapat Sekretariat" in page
    silent = me.submit(path, f"{path}/tanggapan", {"response": "Saya perlu contoh"})
    assert silent.status_code == 422
    assert "Pilih setuju atau tidak setuju" in html(silent) and "Saya perlu contoh" in html(silent)
    assert 'href="#agrees"' in html(silent)
    to_check = me.submit(path, f"{path}/tanggapan", {"agrees": "no", "response": "Target terlalu tinggi"})
    assert to_check.status_code == 302 and to_check.headers["Location"].endswith("/periksa")
    check = html(me.get(f"{path}/periksa"))
    assert "Tidak setuju" in check and "Target terlalu tinggi" in check
    assert "Target terlalu tinggi</textarea>" in html(me.get(path)), "changing it keeps it"
    sent = me.submit(f"{path}/periksa", f"{path}/pengakuan", {})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/terkirim")
    assert "Tanggapan Anda terkirim" in html(me.get(f"{path}/terkirim"))
    after = html(me.get(path))
    assert f'action="{path}/tanggapan"' not in after, "read-only once acknowledged"
    assert "Target terlalu tinggi" in after and "sudah dikonfirmasi dan ditutup" in after
    stored = as_person(platform.settings, "feedback",
                       team.answering.nip).get(f"/dialogues/{team.answered.dialogue_id}")
    assert (stored["status"], stored["agrees"]) == ("acknowledged", False)
    me.client.post(f"{path}/tanggapan", data={"csrf_token": _token(me, path), "agrees": "yes"})
    again = me.submit(f"{path}/periksa", f"{path}/pengakuan", {})
    assert again.status_code == 409 and "sudah dikonfirmasi pegawai dan ditutup" in html(again)


def _token(browser: Browserless, page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html(browser.get(page))).group(1)


def test_the_supervisor_schedules_the_dialogue_and_a_bad_date_is_explained(app, team):
    boss, path = signed_in(app, team.boss.nip), f"/dialog-kinerja/{team.held.dialogue_id}"
    assert f'href="{path}"' in html(boss.get("/dialog-kinerja"))
    bad = boss.submit(path, f"{path}/jadwal", {"date": "15-12-2026", "time": "10:30",
                                               "location": "Ruang Kepala Bagian"})
    page = html(bad)
    assert bad.status_code == 422 and "Isi tanggal dan jam dengan benar" in page
    assert 'href="#date"' in page and 'aria-invalid="true"' in page
    assert 'value="15-12-2026"' in page and 'value="Ruang Kepala Bagian"' in page, "answers kept"
    saved = boss.submit(path, f"{path}/jadwal", {"date": "2026-12-15", "time": "10:30",
                                                 "location": "Ruang Kepala Bagian"})
    assert saved.status_code == 302
    page = html(boss.get(path))
    assert "Jadwal dialog tersimpan." in page and "15 Desember 2026" in page


def test_the_supervisor_records_feedback_and_refusals_stay_at_their_fields(app, platform, team):
    boss, path = signed_in(app, team.boss.nip), f"/dialog-kinerja/{team.held.dialogue_id}"
    form = f"{path}/umpan-balik"
    empty = boss.submit(form, form, {"went_well-1": "Teliti dalam verifikasi", "summary": ""})
    assert empty.status_code == 422 and "Tulis ringkasan dialog" in html(empty)
    assert "Teliti dalam verifikasi" in html(empty) and 'href="#summary"' in html(empty)
    yesterday = (date.today() - timedelta(days=2)).isoformat()
    late = boss.submit(form, form, {"action-1": "Susun log keputusan", "due_on-1": yesterday,
                                    "summary": "Ringkasan"})
    assert late.status_code == 422 and 'href="#due_on-1"' in html(late)
    assert "tidak boleh sebelum hari ini" in html(late) and "Susun log keputusan" in html(late)
    phrase = as_person(platform.settings, "feedback", team.boss.nip).get(
        "/phrases", competency=team.held.blind_spot)[0]
    saved = boss.submit(form, form, {"to_improve-1": "Dokumentasi keputusan", "summary":
                                     "Sepakat memperbaiki dokumentasi", "phrases-1": phrase["code"],
                                     "action-1": "Susun log keputusan", "due_on-1": "2027-03-31"})
    assert saved.status_code == 302
    page = html(boss.get(path))
    assert "Umpan balik tersimpan" in page and "Sepakat memperbaiki dokumentasi" in page
    assert phrase["text"] in page and "31 Maret 2027" in page
    assert f'action="{path}/jadwal"' not in page, "no moving the meeting once feedback is given"


def test_notes_are_written_by_the_supervisor_and_acknowledged_by_the_employee(app, team):
    boss, nip = signed_in(app, team.boss.nip), team.holding.nip
    write = f"/umpan-balik/tulis/{nip}"
    assert f'href="{write}"' in html(boss.get("/umpan-balik"))
    blank = boss.submit(write, write, {"competency": team.held.blind_spot, "tone": "improvement",
                                       "text": "", "phrase_code": ""})
    assert blank.status_code == 422 and "Tulis umpan balik, atau pilih frasa" in html(blank)
    assert f'value="{team.held.blind_spot}" selected' in html(blank), "the choice is kept"
    untoned = boss.submit(write, write, {"competency": team.held.blind_spot, "text": "Bagus"})
    assert untoned.status_code == 422 and "Pilih jenis umpan balik" in html(untoned)
    sent = boss.submit(write, write, {"competency": team.held.blind_spot, "tone": "appreciation",
                                      "text": "Presentasi kemarin sangat jelas"})
    assert sent.status_code == 302 and "belum dikonfirmasi pegawai" in html(boss.get(write))
    me = signed_in(app, nip)
    page = html(me.get("/umpan-balik"))
    assert "Presentasi kemarin sangat jelas" in page and "Apresiasi" in page
    note_id = re.search(r'action="/umpan-balik/([^/"]+)/tanggapan"', page).group(1)
    done = me.submit("/umpan-balik", f"/umpan-balik/{note_id}/tanggapan",
                     {"agrees": "yes", "response": "Terima kasih, Pak"})
    assert done.status_code == 302
    page = html(me.get("/umpan-balik"))
    assert "Terima kasih, Pak" in page and f'/umpan-balik/{note_id}/tanggapan"' not in page
    assert "dikonfirmasi pegawai (Setuju)" in html(boss.get(write))


def test_someone_elses_dialogue_and_notes_are_refused_with_the_not_allowed_page(app, team):
    peer = signed_in(app, team.peer.nip)
    for path in (f"/dialog-kinerja/{team.answered.dialogue_id}",
                 f"/umpan-balik/tulis/{team.holding.nip}"):
        answer = peer.get(path)
        assert answer.status_code == 403, path
        assert "Anda tidak berhak membuka halaman ini" in html(answer)
    held = f"/dialog-kinerja/{team.held.dialogue_id}"
    forced = peer.client.post(f"{held}/jadwal", data={
        "csrf_token": _token(peer, "/dialog-kinerja"), "date": "2026-12-20", "time": "09:00",
        "location": "Di mana saja"})
    assert forced.status_code == 403 and "tidak berhak" in html(forced)


def test_hr_reads_a_dialogue_without_the_supervisors_forms(app, team):
    hr = Browserless(app)
    hr.sign_in(team.head.nip, "hr_admin")
    assert hr.submit("/", "/peran", {"role": "hr_admin"}).status_code == 302
    path = f"/dialog-kinerja/{team.held.dialogue_id}"
    page = html(hr.get(path))
    assert "Pokok bahasan" in page and team.holding.name in page
    assert f'action="{path}/jadwal"' not in page and f'href="{path}/umpan-balik"' not in page
