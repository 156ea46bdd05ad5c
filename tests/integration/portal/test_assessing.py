"""Penilaian diri, Tim saya, Nilai and Hasil through the portal, against the real services."""
from __future__ import annotations

import re

import pytest

from tools.apiclient import client_for, dev_token
from shared.auth import EMPLOYEE, HR_ADMIN
from tests.support.portal_assessing import (
    assessing_agency, compared, form_of, standard_of, submit)


@pytest.fixture(scope="module")
def team(platform):
    """A sekretaris and six direct reports; each test plays its own report."""
    small = assessing_agency(platform.settings)
    boss = small.agency.employees[1]
    return {"small": small, "boss": boss, "reports": small.reports_of(boss.nip),
            "outsider": small.agency.employees[2], "period": small.period}


def html(answer) -> str:
    return answer.get_data(as_text=True)


def test_the_form_shows_every_competency_with_its_levels_and_required_level(browser, team,
                                                                            platform):
    person = team["reports"][0]
    browser.sign_in(person.nip)
    page = html(browser.get("/penilaian-diri"))
    codes = standard_of(platform.settings, person.nip)
    for code in codes:
        assert f'id="section-{code.replace(".", "-").lower()}"' in page
    assert page.count('type="radio" id="level-') == 5 * len(codes)
    assert page.count("<fieldset") == len(codes) + 2, "one per competency, two work ratings"
    assert "Level yang dibutuhkan jabatan Anda: 1" in page  # Ahli Pertama
    assert 'hx-post="/penilaian-diri/' in page and 'aria-live="polite"' in page
    assert team["period"] in page


def test_a_draft_is_saved_as_one_goes_and_with_the_button_and_comes_back(browser, team,
                                                                          platform):
    person = team["reports"][0]
    browser.sign_in(person.nip)
    first, second = (c.replace(".", "-").lower() for c in standard_of(platform.settings,
                                                                       person.nip)[:2])
    save = f"/penilaian-diri/{team['period']}/draf"
    answer = browser.submit("/penilaian-diri", save, {f"level-{first}": "3",
                                                      f"evidence-{first}": "Memimpin rapat"},
                            headers={"HX-Request": "true"})
    assert answer.status_code == 200 and "Draf tersimpan" in html(answer)
    assert re.search(r'id="contents"[^>]*hx-swap-oob="true"', html(answer)), "progress follows"
    answer = browser.submit("/penilaian-diri", save, {
        f"level-{first}": "3", f"evidence-{first}": "Memimpin rapat", f"level-{second}": "2",
        "next": "draft"})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("?tersimpan=1")
    page = html(browser.get(answer.headers["Location"]))
    assert re.search(rf'id="level-{first}-3" name="level-{first}" value="3"\s+checked', page)
    assert re.search(rf'id="level-{second}-2" name="level-{second}" value="2"\s+checked', page)
    assert "Memimpin rapat</textarea>" in page and "2 dari" in page


def test_an_incomplete_submission_is_refused_at_each_field_and_keeps_every_answer(
        browser, team, platform):
    person = team["reports"][0]
    browser.sign_in(person.nip)
    codes = standard_of(platform.settings, person.nip)
    first = codes[0].replace(".", "-").lower()
    period = team["period"]
    browser.submit("/penilaian-diri", f"/penilaian-diri/{period}/draf",
                   {f"level-{first}": "4", f"evidence-{first}": "Bukti pertama"})
    answer = browser.submit(f"/penilaian-diri/{period}/periksa",
                            f"/penilaian-diri/{period}/kirim", {})
    page = html(answer)
    assert answer.status_code == 422
    assert 'class="error-summary"' in page
    missing = codes[1].replace(".", "-").lower()
    assert f'href="#level-{missing}"' in page and 'href="#work_result"' in page
    assert f'id="level-{missing}-error">Pilih satu level untuk kompetensi ini' in page
    assert f'aria-describedby="level-{missing}-error"' in page
    assert re.search(rf'id="level-{first}-4" name="level-{first}" value="4"\s+checked', page)
    assert "Bukti pertama</textarea>" in page


