"""Peer and subordinate input on work behaviour (multi-rater): the appraising official invites
peers and the employee's direct reports to give feedback per BerAKHLAK value during the period;
each answers once. PP 30/2019 Pasal 41 weighted such views (behaviour 40%); PermenPANRB 6/2022
drops the weights: they are evidence beside the official's rating, never averaged into it. Pure."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from services.assessment.contract import INPUT_CHOICES
from services.assessment.domain_behaviour import BehaviourRules, NoteState, open_for
from shared.errors import Conflict, Forbidden, Invalid

PEER, SUBORDINATE = "peer", "subordinate"


@dataclass(frozen=True)
class Person:
    """Who an invitation concerns: their unit, job level and direct supervisor."""

    nip: str
    unit_code: str
    job_level: str
    supervisor_nip: str | None


@dataclass(frozen=True)
class InputState:
    """The employee and the period (as for a note), the employee and the invitee as people, and
    the invitee's invitation so far: as whom invited (None: not invited) and the answers given
    (None until answered)."""

    note: NoteState = field(default_factory=NoteState)
    employee: Person | None = None
    invitee: Person | None = None
    invited_as: str | None = None
    answers: tuple | None = None


@dataclass(frozen=True)
class BehaviourInputInvited:
    TYPE: ClassVar[str] = "assessment.BehaviourInputInvited.v1"
    period_id: str
    nip: str
    invitee_nip: str
    relation: str
    invited_by: str


@dataclass(frozen=True)
class BehaviourInputGiven:
    TYPE: ClassVar[str] = "assessment.BehaviourInputGiven.v1"
    period_id: str
    nip: str
    invitee_nip: str
    relation: str
    answers: tuple


def relation(employee: Person, other: Person, peers: str) -> str | None:
    """``subordinate`` for the employee's direct report, ``peer`` for whom the agency's policy
    counts as a peer, else None."""
    if other.supervisor_nip == employee.nip:
        return SUBORDINATE
    same_unit = other.unit_code == employee.unit_code
    if peers == "anyone" or (same_unit and (
            peers == "same_unit" or other.job_level == employee.job_level)):
        return PEER
    return None


def invite(state: InputState, period_id: str, nip: str, caller: str, invitee_nip: str,
           rules: BehaviourRules) -> BehaviourInputInvited:
    """The official invites a peer or a direct report of the employee, once."""
    open_for(state.note, period_id, nip, caller)
    if state.invitee is None:
        raise Invalid("unknown_invitee", f"no employee with NIP {invitee_nip}")
    if invitee_nip in (nip, caller):
        raise Invalid("not_a_rater", "invite peers or direct reports, not the employee or you")
    if state.invited_as is not None:
        raise Conflict("already_invited", f"{invitee_nip} is already invited")
    kind = relation(state.employee, state.invitee, rules.peers)
    if kind is None:
        raise Invalid("not_a_peer", f"{invitee_nip} is neither a peer ({rules.peers}) nor a"
                      " direct report", peers=rules.peers)
    return BehaviourInputInvited(period_id, nip, invitee_nip, kind, caller)


def respond(state: InputState, period_id: str, nip: str, caller: str, answers: tuple,
            values: tuple[str, ...]) -> BehaviourInputGiven | None:
    """The invited person's choice per value (above, meets or below expectation, an optional
    comment), once; the same answers again record nothing (None)."""
    if state.invited_as is None:
        raise Forbidden("not_invited", f"you are not invited to give input on {nip}")
    if state.note.period_status != "open":
        raise Conflict("period_not_open", f"the period {period_id} is not open")
    if state.answers is not None:
        if tuple(state.answers) == tuple(answers):
            return None
        raise Conflict("already_answered", "your input is given; it cannot change")
    codes = [a["value"] for a in answers]
    unknown = [c for c in codes if c not in values]
    if unknown:
        raise Invalid("unknown_value", f"{unknown[0]} is not one of the core values",
                      value=unknown[0])
    if not codes or len(set(codes)) != len(codes):
        raise Invalid("answers_per_value", "answer each value at most once, at least one")
    if any(a["choice"] not in INPUT_CHOICES for a in answers):
        raise Invalid("unknown_choice", "a choice is above, meets or below")
    return BehaviourInputGiven(period_id, nip, caller, state.invited_as, tuple(answers))
