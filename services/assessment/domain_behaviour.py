"""Work behaviour (perilaku kerja) against the BerAKHLAK core values (SE MenPANRB 20/2021;
PermenPANRB 6/2022, "tanpa pelevelan"): during the period the appraising official keeps dated
notes per value (observed behaviour, positive or to improve). The perilaku rating stays one
official judgement (no formula is published); the notes are its evidence. Pure, like ``domain``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from services.assessment.contract import NOTE_KINDS
from shared.errors import Conflict, Forbidden, Invalid, NotFound

# Who the official may invite as a peer (data/behaviour_rules.yaml ``peers``).
PEER_POLICIES = ("same_unit_same_level", "same_unit", "anyone")


@dataclass(frozen=True)
class BehaviourRules:
    """The agency's choices (data/behaviour_rules.yaml): whether employees read the notes about
    themselves; whose peer and subordinate views carry names for the employee, from how many
    responses the employee sees them, and who counts as a peer."""

    employee_sees_notes: bool = True
    names_hidden: bool = True
    min_responses: int = 3
    peers: str = "same_unit_same_level"


@dataclass(frozen=True)
class NoteState:
    """What a note decides on: whether the employee is known, their appraising official (the
    direct supervisor), the period's status and first day, the notes stream's version."""

    known: bool = False
    official_nip: str | None = None
    period_status: str | None = None
    starts_on: date | None = None
    version: int = 0


@dataclass(frozen=True)
class BehaviourNoted:
    TYPE: ClassVar[str] = "assessment.BehaviourNoted.v1"
    period_id: str
    nip: str
    value: str
    kind: str
    observed_on: str
    text: str
    noted_by: str


def open_for(state: NoteState, period_id: str, nip: str, caller: str) -> None:
    """Refuse unless the employee and an open period are known and ``caller`` is the employee's
    appraising official."""
    if not state.known:
        raise NotFound("unknown_employee", f"no employee with NIP {nip}")
    if state.period_status is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    if caller != state.official_nip:
        raise Forbidden("not_the_official", f"only {nip}'s appraising official may do this")
    if state.period_status != "open":
        raise Conflict("period_not_open", f"the period {period_id} is not open")


def note(state: NoteState, period_id: str, nip: str, caller: str, value: str, kind: str,
         observed_on: date, text: str, today: date, values: tuple[str, ...]) -> BehaviourNoted:
    """The official's note on one BerAKHLAK value, observed on a day of the period up to today."""
    open_for(state, period_id, nip, caller)
    if value not in values:
        raise Invalid("unknown_value", f"{value} is not one of the core values", value=value)
    if kind not in NOTE_KINDS:
        raise Invalid("unknown_note_kind", "a note is positive or to_improve")
    if observed_on > today:
        raise Invalid("observed_in_future", "a note is about behaviour already observed")
    if state.starts_on is not None and observed_on < state.starts_on:
        raise Invalid("observed_before_period", f"the period began on {state.starts_on}")
    return BehaviourNoted(period_id, nip, value, kind, observed_on.isoformat(), text, caller)
