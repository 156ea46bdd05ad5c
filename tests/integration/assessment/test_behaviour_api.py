"""Work behaviour over HTTP: the BerAKHLAK values, the appraising official's notes per value on an
employee, read by the official, the employee (when the agency shares them), HR and auditors;
refusals are problem+json and change nothing; every caller is checked."""
from __future__ import annotations

import pytest

from services.assessment.app import create_app
from tests.support import people
from tests.support.people import PERIOD

NOTES = f"/periods/{PERIOD}/employees/{people.EMPLOYEE}/behaviour-notes"
NOTE = {"value": "kolaboratif", "kind": "positive", "observed_on": "2026-02-10",
        "text": "Mengajak bidang lain menyusun data bersama"}


def test_the_values_come_from_the_data_file_in_their_order(org):
    found = org.caller(people.EMPLOYEE, "employee").get("/behaviour/values").get_json()
    assert [v["code"] for v in found][:2] == ["berorientasi_pelayanan", "akuntabel"]
    assert len(found) == 7 and all(len(v["behaviours"]) == 3 for v in found)
    assert found[2]["name"] == {"id": "Kompeten", "en": "Competent"}


def test_the_official_notes_and_the_people_concerned_read_them(org, hr):
    budi = org.caller(people.SUPERVISOR, "employee")
    r = budi.post(NOTES, json=NOTE)
    assert r.status_code == 201, r.get_json()
    r = budi.post(NOTES, json={**NOTE, "value": "akuntabel", "kind": "to_improve",
                               "observed_on": "2026-03-01", "text": "Laporan terlambat dua hari"})
    found = r.get_json()
    assert (found["name"], found["official_name"]) == ("Ayu Lestari, S.Psi.",
                                                        "Budi Santoso, S.Sos.")
    assert [(n["value"], n["kind"], n["observed_on"], n["noted_by_name"])
            for n in found["notes"]] == [
        ("akuntabel", "to_improve", "2026-03-01", "Budi Santoso, S.Sos."),
        ("kolaboratif", "positive", "2026-02-10", "Budi Santoso, S.Sos.")]
    for reader in (org.caller(people.EMPLOYEE, "employee"), hr,
                   org.caller(people.AUDITOR, "auditor")):
        assert reader.get(NOTES).get_json()["notes"] == found["notes"]
    assert [e["subject"] for e in org.events("BehaviourNoted")] == [people.EMPLOYEE] * 2


@pytest.mark.parametrize("who, body, status, code", [
    (people.PEER, NOTE, 403, "not_the_official"),
    (people.HEAD, NOTE, 403, "not_the_official"),
    (people.EMPLOYEE, NOTE, 403, "not_the_official"),
    (people.SUPERVISOR, {**NOTE, "value": "jujur"}, 422, "unknown_value"),
    (people.SUPERVISOR, {**NOTE, "kind": "neutral"}, 422, "validation_failed"),
    (people.SUPERVISOR, {**NOTE, "text": ""}, 422, "validation_failed"),
    (people.SUPERVISOR, {**NOTE, "observed_on": "2099-01-01"}, 422, "observed_in_future"),
    (people.SUPERVISOR, {**NOTE, "observed_on": "2025-12-31"}, 422, "observed_before_period"),
    (people.SUPERVISOR, {**NOTE, "rating": "DI_ATAS"}, 422, "validation_failed"),
])
def test_bad_notes_are_refused_and_change_nothing(org, who, body, status, code):
    r = org.caller(who, "employee").post(NOTES, json=body)
    assert (r.status_code, r.get_json()["code"]) == (status, code), r.get_json()
    assert r.mimetype == "application/problem+json"
    assert org.events("BehaviourNoted") == []


def test_others_may_not_read_or_write_the_notes(org, hr):
    org.caller(people.SUPERVISOR, "employee").post(NOTES, json=NOTE)
    for nip in (people.PEER, people.OUTSIDER, people.HEAD):
        r = org.caller(nip, "employee").get(NOTES)
        assert (r.status_code, r.get_json()["code"]) == (403, "not_allowed_to_read")
    assert org.caller(None).get(NOTES).status_code == 401
    assert hr.post(NOTES, json=NOTE).status_code == 403  # HR reads; only the official writes
    r = org.caller(people.SUPERVISOR, "employee").get(
        f"/periods/{PERIOD}/employees/199912312020121009/behaviour-notes")
    assert (r.status_code, r.get_json()["code"]) == (404, "unknown_employee")
    r = org.caller(people.SUPERVISOR, "employee").get(NOTES.replace(PERIOD, "2031-Q1"))
    assert (r.status_code, r.get_json()["code"]) == (404, "unknown_period")
    r = org.caller(people.SUPERVISOR, "employee").get(
        f"/periods/2031-Q1/employees/{people.EMPLOYEE}/behaviour-input")
    assert (r.status_code, r.get_json()["code"]) == (404, "unknown_period")


def test_the_agency_may_keep_the_notes_from_the_employee(org, tmp_path):
    rules = tmp_path / "behaviour_rules.yaml"
    rules.write_text("employee_sees_notes: false\nnames_hidden: true\nmin_responses: 3\n"
                     "peers: same_unit_same_level\n", "utf-8")
    settings = org.settings.with_(data_files={**org.settings.data_files,
                                              "behaviour_rules": str(rules)})
    org.app = create_app(settings)
    try:
        org.caller(people.SUPERVISOR, "employee").post(NOTES, json=NOTE)
        r = org.caller(people.EMPLOYEE, "employee").get(NOTES)
        assert (r.status_code, r.get_json()["code"]) == (403, "notes_not_shared")
        assert len(org.caller(people.SUPERVISOR, "employee").get(NOTES).get_json()["notes"]) == 1
    finally:
        org.app.extensions["asn.pool"].close()
