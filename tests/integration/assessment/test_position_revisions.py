"""PUT /positions/<code> on the real PostgreSQL: the title and job level change with the standard,
and an edit carrying the revision it read is refused once someone else saved (409
standard_changed, problem+json in both languages), recording nothing; bad input too."""
from __future__ import annotations

import pytest

PATH = "/positions/ANALIS"
STANDARD = [{"competency": "M.01", "required_level": 3}, {"competency": "SK.01", "required_level": 2}]


def body(**changes) -> dict:
    return {"title": "Analis SDM Aparatur Ahli Muda", "job_level": "AHLI_MUDA",
            "standard": STANDARD, **changes}


def test_the_title_job_level_and_standard_change_at_the_revision_read(org, hr):
    read = hr.get(PATH).get_json()
    assert read["revision"] == 1
    r = hr.put(PATH, json=body(expected_revision=read["revision"]))
    assert r.status_code == 200, r.get_json()
    saved = r.get_json()
    assert (saved["title"], saved["job_level"], saved["standard"], saved["revision"]) == (
        "Analis SDM Aparatur Ahli Muda", "AHLI_MUDA", STANDARD, 2)
    [event] = [e for e in org.events() if e["stream_id"] == "position-ANALIS"][1:]
    assert event["type"] == "assessment.CompetencyStandardSet.v1" and event["version"] == 2
    created = hr.put("/positions/BARU", json=body(expected_revision=0))
    assert created.status_code == 200 and created.get_json()["revision"] == 1


def test_an_edit_made_on_a_stale_read_is_refused_and_changes_nothing(org, hr):
    read = hr.get(PATH).get_json()
    assert hr.put(PATH, json=body(expected_revision=read["revision"])).status_code == 200
    before, now = org.events(), hr.get(PATH).get_json()
    stale = hr.put(PATH, json=body(title="Analis Lama", expected_revision=read["revision"]))
    assert stale.status_code == 409 and stale.mimetype == "application/problem+json"
    problem = stale.get_json()
    assert (problem["code"], problem["status"], problem["revision"]) == ("standard_changed", 409, 2)
    assert problem["title"].startswith("Standar jabatan ini sudah diubah orang lain")
    english = hr.put(PATH, json=body(expected_revision=read["revision"]),
                     headers={"Accept-Language": "en"}).get_json()
    assert english["title"].startswith("Someone changed this position's standard since you")
    again = hr.put("/positions/ANALIS", json=body(expected_revision=0))  # "new", but it is not
    assert again.status_code == 409 and again.get_json()["code"] == "standard_changed"
    assert org.events() == before and hr.get(PATH).get_json() == now
    assert hr.put(PATH, json=body(expected_revision=2)).status_code == 200  # read again: saved


@pytest.mark.parametrize("change", [
    {"expected_revision": -1}, {"expected_revision": "1"}, {"expected_revision": 1.5},
    {"expected_revision": True}, {"expected_revision": 2**31}, {"title": ""},
    {"title": "x" * 201}, {"revision": 1}])
def test_bad_input_is_refused_with_a_problem_and_changes_nothing(org, hr, change):
    before, now = org.events(), hr.get(PATH).get_json()
    r = hr.put(PATH, json=body(**change))
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert r.get_json()["code"] == "validation_failed"
    assert set(r.get_json()["errors"]["json"]) == set(change)
    assert org.events() == before and hr.get(PATH).get_json() == now


def test_without_a_revision_the_last_save_still_wins(org, hr):
    """Scripts and the demo send no revision; they keep replacing the standard as before."""
    assert hr.put(PATH, json=body()).get_json()["revision"] == 2
    assert hr.put(PATH, json=body(title="Analis SDM")).get_json()["revision"] == 3

