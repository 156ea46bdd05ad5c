"""Commands on dialogues (dialog kinerja) and continuous-feedback notes: load, decide, record.

Each runs in its request's transaction (``shared.transactions.command``) on the context the
composition root built for it (``wiring.Context``).
"""
from __future__ import annotations

import uuid

from services.feedback import domain_dialogues as decide
from services.feedback.domain_dialogues import Dialogue, found
from services.feedback.store import dialogue_stream, note_stream
from services.feedback.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def _dialogue(context: Context, dialogue_id: str) -> Dialogue:
    return found(context.store.dialogue(dialogue_id), "dialogue", dialogue_id)


def _on_dialogue(context: Context, dialogue: Dialogue, event) -> Event:
    return context.recorder.record(dialogue_stream(dialogue.dialogue_id), dialogue.version,
                                   [decided(event, dialogue.nip)])[0]


def schedule(context: Context, caller: str, dialogue_id: str, body: dict) -> Event:
    """The supervisor sets or moves the meeting, until feedback has been given."""
    dialogue = _dialogue(context, dialogue_id)
    return _on_dialogue(context, dialogue, decide.schedule(
        dialogue, caller, body["scheduled_at"], body["location"]))


def give_feedback(context: Context, caller: str, dialogue_id: str, body: dict) -> Event:
    """The supervisor records feedback on agenda items; again on an item replaces it."""
    dialogue = _dialogue(context, dialogue_id)
    return _on_dialogue(context, dialogue, decide.give_feedback(
        dialogue, caller, body["items"], body["summary"], context.today(), context.phrases))


def acknowledge(context: Context, caller: str, dialogue_id: str, body: dict) -> Event:
    """The employee acknowledges the feedback (agreeing or not); the dialogue is then closed."""
    dialogue = _dialogue(context, dialogue_id)
    return _on_dialogue(context, dialogue, decide.acknowledge(
        dialogue, caller, body["agrees"], body.get("response")))


def record_note(context: Context, caller: str, nip: str, body: dict) -> Event:
    """The supervisor notes feedback on a competency at any time; a picked phrase may be the text."""
    employee = found(context.store.employee(nip), "employee", nip)
    known = context.store.knows_competency(body["competency"])
    note_id = str(uuid.uuid4())
    note = decide.record_note(note_id, nip, employee.supervisor_nip, caller,
                              competency=body["competency"], known=known, tone=body["tone"],
                              text=body.get("text"), phrase_code=body.get("phrase_code"),
                              phrases=context.phrases)
    return context.recorder.record(note_stream(note_id), 0, [decided(note, nip)])[0]


def acknowledge_note(context: Context, caller: str, note_id: str, body: dict) -> Event:
    """The employee acknowledges a note, agreeing or not, once."""
    note = found(context.store.note(note_id), "note", note_id)
    event = decide.acknowledge_note(note, caller, body["agrees"], body.get("response"))
    return context.recorder.record(note_stream(note_id), note.version, [decided(event, note.nip)])[0]
