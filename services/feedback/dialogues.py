"""Commands on dialogues (dialog kinerja) and continuous-feedback notes, one transaction each."""
from __future__ import annotations

import uuid
from datetime import date

import psycopg

from services.feedback import domain
from services.feedback.reactors import dialogue_stream
from services.feedback.definition import SERVICE
from services.feedback.reference import phrases
from shared.envelope import Event, NewEvent
from shared.errors import Conflict, Invalid, NotFound
from shared.service import record
from shared.clock import agency_today

# The dialogue with its current holder: the employee's supervisor now, not at the assessment.
_DIALOGUE = """
SELECT d.*, e.supervisor_nip AS current_supervisor
  FROM dialogues d LEFT JOIN employees e ON e.nip = d.nip
 WHERE d.dialogue_id = %s
   FOR UPDATE OF d"""


def _dialogue(conn: psycopg.Connection, dialogue_id: str) -> dict:
    found = conn.execute(_DIALOGUE, (dialogue_id,)).fetchone()
    if found is None:
        raise NotFound("unknown_dialogue", f"no dialogue {dialogue_id}")
    return found


def _record(conn, dialogue: dict, type_: str, data: dict) -> Event:
    return record(conn, SERVICE, dialogue_stream(dialogue["dialogue_id"]), dialogue["version"],
                  [NewEvent(type_, dialogue["nip"], {"dialogue_id": dialogue["dialogue_id"],
                                                      "nip": dialogue["nip"], **data})])[0]


def schedule(conn: psycopg.Connection, caller: str, dialogue_id: str, body: dict) -> Event:
    """The supervisor sets or moves the meeting, until feedback has been given."""
    dialogue = _dialogue(conn, dialogue_id)
    domain.check_supervisor(caller, dialogue["current_supervisor"])
    domain.check_open(dialogue["status"])
    if dialogue["status"] == domain.FEEDBACK_GIVEN:
        raise Conflict("feedback_already_given", "feedback is given; the meeting has taken place")
    return _record(conn, dialogue, "feedback.FeedbackDialogueScheduled.v1", {
        "scheduled_by": caller, "scheduled_at": body["scheduled_at"].isoformat(),
        "location": body["location"]})


def _check_phrases(codes: list[str]) -> None:
    library = phrases()
    unknown = [code for code in codes if code not in library]
    if unknown:
        raise Invalid("unknown_phrase", f"no phrase {', '.join(unknown)} in the library",
                      phrases=unknown)


def give_feedback(conn: psycopg.Connection, caller: str, dialogue_id: str, body: dict,
                  today: date | None = None) -> Event:
    """The supervisor records feedback on agenda items; again on an item replaces it."""
    dialogue = _dialogue(conn, dialogue_id)
    domain.check_supervisor(caller, dialogue["current_supervisor"])
    domain.check_open(dialogue["status"])
    domain.check_feedback({i["item"] for i in dialogue["agenda"]}, body["items"],
                          today or agency_today())
    _check_phrases([code for item in body["items"] for code in item["phrase_codes"]])
    items = [{"item": i["item"], "went_well": i["went_well"], "to_improve": i["to_improve"],
              "actions": [{"action": a["action"], "due_on": a["due_on"].isoformat()}
                          for a in i["actions"]],
              "phrase_codes": i["phrase_codes"]} for i in body["items"]]
    return _record(conn, dialogue, "feedback.FeedbackGiven.v1", {
        "given_by": caller, "items": items, "summary": body["summary"]})


def acknowledge(conn: psycopg.Connection, caller: str, dialogue_id: str, body: dict) -> Event:
    """The employee acknowledges the feedback (agreeing or not); the dialogue is then closed."""
    dialogue = _dialogue(conn, dialogue_id)
    domain.check_acknowledgeable(caller, dialogue["nip"], dialogue["status"])
    event = NewEvent("feedback.FeedbackAcknowledged.v1", dialogue["nip"], {
        "kind": "dialogue", "ref": dialogue_id, "nip": dialogue["nip"], "agrees": body["agrees"],
        "response": body.get("response")})
    return record(conn, SERVICE, dialogue_stream(dialogue_id), dialogue["version"], [event])[0]


def note_stream(note_id: str) -> str:
    return f"note-{note_id}"


def record_note(conn: psycopg.Connection, caller: str, nip: str, body: dict) -> Event:
    """The supervisor notes feedback on a competency at any time; a picked phrase may be the text."""
    person = conn.execute("SELECT supervisor_nip FROM employees WHERE nip = %s FOR KEY SHARE",
                          (nip,)).fetchone()
    if person is None:
        raise NotFound("unknown_employee", f"no employee {nip}")
    domain.check_supervisor(caller, person["supervisor_nip"])
    known = conn.execute("SELECT 1 FROM competencies WHERE code = %s",
                         (body["competency"],)).fetchone()
    if known is None:
        raise Invalid("not_in_dictionary", f"no competency {body['competency']} in the dictionary",
                      competency=body["competency"])
    phrase_code = body.get("phrase_code")
    text = body.get("text")
    if phrase_code:
        _check_phrases([phrase_code])
        phrase = phrases()[phrase_code]
        if phrase["competency"] != body["competency"]:
            raise Invalid("phrase_of_other_competency",
                          f"phrase {phrase_code} is about {phrase['competency']}")
        text = text or phrase["id"]
    if not text:
        raise Invalid("missing_text", "write the note, or pick a phrase")
    note_id = str(uuid.uuid4())
    return record(conn, SERVICE, note_stream(note_id), 0, [NewEvent(
        "feedback.ContinuousFeedbackRecorded.v1", nip, {
            "note_id": note_id, "nip": nip, "given_by": caller,
            "competency": body["competency"], "tone": body["tone"], "text": text,
            "phrase_code": phrase_code})])[0]


def acknowledge_note(conn: psycopg.Connection, caller: str, note_id: str, body: dict) -> Event:
    note = conn.execute("SELECT * FROM notes WHERE note_id = %s FOR UPDATE", (note_id,)).fetchone()
    if note is None:
        raise NotFound("unknown_note", f"no note {note_id}")
    domain.check_own(caller, note["nip"])
    if note["acknowledged_at"] is not None:
        raise Conflict("already_acknowledged", "the note is already acknowledged")
    return record(conn, SERVICE, note_stream(note_id), note["version"], [NewEvent(
        "feedback.FeedbackAcknowledged.v1", note["nip"], {
            "kind": "note", "ref": note_id, "nip": note["nip"], "agrees": body["agrees"],
            "response": body.get("response")})])[0]
