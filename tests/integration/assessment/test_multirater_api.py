"""Peer and subordinate input over HTTP: the official invites, each invited person answers once,
the official sees who said what, the employee only counts and comments without names once enough
responses exist; refusals are problem+json and change nothing; every caller is checked."""
from __future__ import annotations

import pytest

from services.assessment.app import create_app
from services.assessment.definition import SERVICE
from shared.replay import replay
from tests.support import people
from tests.support.people import PERIOD

ONE = f"/periods/{PERIOD}/employees/{people.EMPLOYEE}"
ANSWERS = [{"value": "kolaboratif", "choice": "above", "comment": "Selalu berbagi data"},
           {"value": "akuntabel", "choice": "meets"}]
NEWCOMER = {"nip": "199505052020122001", "name": "Nina Pratiwi", "position_code": "ANALIS",
            "unit_code": "BKPSDM.MUTASI", "supervisor_nip": people.SUPERVISOR}


def test_invited_peers_answer_and_the_employee_sees_counts_without_names(org, hr):
    assert hr.post("/employees", json=NEWCOMER).status_code == 201
    budi, ayu = (org.caller(nip, "employee") for nip in (people.SUPERVISOR, people.EMPLOYEE))
    found = budi.get(f"{ONE}/behaviour-input").get_json()
    assert {c["nip"]: c["relation"] for c in found["candidates"]} == {
        people.PEER: "peer", NEWCOMER["nip"]: "peer"}  # same unit and level; not the outsider
    for invitee in (people.PEER, NEWCOMER["nip"]):
        r = budi.post(f"{ONE}/behaviour-invitations", json={"invitee_nip": invitee})
        assert r.status_code == 201, r.get_json()
    rudi = org.caller(people.PEER, "employee")
    assert [(i["nip"], i["answered_at"]) for i in rudi.get("/me/behaviour-invitations").get_json()
            ] == [(people.EMPLOYEE, None)]
    r = rudi.post(f"{ONE}/behaviour-input", json={"answers": ANSWERS})
    assert r.status_code == 201 and r.get_json()["answered_at"], r.get_json()
    assert rudi.post(f"{ONE}/behaviour-input", json={"answers": ANSWERS}).status_code == 201
    assert len(org.events("BehaviourInputGiven")) == 1  # the same answers again: nothing new
    seen = ayu.get(f"{ONE}/behaviour-input").get_json()
    assert (seen["responses"], seen["needed"], seen["shown"], seen["counts"],
            seen["comments"]) == (1, 3, False, [], [])
    full = budi.get(f"{ONE}/behaviour-input").get_json()
    assert full["counts"] == [{"value": "kolaboratif", "above": 1, "meets": 0, "below": 0},
                              {"value": "akuntabel", "above": 0, "meets": 1, "below": 0}]
    assert full["comments"] == [{"value": "kolaboratif", "text": "Selalu berbagi data",
                                 "invitee_name": "Rudi Hartono", "relation": "peer"}]
    assert hr.get(f"{ONE}/behaviour-input").get_json()["comments"] == full["comments"]


def _agency(org, tmp_path, names_hidden: bool):
    """The app with the agency's behaviour rules: one response is enough."""
    rules = tmp_path / f"behaviour_rules_{names_hidden}.yaml"
    rules.write_text(f"employee_sees_notes: true\nnames_hidden: {str(names_hidden).lower()}\n"
                     "min_responses: 1\npeers: same_unit_same_level\n", "utf-8")
    return create_app(org.settings.with_(data_files={**org.settings.data_files,
                                                     "behaviour_rules": str(rules)}))


