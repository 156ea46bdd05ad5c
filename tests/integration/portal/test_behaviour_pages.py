"""Catatan perilaku and masukan perilaku through the portal, against the real services, without a
browser: a note refused at its field in words; invitations the service refuses shown at the field;
anyone but the official refused on the member page, its note and invitation forms and the summary
beside the rating; anyone not invited refused on the answer form; a refusal changes nothing. (The
flows themselves: tests/browser/test_portal_behaviour*.py.)"""
from __future__ import annotations

import pytest

from shared.auth import EMPLOYEE
from tests.support.portal import Browserless, csrf_of, seed
from tools.apiclient import client_for, dev_token

SEED = 17019  # this file's own people


def html(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.fixture(scope="module")
def office(platform):
    small = seed(platform.settings, employees=12, units=2, seed_value=SEED)
    boss = small.supervisor
    report = small.reports_of(boss.nip)[0]
    outsider = next(e for e in small.agency.employees
                    if e.unit_code != report.unit_code and e.nip != small.head.nip
                    and e.supervisor_nip != report.nip)
    api = client_for(platform.settings, "assessment",
                     dev_token(platform.settings, boss.nip, [EMPLOYEE]))
    return {"period": small.period, "boss": boss, "report": report, "outsider": outsider,
            "api": api}


def signed_in(app, nip: str) -> Browserless:
    who = Browserless(app)
    who.sign_in(nip)
    return who


def notes_of(office) -> list:
    path = f"/periods/{office['period']}/employees/{office['report'].nip}"
    return office["api"].get(f"{path}/behaviour-notes")["notes"]


def test_a_note_is_asked_for_at_its_fields_and_refused_in_words(app, office):
    page = f"/perilaku/{office['period']}/{office['report'].nip}"
    boss = signed_in(app, office["boss"].nip)
    answer = boss.submit(page, page, {"value": "", "kind": "", "observed_on": "", "text": ""})
    assert answer.status_code == 422 and "Pilih nilai dasar" in html(answer)
    answer = boss.submit(page, page, {"value": "loyal", "kind": "positive",
                                      "observed_on": "2099-01-01", "text": "Tepat waktu"})
    assert answer.status_code == 422
    assert "Tanggal pengamatan tidak boleh setelah hari ini" in html(answer)
    assert 'id="observed_on-error"' in html(answer) and notes_of(office) == []


def test_invitations_the_service_refuses_are_shown_at_the_field(app, office):
    page = f"/perilaku/{office['period']}/{office['report'].nip}"
    boss = signed_in(app, office["boss"].nip)
    answer = boss.submit(page, f"{page}/undang", {"invitee_nip": office["outsider"].nip})
    assert answer.status_code == 422 and "bukan rekan kerja" in html(answer)
    assert 'id="invitee_nip-error"' in html(answer)
    answer = boss.submit(page, f"{page}/undang", {"invitee_nip": ""})
    assert answer.status_code == 422 and "Pilih pegawai yang diundang" in html(answer)


def test_only_the_official_opens_the_member_page_and_only_the_invited_answer(app, office):
    period, report = office["period"], office["report"]
    page = f"/perilaku/{period}/{report.nip}"
    outsider = signed_in(app, office["outsider"].nip)
    token = csrf_of(html(outsider.get("/perilaku-saya")))
    assert outsider.get(page).status_code == 403
    assert outsider.get(f"{page}/ringkasan").status_code == 403
    assert outsider.client.post(page, data={
        "csrf_token": token, "value": "loyal", "kind": "positive", "observed_on": "2026-01-05",
        "text": "x"}).status_code == 403
    assert outsider.client.post(f"{page}/undang", data={
        "csrf_token": token, "invitee_nip": office["outsider"].nip}).status_code == 403
    assert outsider.get(f"/perilaku/masukan/{period}/{report.nip}").status_code == 403
    assert outsider.client.post(f"/perilaku/masukan/{period}/{report.nip}", data={
        "csrf_token": token, "choice-loyal": "above"}).status_code == 403
    assert notes_of(office) == []


def test_the_auditor_reads_a_note_in_words_on_riwayat_pegawai(app, office, platform):
    period, report = office["period"], office["report"]
    office["api"].post(f"/periods/{period}/employees/{report.nip}/behaviour-notes", {
        "value": "harmonis", "kind": "positive", "observed_on": period_start(period),
        "text": "Menengahi perbedaan pendapat di rapat"})
    auditor = Browserless(app)
    auditor.sign_in(office["boss"].nip, "auditor")
    page = html(auditor.get(f"/riwayat/{report.nip}"))
    assert ("Catatan perilaku (Positif) untuk nilai harmonis, diamati "
            f"{period_start(period)}: “Menengahi perbedaan pendapat di rapat”") in page


def period_start(period_id: str) -> str:
    """The first day of a quarter ``2026-Q4``."""
    year, quarter = period_id.split("-Q")
    return f"{year}-{3 * int(quarter) - 2:02d}-01"
