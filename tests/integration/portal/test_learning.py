"""Pelatihan saya through the portal: the assignment's reason in words, starting it, reporting
its completion with a certificate number, and the JP progress once an admin has verified it."""
from __future__ import annotations

import re

import pytest

from tests.support.portal import Browserless, seed
from tests.support.portal_dialogue import GAP_LEVELS, assess, assignments, verify_reports


@pytest.fixture(scope="module")
def learner(platform):
    """An employee of an agency of its own whose supervisor rated one competency below the
    requirement (a gap, so training) and one at level 5 (a strength, so an opportunity)."""
    agency = seed(platform.settings, seed_value=4712)  # no other test file plays these people
    person = next(e for e in agency.agency.employees
                  if e.supervisor_nip and e.position.job_level in GAP_LEVELS)
    seeded = assess(platform.settings, agency.period, person)
    return seeded, assignments(platform.settings, person.nip)


def html(answer) -> str:
    return answer.get_data(as_text=True)


def test_the_reason_the_progress_and_the_opportunities_are_in_words(app, learner):
    seeded, planned = learner
    me = Browserless(app)
    me.sign_in(seeded.nip)
    page = html(me.get("/pelatihan"))
    assessed, required = seeded.gap
    assert re.search(rf"Kesenjangan {re.escape(seeded.blind_spot)} [^:]+: level {assessed},"
                     rf" dibutuhkan {required}\.", page), "the gap, with the competency's name"
    assert "0 dari 20 JP selesai" in page and '<progress id="jp-progress" max="20" value="0"' in page
    assert "Ditugaskan" in page
    assert f"Kekuatan {seeded.hidden_strength}" in page, "the strength's opportunity"
    assert f"Direncanakan: {sum(a['jp'] for a in planned)} JP." in page
    me.client.set_cookie("asn_lang", "en")
    english = html(me.get("/pelatihan"))
    assert "0 of 20 JP completed" in english and f"Gap in {seeded.blind_spot} " in english


def test_an_employee_starts_reports_and_sees_the_jp_once_verified(app, platform, learner):
    seeded, planned = learner
    assignment = planned[0]
    me, one = Browserless(app), f"/pelatihan/{assignment['assignment_id']}"
    me.sign_in(seeded.nip)
    assert me.submit("/pelatihan", f"{one}/mulai", {}).status_code == 302
    assert "Sedang berjalan" in html(me.get("/pelatihan"))
    twice = me.submit("/pelatihan", f"{one}/mulai", {})
    assert twice.status_code == 409 and "tidak dapat dimulai lagi" in html(twice)
    blank = me.submit(f"{one}/lapor", f"{one}/lapor", {"certificate_number": " ",
                                                        "completed_on": "2026-11-30"})
    assert blank.status_code == 422 and "Isi nomor sertifikat" in html(blank)
    assert 'value="2026-11-30"' in html(blank) and 'href="#certificate_number"' in html(blank)
    future = me.submit(f"{one}/lapor", f"{one}/lapor", {"certificate_number": "SERT/2026/77",
                                                         "completed_on": "2099-01-01"})
    assert future.status_code == 422 and "tidak boleh setelah hari ini" in html(future)
    assert 'value="SERT/2026/77"' in html(future)
    sent = me.submit(f"{one}/lapor", f"{one}/lapor", {"certificate_number": "SERT/2026/77",
                                                       "completed_on": "2026-11-30"})
    assert sent.status_code == 302
    assert "Menunggu verifikasi" in html(me.get("/pelatihan"))
    assert verify_reports(platform.settings, seeded.nip) == 1
    page = html(me.get("/pelatihan"))
    jp = assignment["jp"]
    assert f"{jp} dari 20 JP selesai" in page and f'value="{min(jp, 20)}"' in page
    assert "SERT/2026/77" in page and "Selesai" in page


def test_someone_elses_assignment_is_refused(app, learner):
    seeded, planned = learner
    stranger = Browserless(app)
    stranger.sign_in("199901012022011001")
    answer = stranger.get(f"/pelatihan/{planned[0]['assignment_id']}/lapor")
    assert answer.status_code == 403 and "Anda tidak berhak membuka halaman ini" in html(answer)
