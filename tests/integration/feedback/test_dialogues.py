"""Dialogues and notes through the API: who does what, in which order, and nothing after closing."""
from __future__ import annotations

import pytest

from shared.clock import agency_today
from tests.integration.feedback.conftest import pair
from tests.support import assessment_events as ae
from tests.support.people import EMPLOYEE, HEAD, HR, PEER, PERIOD, SUPERVISOR

DIALOGUE = f"/dialogues/{PERIOD}.{EMPLOYEE}.1"
WHEN = {"scheduled_at": "2027-04-10T09:00:00+07:00", "location": "Ruang Rapat Bidang Mutasi"}


def ok(response, status=200):
    assert response.status_code == status, response.get_json()
    return response.get_json()


@pytest.fixture
def opened(fb):
    fb.feed(*pair(own={"M.01": 5, "M.04": 1}, boss={"M.01": 2, "M.04": 3, "M.03": 4}))
    fb.boss, fb.me = fb.caller(SUPERVISOR, "employee"), fb.caller(EMPLOYEE, "employee")
    return fb


def test_a_dialogue_is_scheduled_given_and_acknowledged_then_closed(opened):
    shown = ok(opened.me.get(DIALOGUE, headers={"Accept-Language": "en"}))
    assert shown["status"] == "opened" and shown["status_label"] == "Opened"
    assert [(i["kind"], i["aspect"], i["aspect_label"]) for i in shown["agenda"]] == [
        ("discrepancy", "M.01", "Competency M.01"), ("discrepancy", "M.04", "Competency M.04"),
        ("strength", "M.03", "Competency M.03")]
    ok(opened.boss.post(f"{DIALOGUE}/schedule", json=WHEN))
    moved = ok(opened.boss.post(f"{DIALOGUE}/schedule", json={**WHEN, "location": "Daring (Zoom)"}))
    assert (moved["status"], moved["location"]) == ("scheduled", "Daring (Zoom)")
    assert ok(opened.me.post(f"{DIALOGUE}/acknowledgement", json={}), 409)["code"] == "no_feedback_yet"
    ok(opened.boss.post(f"{DIALOGUE}/feedback", json={
        "items": [{"item": 1, "went_well": "Jujur", "to_improve": "Dokumentasi keputusan",
                   "actions": [{"action": "Susun log keputusan", "due_on": "2027-05-01"}],
                   "phrase_codes": ["M.01-I2"]},
                  {"item": 2, "to_improve": "Pantau target mingguan"}],
        "summary": "Fokus pada dokumentasi"}))
    again = ok(opened.boss.post(f"{DIALOGUE}/feedback", json={
        "items": [{"item": 2, "went_well": "Mau belajar", "to_improve": "Target mingguan"}],
        "summary": "Fokus pada dokumentasi dan target"}))
    feedback = {i["item"]: i["feedback"] for i in again["agenda"]}
    assert feedback[1]["phrase_codes"] == ["M.01-I2"], "an item not given again stays"
    assert feedback[2]["went_well"] == "Mau belajar", "an item given again is replaced"
    assert feedback[3] is None
    assert ok(opened.boss.post(f"{DIALOGUE}/schedule", json=WHEN), 409)["code"] == \
        "feedback_already_given"
    closed = ok(opened.me.post(f"{DIALOGUE}/acknowledgement",
                               json={"agrees": False, "response": "Target M.04 terlalu tinggi"}))
    assert (closed["status"], closed["agrees"], closed["response"]) == (
        "acknowledged", False, "Target M.04 terlalu tinggi")
    before = len(opened.events())
    for caller, path, body in ((opened.boss, "feedback", {"summary": "lagi"}),
                               (opened.boss, "schedule", WHEN),
                               (opened.me, "acknowledgement", {})):
        assert ok(caller.post(f"{DIALOGUE}/{path}", json=body), 409)["code"] == "dialogue_closed"
    assert len(opened.events()) == before
    types = [e["type"] for e in opened.events("dialogue") + opened.events("Feedback")]
    assert "feedback.FeedbackAcknowledged.v1" in types


def test_only_the_employee_acknowledges(opened):
    ok(opened.boss.post(f"{DIALOGUE}/feedback", json={"summary": "Baik"}))
    for nip in (SUPERVISOR, HEAD, PEER):
        response = opened.caller(nip, "employee").post(f"{DIALOGUE}/acknowledgement", json={})
        assert (response.status_code, response.get_json()["code"]) == (403, "not_your_feedback")
    hr = opened.caller(HR, "hr_admin", "employee").post(f"{DIALOGUE}/acknowledgement", json={})
    assert hr.status_code == 403


def test_the_current_supervisor_holds_the_dialogue(opened):
    opened.feed(ae.employee(EMPLOYEE, "BKPSDM.MUTASI", HEAD, version=2))
    refused = opened.boss.post(f"{DIALOGUE}/schedule", json=WHEN)
    assert (refused.status_code, refused.get_json()["code"]) == (403, "not_your_report")
    ok(opened.caller(HEAD, "employee").post(f"{DIALOGUE}/schedule", json=WHEN))


