"""Work behaviour's part of the in-memory adapter, fed by the same events as ``behaviour_notes``."""
from __future__ import annotations

from datetime import date

from services.assessment.domain_behaviour import NoteState
from services.assessment.memory_multirater import MemoryMultiraterStore
from shared.envelope import Event


class MemoryBehaviourStore(MemoryMultiraterStore):
    """Each period's first day and each behaviour stream's version."""

    employees: dict
    periods: dict

    def __init__(self) -> None:
        MemoryMultiraterStore.__init__(self)
        self.period_starts: dict[str, date] = {}
        self.behaviour_versions: dict[tuple[str, str], int] = {}

    def apply_behaviour(self, event: Event) -> None:
        """Apply one of the service's events that work behaviour reads (others are ignored)."""
        d, kind = event.data, event.type.split(".")[1]
        if kind == "AppraisalPeriodOpened":
            self.period_starts[d["period_id"]] = date.fromisoformat(d["starts_on"])
        elif kind == "BehaviourNoted":
            self.behaviour_versions[(d["period_id"], d["nip"])] = event.version
        self.apply_multirater(event)

    def note_state(self, period_id: str, nip: str) -> NoteState:
        """What a note on ``nip``'s behaviour in the period decides on."""
        person = self.employees.get(nip)
        return NoteState(person is not None, person and person.supervisor_nip,
                         self.periods.get(period_id), self.period_starts.get(period_id),
                         self.behaviour_versions.get((period_id, nip), 0))
