"""Peer and subordinate input's part of the in-memory adapter, fed by the same events as
``behaviour_invitations``."""
from __future__ import annotations

from services.assessment.domain_behaviour import NoteState
from services.assessment.domain_multirater import InputState, Person
from shared.envelope import Event


class MemoryMultiraterStore:
    """Each invitation's relation and answers, and each input stream's version."""

    employees: dict
    positions: dict
    periods: dict
    period_starts: dict

    def __init__(self) -> None:
        self.invitations: dict[tuple[str, str, str], dict] = {}
        self.input_versions: dict[tuple[str, str], int] = {}

    def apply_multirater(self, event: Event) -> None:
        """Apply one of the service's events that the input reads (others are ignored)."""
        d, kind = event.data, event.type.split(".")[1]
        if kind not in ("BehaviourInputInvited", "BehaviourInputGiven"):
            return
        key = (d["period_id"], d["nip"], d["invitee_nip"])
        if kind == "BehaviourInputInvited":
            self.invitations[key] = {"relation": d["relation"], "answers": None}
        else:
            self.invitations[key]["answers"] = tuple(d["answers"])
        self.input_versions[(d["period_id"], d["nip"])] = event.version

    def _person(self, nip: str) -> Person | None:
        found = self.employees.get(nip)
        return found and Person(nip, found.unit_code,
                                self.positions[found.position_code]["job_level"],
                                found.supervisor_nip)

    def input_state(self, period_id: str, nip: str, invitee_nip: str) -> InputState:
        """What an invitation of, or an answer by, ``invitee_nip`` about ``nip`` decides on."""
        employee = self._person(nip)
        invitation = self.invitations.get((period_id, nip, invitee_nip), {})
        note = NoteState(employee is not None, employee and employee.supervisor_nip,
                         self.periods.get(period_id), self.period_starts.get(period_id),
                         self.input_versions.get((period_id, nip), 0))
        return InputState(note, employee, self._person(invitee_nip),
                          invitation.get("relation"), invitation.get("answers"))