@pytest.mark.parametrize("names_hidden", (True, False))
def test_the_employee_sees_the_input_once_enough_answered(org, tmp_path, names_hidden):
    org.app = _agency(org, tmp_path, names_hidden)
    try:
        org.caller(people.SUPERVISOR, "employee").post(f"{ONE}/behaviour-invitations",
                                                       json={"invitee_nip": people.PEER})
        org.caller(people.PEER, "employee").post(f"{ONE}/behaviour-input",
                                                 json={"answers": ANSWERS})
        seen = org.caller(people.EMPLOYEE, "employee").get(f"{ONE}/behaviour-input").get_json()
        named = {"invitee_name": "Rudi Hartono", "relation": "peer"}
        assert (seen["shown"], seen["counts"][0], seen["comments"], seen["invitations"],
                seen["candidates"]) == (
            True, {"value": "kolaboratif", "above": 1, "meets": 0, "below": 0},
            [{"value": "kolaboratif", "text": "Selalu berbagi data",
              **({} if names_hidden else named)}], [], [])
    finally:
        org.app.extensions["asn.pool"].close()


@pytest.mark.parametrize("who, path, body, status, code", [
    (people.PEER, "behaviour-invitations", {"invitee_nip": people.PEER}, 403, "not_the_official"),
    (people.SUPERVISOR, "behaviour-invitations", {"invitee_nip": people.OUTSIDER}, 422,
     "not_a_peer"),
    (people.SUPERVISOR, "behaviour-invitations", {"invitee_nip": people.EMPLOYEE}, 422,
     "not_a_rater"),
    (people.SUPERVISOR, "behaviour-invitations", {"invitee_nip": "12"}, 422, "validation_failed"),
    (people.SUPERVISOR, "behaviour-invitations", {"invitee_nip": people.PEER}, 409,
     "already_invited"),
    (people.OUTSIDER, "behaviour-input", {"answers": ANSWERS}, 403, "not_invited"),
    (people.PEER, "behaviour-input", {"answers": [{"value": "jujur", "choice": "above"}]}, 422,
     "unknown_value"),
    (people.PEER, "behaviour-input", {"answers": [{"value": "loyal", "choice": "best"}]}, 422,
     "validation_failed"),
    (people.PEER, "behaviour-input", {"answers": []}, 422, "validation_failed"),
])
def test_bad_invitations_and_answers_are_refused_and_change_nothing(org, who, path, body, status,
                                                                     code):
    org.caller(people.SUPERVISOR, "employee").post(f"{ONE}/behaviour-invitations",
                                                   json={"invitee_nip": people.PEER})
    mark = len(org.events("BehaviourInput"))
    r = org.caller(who, "employee").post(f"{ONE}/{path}", json=body)
    assert (r.status_code, r.get_json()["code"]) == (status, code), r.get_json()
    assert r.mimetype == "application/problem+json"
    assert len(org.events("BehaviourInput")) == mark


def test_others_may_not_read_the_input(org, hr):
    for nip in (people.PEER, people.OUTSIDER, people.HEAD):
        r = org.caller(nip, "employee").get(f"{ONE}/behaviour-input")
        assert (r.status_code, r.get_json()["code"]) == (403, "not_allowed_to_read")
    assert org.caller(None).get("/me/behaviour-invitations").status_code == 401
    assert hr.post(f"{ONE}/behaviour-invitations",
                   json={"invitee_nip": people.PEER}).status_code == 403


def test_replay_rebuilds_the_notes_and_the_input_as_they_were_live(org, hr):
    budi = org.caller(people.SUPERVISOR, "employee")
    assert budi.post(f"{ONE}/behaviour-notes", json={
        "value": "loyal", "kind": "positive", "observed_on": "2026-02-10",
        "text": "Menjaga rahasia jabatan"}).status_code == 201
    assert hr.post("/employees", json=NEWCOMER).status_code == 201
    for invitee in (people.PEER, NEWCOMER["nip"]):
        budi.post(f"{ONE}/behaviour-invitations", json={"invitee_nip": invitee})
    org.caller(people.PEER, "employee").post(f"{ONE}/behaviour-input", json={"answers": ANSWERS})
    report = replay(SERVICE, org.settings)
    assert report.equal, report
    tables = {t.table: t.live_rows for t in report.tables}
    assert (tables["behaviour_notes"], tables["behaviour_invitations"]) == (1, 2)