def test_a_superseded_dialogue_takes_nothing_more(opened):
    opened.feed(ae.reopened(EMPLOYEE, "supervisor"),
                ae.submitted(EMPLOYEE, "supervisor", SUPERVISOR, 3, submission=2,
                             unit_code="BKPSDM.MUTASI"))
    refused = opened.boss.post(f"{DIALOGUE}/feedback", json={"summary": "Baik"})
    assert (refused.status_code, refused.get_json()["code"]) == (409, "dialogue_superseded")
    ok(opened.boss.post(f"/dialogues/{PERIOD}.{EMPLOYEE}.2/feedback", json={"summary": "Baik"}))


@pytest.mark.parametrize("body, code", [
    ({"items": [{"item": 9}], "summary": "x"}, "unknown_agenda_item"),
    ({"items": [{"item": 1}, {"item": 1}], "summary": "x"}, "duplicate_agenda_item"),
    ({"items": [{"item": 1, "actions": [{"action": "a", "due_on": "2020-01-01"}]}], "summary": "x"},
     "due_in_the_past"),
    ({"items": [{"item": 1, "phrase_codes": ["X.99"]}], "summary": "x"}, "unknown_phrase"),
    ({"items": [], "summary": ""}, "validation_failed"),
    ({"summary": "x", "extra": 1}, "validation_failed"),
    ({"items": [{"item": "satu"}], "summary": "x"}, "validation_failed"),
])
def test_bad_feedback_is_refused_and_changes_nothing(opened, body, code):
    before = len(opened.events())
    response = opened.boss.post(f"{DIALOGUE}/feedback", json=body)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == code
    assert len(opened.events()) == before


@pytest.mark.parametrize("path, body, status, code", [
    ("schedule", {"scheduled_at": "2027-04-10T09:00:00", "location": "R"}, 422, "validation_failed"),
    ("schedule", {"scheduled_at": "besok", "location": "R"}, 422, "validation_failed"),
    ("schedule", {"scheduled_at": "2027-04-10T09:00:00+07:00", "location": ""}, 422,
     "validation_failed"),
    ("acknowledgement", {"agrees": "ya"}, 422, "validation_failed"),
])
def test_bad_schedules_and_acknowledgements(opened, path, body, status, code):
    caller = opened.me if path == "acknowledgement" else opened.boss
    response = caller.post(f"{DIALOGUE}/{path}", json=body)
    assert (response.status_code, response.get_json()["code"]) == (status, code)


def test_unknown_dialogues_and_notes_are_404(opened):
    assert opened.boss.post("/dialogues/2026-Q1.x.1/schedule", json=WHEN).status_code == 404
    assert opened.me.post("/notes/nope/acknowledgement", json={}).status_code == 404
    assert ok(opened.boss.post(f"/employees/{'1' * 18}/notes", json={
        "competency": "M.01", "tone": "appreciation", "text": "x"}), 404)["code"] == "unknown_employee"


def test_continuous_feedback_notes(opened):
    picked = ok(opened.boss.post(f"/employees/{EMPLOYEE}/notes", json={
        "competency": "M.03", "tone": "appreciation", "phrase_code": "M.03-A1"}), 201)
    assert picked["text"].startswith("Penyampaian Anda jelas")
    written = ok(opened.boss.post(f"/employees/{EMPLOYEE}/notes", json={
        "competency": "M.04", "tone": "improvement", "text": "Laporan bulanan terlambat dua hari"}),
        201)
    mine = ok(opened.me.get("/me/notes"))
    assert {n["note_id"] for n in mine} == {picked["note_id"], written["note_id"]}
    done = ok(opened.me.post(f"/notes/{written['note_id']}/acknowledgement",
                             json={"response": "Akan saya perbaiki"}))
    assert (done["agrees"], done["response"]) == (True, "Akan saya perbaiki")
    twice = opened.me.post(f"/notes/{written['note_id']}/acknowledgement", json={})
    assert (twice.status_code, twice.get_json()["code"]) == (409, "already_acknowledged")
    for body, code in (({"competency": "M.03", "tone": "appreciation"}, "missing_text"),
                       ({"competency": "M.04", "tone": "appreciation", "phrase_code": "M.03-A1"},
                        "phrase_of_other_competency"),
                       ({"competency": "X.1", "tone": "appreciation", "text": "x"},
                        "not_in_dictionary"),
                       ({"competency": "M.03", "tone": "pujian", "text": "x"}, "validation_failed")):
        response = opened.boss.post(f"/employees/{EMPLOYEE}/notes", json=body,
                                    headers={"Accept-Language": "en"})
        assert (response.status_code, response.get_json()["code"]) == (422, code)
    assert len(opened.events("ContinuousFeedbackRecorded")) == 2


def test_phrases_per_competency_in_either_language(opened):
    phrases = ok(opened.me.get("/phrases?competency=M.03&tone=improvement",
                               headers={"Accept-Language": "en"}))
    assert [p["code"] for p in phrases] == ["M.03-I1", "M.03-I2"]
    assert phrases[0]["text"] == phrases[0]["en"] != phrases[0]["id"]
    assert len(ok(opened.me.get("/phrases"))) == 36


def test_feedback_actions_due_today_are_accepted(opened):
    today = agency_today(opened.settings)  # the agency's (WIB): after 17:00 UTC, tomorrow's date
    body = {"items": [{"item": 1, "actions": [{"action": "a", "due_on": today.isoformat()}]}],
            "summary": "x"}
    ok(opened.boss.post(f"{DIALOGUE}/feedback", json=body))