def test_check_then_submit_then_the_assessment_is_read_only(browser, team, platform):
    person = team["reports"][0]
    browser.sign_in(person.nip)
    period = team["period"]
    codes = standard_of(platform.settings, person.nip)
    answer = browser.submit("/penilaian-diri", f"/penilaian-diri/{period}/draf",
                            form_of(codes, 3, work_result="DI_ATAS", next="check"))
    assert answer.headers["Location"] == f"/penilaian-diri/{period}/periksa"
    check = html(browser.get(answer.headers["Location"]))
    assert "Periksa jawaban Anda" in check and "Kirim penilaian" in check
    assert check.count(f'href="/penilaian-diri/{period}#') == len(codes) + 2, "each can change"
    assert "Di Atas Ekspektasi" in check
    answer = browser.submit(f"/penilaian-diri/{period}/periksa",
                            f"/penilaian-diri/{period}/kirim", {})
    assert answer.headers["Location"] == f"/penilaian-diri/{period}/terkirim"
    done = html(browser.get(answer.headers["Location"]))
    assert "Penilaian diri terkirim" in done and "Atasan langsung Anda akan menilai" in done
    page = html(browser.get("/penilaian-diri"))
    assert "<textarea" not in page and 'type="radio"' not in page and "dikirim pada" in page
    again = browser.submit("/penilaian-diri", f"/penilaian-diri/{period}/draf",
                           form_of(codes, 1))
    assert again.status_code == 422 and "Penilaian sudah dikirim" in html(again)
    results = html(browser.get("/hasil"))
    assert "Menunggu penilaian atasan langsung Anda" in results


def test_a_bad_input_gets_the_apis_message_beside_its_field(browser, team, platform):
    person = team["reports"][4]
    browser.sign_in(person.nip)
    codes = standard_of(platform.settings, person.nip)
    slug = codes[2].replace(".", "-").lower()
    answer = browser.submit("/penilaian-diri", f"/penilaian-diri/{team['period']}/draf",
                            form_of(codes, 2, **{f"evidence-{slug}": "x" * 2001}))
    page = html(answer)
    assert answer.status_code == 422
    assert f'id="evidence-{slug}-error"' in page and 'aria-invalid="true"' in page
    assert f'href="#evidence-{slug}"' in page
    assert "x" * 2001 + "</textarea>" in page, "the typing is kept"


def test_the_team_lists_reports_with_what_needs_the_supervisor_first(browser, team):
    boss, reports, period = team["boss"], team["reports"], team["period"]
    submit(browser_settings(browser), period, reports[2].nip, "supervisor", boss.nip, 3)
    browser.sign_in(boss.nip)
    page = html(browser.get("/tim-saya"))
    assert "Tim saya" in page
    rows = re.findall(r'<tr>\s*<th scope="row".*?</tr>', page, re.S)
    assert len(rows) == len(reports)
    states = [re.search(r'class="tag[^"]*">([^<]+)<', row).group(1) for row in rows]
    assert states == sorted(states, key=["Menunggu penilaian Anda", "Belum menilai diri",
                                         "Selesai"].index)
    by_nip = {next(r.nip for r in reports if r.nip in row): state
              for row, state in zip(rows, states)}
    assert by_nip[reports[2].nip] == "Belum menilai diri"
    assert by_nip[reports[3].nip] == "Menunggu penilaian Anda"
    assert f'href="/tim-saya/{period}/{reports[3].nip}"' in page


def browser_settings(browser):
    return browser.client.application.extensions["portal.settings"].platform


