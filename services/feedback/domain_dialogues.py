"""The commands' decisions on dialogues (dialog kinerja) and continuous-feedback notes, pure.

Standard library, the contract's vocabulary, the refusals and ``domain``'s rules only. Each
decision takes what the command loaded and returns the event to record, or raises a refusal.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from services.feedback.contract import ACKNOWLEDGED_KINDS
from services.feedback.domain import (FEEDBACK_GIVEN, check_acknowledgeable, check_feedback,
                                      check_open, check_own, check_phrases, check_supervisor)
from shared.errors import Conflict, Invalid, NotFound

ON_DIALOGUE, ON_NOTE = ACKNOWLEDGED_KINDS


@dataclass(frozen=True)
class Dialogue:
    """A dialogue as its commands see it, with whoever is the employee's supervisor now."""

    dialogue_id: str
    nip: str
    status: str
    version: int                      # of the dialogue's stream
    agenda_items: frozenset[int]
    current_supervisor: str | None


@dataclass(frozen=True)
class Employee:
    nip: str
    supervisor_nip: str | None        # their direct supervisor now


@dataclass(frozen=True)
class Note:
    note_id: str
    nip: str
    version: int                      # of the note's stream
    acknowledged: bool


@dataclass(frozen=True)
class FeedbackDialogueScheduled:
    TYPE: ClassVar[str] = "feedback.FeedbackDialogueScheduled.v1"
    dialogue_id: str
    nip: str
    scheduled_by: str
    scheduled_at: str                 # ISO 8601 with its offset
    location: str


@dataclass(frozen=True)
class FeedbackGiven:
    TYPE: ClassVar[str] = "feedback.FeedbackGiven.v1"
    dialogue_id: str
    nip: str
    given_by: str
    items: tuple[dict, ...]           # item, went_well, to_improve, actions, phrase_codes
    summary: str


@dataclass(frozen=True)
class FeedbackAcknowledged:
    TYPE: ClassVar[str] = "feedback.FeedbackAcknowledged.v1"
    kind: str                         # dialogue | note
    ref: str                          # its dialogue_id or note_id
    nip: str
    agrees: bool
    response: str | None


@dataclass(frozen=True)
class ContinuousFeedbackRecorded:
    TYPE: ClassVar[str] = "feedback.ContinuousFeedbackRecorded.v1"
    note_id: str
    nip: str
    given_by: str
    competency: str
    tone: str
    text: str
    phrase_code: str | None


def schedule(dialogue: Dialogue, caller: str, scheduled_at: datetime,
             location: str) -> FeedbackDialogueScheduled:
    """The supervisor sets or moves the meeting, until feedback has been given."""
    check_supervisor(caller, dialogue.current_supervisor)
    check_open(dialogue.status)
    if dialogue.status == FEEDBACK_GIVEN:
        raise Conflict("feedback_already_given", "feedback is given; the meeting has taken place")
    return FeedbackDialogueScheduled(dialogue.dialogue_id, dialogue.nip, caller,
                                     scheduled_at.isoformat(), location)


def give_feedback(dialogue: Dialogue, caller: str, items: list[dict], summary: str, today: date,
                  phrases: dict[str, dict]) -> FeedbackGiven:
    """The supervisor gives feedback on agenda items, with phrases from the agency's library."""
    check_supervisor(caller, dialogue.current_supervisor)
    check_open(dialogue.status)
    check_feedback(dialogue.agenda_items, items, today)
    check_phrases([code for item in items for code in item["phrase_codes"]], phrases)
    given = tuple({"item": i["item"], "went_well": i["went_well"], "to_improve": i["to_improve"],
                   "actions": [{"action": a["action"], "due_on": a["due_on"].isoformat()}
                               for a in i["actions"]],
                   "phrase_codes": i["phrase_codes"]} for i in items)
    return FeedbackGiven(dialogue.dialogue_id, dialogue.nip, caller, given, summary)


def acknowledge(dialogue: Dialogue, caller: str, agrees: bool,
                response: str | None) -> FeedbackAcknowledged:
    """The employee acknowledges the feedback given (agreeing or not); the dialogue closes."""
    check_acknowledgeable(caller, dialogue.nip, dialogue.status)
    return FeedbackAcknowledged(ON_DIALOGUE, dialogue.dialogue_id, dialogue.nip, agrees, response)


def record_note(note_id: str, nip: str, supervisor: str | None, caller: str, *, competency: str,
                known: bool, tone: str, text: str | None, phrase_code: str | None,
                phrases: dict[str, dict]) -> ContinuousFeedbackRecorded:
    """The current supervisor notes feedback on a competency of the dictionary (``known``);
    a phrase picked from the library is the text when none is written."""
    check_supervisor(caller, supervisor)
    if not known:
        raise Invalid("not_in_dictionary", f"no competency {competency} in the dictionary",
                      competency=competency)
    if phrase_code:
        check_phrases([phrase_code], phrases)
        phrase = phrases[phrase_code]
        if phrase["competency"] != competency:
            raise Invalid("phrase_of_other_competency",
                          f"phrase {phrase_code} is about {phrase['competency']}")
        text = text or phrase["id"]
    if not text:
        raise Invalid("missing_text", "write the note, or pick a phrase")
    return ContinuousFeedbackRecorded(note_id, nip, caller, competency, tone, text, phrase_code)


def acknowledge_note(note: Note, caller: str, agrees: bool,
                     response: str | None) -> FeedbackAcknowledged:
    """The employee acknowledges a note once, agreeing or not."""
    check_own(caller, note.nip)
    if note.acknowledged:
        raise Conflict("already_acknowledged", "the note is already acknowledged")
    return FeedbackAcknowledged(ON_NOTE, note.note_id, note.nip, agrees, response)


def found(thing, what: str, key: str):
    """``thing`` as loaded, or the refusal that there is no such ``what``."""
    if thing is None:
        raise NotFound(f"unknown_{what}", f"no {what} {key}")
    return thing
