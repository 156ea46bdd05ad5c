"""The dialogue and note commands on both adapters of the store (memory, PostgreSQL)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from services.feedback import dialogues as commands
from services.feedback.reactors import on_submitted
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from tests.support import assessment_events as ae
from tests.support.people import CORE, EMPLOYEE, HEAD, PEER, PERIOD, SUPERVISOR

DIALOGUE = f"{PERIOD}.{EMPLOYEE}.1"
WHEN = {"scheduled_at": datetime(2027, 4, 10, 9, tzinfo=timezone(timedelta(hours=7))),
        "location": "Ruang Rapat"}
ACK = {"agrees": True, "response": None}


def feedback(*items: int, due: date | None = None, phrases=()) -> dict:
    return {"summary": "Baik", "items": [
        {"item": n, "went_well": "Jujur", "to_improve": "", "phrase_codes": list(phrases),
         "actions": [{"action": "Susun log", "due_on": due}] if due else []} for n in items]}


@pytest.fixture
def opened(adapter):
    """A dialogue opened by a comparison: agenda M.01 (discrepancy), M.04 (discrepancy), M.03."""
    boss = ae.submitted(EMPLOYEE, "supervisor", SUPERVISOR, {"M.01": 2, "M.04": 3, "M.03": 4})
    adapter.given(*[ae.competency(code) for code in CORE],
                  *[ae.employee(nip, "UNIT", head) for nip, head in (
                      (HEAD, None), (SUPERVISOR, HEAD), (EMPLOYEE, SUPERVISOR))],
                  ae.submitted(EMPLOYEE, "self", EMPLOYEE, {"M.01": 5, "M.04": 1}), boss)
    on_submitted(adapter.context, boss)
    adapter.before = adapter.recorded()
    return adapter


def refused(adapter, refusal, code: str, command, *args) -> None:
    with pytest.raises(refusal) as raised:
        command(adapter.context, *args)
    assert raised.value.code == code
    assert adapter.recorded(adapter.before) == [], "a refused command records nothing"


def test_scheduled_given_acknowledged_then_closed(opened):
    stream = f"dialogue-{DIALOGUE}"
    commands.schedule(opened.context, SUPERVISOR, DIALOGUE, WHEN)
    today = opened.context.today()  # the agency's (WIB): after 17:00 UTC it is tomorrow's date
    commands.give_feedback(opened.context, SUPERVISOR, DIALOGUE,
                           feedback(1, due=today, phrases=["M.01-I2"]))
    commands.acknowledge(opened.context, EMPLOYEE, DIALOGUE, {"agrees": False, "response": "Tidak"})
    scheduled, given, acknowledged = opened.recorded(opened.before)
    assert scheduled[:3] == (stream, 2, "feedback.FeedbackDialogueScheduled.v1")
    assert scheduled[3] == {"dialogue_id": DIALOGUE, "nip": EMPLOYEE, "scheduled_by": SUPERVISOR,
                            "scheduled_at": "2027-04-10T09:00:00+07:00", "location": "Ruang Rapat"}
    assert given[:3] == (stream, 3, "feedback.FeedbackGiven.v1")
    assert given[3]["items"] == [{"item": 1, "went_well": "Jujur", "to_improve": "",
                                  "actions": [{"action": "Susun log",
                                               "due_on": today.isoformat()}],
                                  "phrase_codes": ["M.01-I2"]}]
    assert acknowledged[2:] == ("feedback.FeedbackAcknowledged.v1", {
        "kind": "dialogue", "ref": DIALOGUE, "nip": EMPLOYEE, "agrees": False,
        "response": "Tidak"})
    loaded = opened.context.store.dialogue(DIALOGUE)
    assert (loaded.status, loaded.version, loaded.agenda_items) == ("acknowledged", 4, {1, 2, 3})
    opened.before = opened.recorded()
    refused(opened, Conflict, "dialogue_closed", commands.schedule, SUPERVISOR, DIALOGUE, WHEN)
    refused(opened, Conflict, "dialogue_closed", commands.acknowledge, EMPLOYEE, DIALOGUE, ACK)


def test_the_order_of_the_steps_is_kept(opened):
    refused(opened, Conflict, "no_feedback_yet", commands.acknowledge, EMPLOYEE, DIALOGUE, ACK)
    commands.give_feedback(opened.context, SUPERVISOR, DIALOGUE, feedback(2))
    opened.before = opened.recorded()
    refused(opened, Conflict, "feedback_already_given", commands.schedule, SUPERVISOR, DIALOGUE,
            WHEN)


def test_only_the_current_supervisor_holds_it_and_only_the_employee_acknowledges(opened):
    refused(opened, Forbidden, "not_your_report", commands.schedule, PEER, DIALOGUE, WHEN)
    commands.give_feedback(opened.context, SUPERVISOR, DIALOGUE, feedback(1))
    opened.before = opened.recorded()
    for caller in (SUPERVISOR, HEAD):
        refused(opened, Forbidden, "not_your_feedback", commands.acknowledge, caller, DIALOGUE, ACK)
    opened.given(ae.employee(EMPLOYEE, "UNIT", HEAD, version=2))
    refused(opened, Forbidden, "not_your_report", commands.give_feedback, SUPERVISOR, DIALOGUE,
            feedback(2))
    commands.give_feedback(opened.context, HEAD, DIALOGUE, feedback(2))
    assert opened.context.store.dialogue(DIALOGUE).current_supervisor == HEAD


def test_a_superseded_or_unknown_dialogue_takes_nothing(opened):
    boss = ae.submitted(EMPLOYEE, "supervisor", SUPERVISOR, 3, submission=2)
    opened.given(ae.reopened(EMPLOYEE, "supervisor"), boss)
    on_submitted(opened.context, boss)
    opened.before = opened.recorded()
    refused(opened, Conflict, "dialogue_superseded", commands.give_feedback, SUPERVISOR, DIALOGUE,
            feedback(1))
    refused(opened, NotFound, "unknown_dialogue", commands.schedule, SUPERVISOR, "x.y.1", WHEN)


@pytest.mark.parametrize("body, code", [
    (feedback(9), "unknown_agenda_item"), (feedback(1, 1), "duplicate_agenda_item"),
    (feedback(1, due=date(2020, 1, 1)), "due_in_the_past"),
    (feedback(1, phrases=["X.99"]), "unknown_phrase")])
def test_bad_feedback_is_refused(opened, body, code):
    refused(opened, Invalid, code, commands.give_feedback, SUPERVISOR, DIALOGUE, body)


def test_notes_are_recorded_and_acknowledged_once(opened):
    picked = commands.record_note(opened.context, SUPERVISOR, EMPLOYEE, {
        "competency": "M.03", "tone": "appreciation", "phrase_code": "M.03-A1", "text": None})
    [(stream, version, type_, data)] = opened.recorded(opened.before)
    note_id = picked.data["note_id"]
    assert (stream, version, type_) == (f"note-{note_id}", 1,
                                        "feedback.ContinuousFeedbackRecorded.v1")
    assert data["text"].startswith("Penyampaian Anda jelas") and data["given_by"] == SUPERVISOR
    commands.acknowledge_note(opened.context, EMPLOYEE, note_id, ACK)
    assert opened.context.store.note(note_id).acknowledged
    opened.before = opened.recorded()
    refused(opened, Conflict, "already_acknowledged", commands.acknowledge_note, EMPLOYEE, note_id,
            ACK)
    refused(opened, Forbidden, "not_your_feedback", commands.acknowledge_note, PEER, note_id, ACK)
    refused(opened, NotFound, "unknown_note", commands.acknowledge_note, EMPLOYEE, "nope", ACK)


@pytest.mark.parametrize("caller, nip, body, refusal, code", [
    (SUPERVISOR, PEER, {"competency": "M.03", "text": "x"}, NotFound, "unknown_employee"),
    (HEAD, EMPLOYEE, {"competency": "M.03", "text": "x"}, Forbidden, "not_your_report"),
    (SUPERVISOR, EMPLOYEE, {"competency": "X.1", "text": "x"}, Invalid, "not_in_dictionary"),
    (SUPERVISOR, EMPLOYEE, {"competency": "M.03"}, Invalid, "missing_text"),
    (SUPERVISOR, EMPLOYEE, {"competency": "M.04", "phrase_code": "M.03-A1"}, Invalid,
     "phrase_of_other_competency"),
    (SUPERVISOR, EMPLOYEE, {"competency": "M.04", "phrase_code": "M.04-Z9"}, Invalid,
     "unknown_phrase")])
def test_bad_notes_are_refused(opened, caller, nip, body, refusal, code):
    refused(opened, refusal, code, commands.record_note, caller, nip, {
        "tone": "appreciation", "text": None, "phrase_code": None, **body})