def test_the_supervisor_assesses_sees_the_predikat_and_then_the_comparison(browser, team,
                                                                           platform):
    boss, report, period = team["boss"], team["reports"][1], team["period"]
    codes = standard_of(platform.settings, report.nip)
    browser.sign_in(boss.nip)
    page_url = f"/tim-saya/{period}/{report.nip}"
    page = html(browser.get(page_url))
    assert f"Nilai {report.name}" in page and "Pilih hasil kerja dan perilaku kerja" in page
    answer = browser.submit(page_url, f"{page_url}/draf",
                            form_of(codes, 4, work_result="DI_ATAS", work_behaviour="DI_ATAS"),
                            headers={"HX-Request": "true"})
    assert re.search(r'id="predikat"[^>]*hx-swap-oob="true"', html(answer))
    assert "Sangat Baik" in html(answer), "the predikat is the service's"
    assert "Sangat Baik" in html(browser.get(f"{page_url}/periksa"))
    answer = browser.submit(f"{page_url}/periksa", f"{page_url}/kirim", {})
    assert answer.headers["Location"] == f"{page_url}/terkirim"
    done = html(browser.get(answer.headers["Location"]))
    assert f"Penilaian untuk {report.name} terkirim" in done and "Sangat Baik" in done
    waiting = html(browser.get(page_url))
    assert "<textarea" not in waiting and "setelah pegawai mengirimnya" in waiting
    submit(platform.settings, period, report.nip, "self", report.nip, 2)
    facts = compared(platform.settings, period, report.nip)
    page = html(browser.get(page_url))
    assert f"Hasil penilaian {report.name}" in page and "Dialog kinerja</h2>" in page
    if "dialogue.dialogues" in browser.client.application.view_functions:
        assert 'href="/dialog-kinerja"' in page
    assert f"selisih {facts['threshold']} level" in page
    assert "Anda menilai pegawai 2 level lebih tinggi dari penilaiannya sendiri." in page
    browser.sign_in(report.nip)
    results = html(browser.get("/hasil"))
    assert "Atasan menilai Anda 2 level lebih tinggi dari penilaian Anda sendiri." in results
    assert results.count("Kekuatan tersembunyi</span>") == facts["hidden_strengths"] == len(codes)
    assert "Sangat Baik" in results and "atasan: Di Atas Ekspektasi" in results


def test_another_employees_page_is_refused(browser, team):
    boss, reports, period = team["boss"], team["reports"], team["period"]
    browser.sign_in(boss.nip)
    answer = browser.get(f"/tim-saya/{period}/{team['outsider'].nip}")
    assert answer.status_code == 403 and "Anda tidak berhak membuka halaman ini" in html(answer)
    browser.sign_in(reports[3].nip)
    for nip in (reports[1].nip, reports[3].nip):
        answer = browser.get(f"/tim-saya/{period}/{nip}")
        assert answer.status_code == 403, nip
        assert "Anda tidak berhak" in html(answer)
    refused = browser.submit("/penilaian-diri", f"/tim-saya/{period}/{reports[2].nip}/draf",
                             {"work_result": "DI_ATAS"})
    assert refused.status_code == 403


def test_a_reopened_assessment_comes_back_filled_with_hrs_reason(browser, team, platform):
    person, period = team["reports"][4], team["period"]
    codes = standard_of(platform.settings, person.nip)
    submit(platform.settings, period, person.nip, "self", person.nip, 4)
    hr = client_for(platform.settings, "assessment", dev_token(
        platform.settings, team["small"].head.nip, [EMPLOYEE, HR_ADMIN]))
    hr.post(f"/periods/{period}/assessments/{person.nip}/self/reopen",
            {"reason": "Bukti M.01 perlu dilengkapi"})
    browser.sign_in(person.nip)
    page = html(browser.get("/penilaian-diri"))
    assert "Bukti M.01 perlu dilengkapi" in page and "<textarea" in page
    first = codes[0].replace(".", "-").lower()
    assert re.search(rf'id="level-{first}-4" name="level-{first}" value="4"\s+checked', page)
    answer = browser.submit(f"/penilaian-diri/{period}/periksa",
                            f"/penilaian-diri/{period}/kirim", {})
    assert answer.headers["Location"] == f"/penilaian-diri/{period}/terkirim", "sent again"


def test_the_pages_speak_english_on_request(browser, team):
    browser.sign_in(team["reports"][3].nip)
    browser.submit("/", "/bahasa", {"lang": "en", "next": "/"})
    page = html(browser.get("/penilaian-diri"))
    assert "<h1>Self-assessment</h1>" in page and "Save draft" in page
    assert "Integrity" in page, "the dictionary's own English"
