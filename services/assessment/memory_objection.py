"""An objection's part of the in-memory adapter, fed by the same events as ``objections``."""
from __future__ import annotations

from datetime import date, datetime

from services.assessment.domain_objection import DECIDED, EXPLAINED, FILED, ObjectionState
from shared.envelope import Event


class MemoryObjectionStore:
    """When each result was received, and each objection's people, status, deadline, version."""

    employees: dict
    predikats: dict
    assessors: dict

    def __init__(self) -> None:
        self.received: dict[tuple[str, str], datetime] = {}
        self.objections: dict[tuple[str, str], dict] = {}

    def apply_objection(self, event: Event) -> None:
        """Apply one of the service's events that an objection reads (others are ignored)."""
        d, kind = event.data, event.type.split(".")[1]
        key = (d.get("period_id"), d.get("nip"))
        if (kind == "AssessmentSubmitted" and d["role"] == "supervisor") \
                or kind == "PredikatCalibrated":
            self.received[key] = event.time
        elif kind == "ObjectionFiled":
            self.objections[key] = {"status": FILED, "official": d["official_nip"],
                                    "superior": d["superior_nip"],
                                    "decide_by": date.fromisoformat(d["decide_by"])}
        elif kind in ("ObjectionExplained", "ObjectionDecided"):
            self.objections[key]["status"] = EXPLAINED if kind == "ObjectionExplained" else DECIDED
            if kind == "ObjectionDecided" and d["decision"] == "changed":
                self.predikats[key] = (self.predikats[key][0], d["predikat"])
                self.received[key] = event.time
        if kind.startswith("Objection"):
            self.objections[key]["version"] = event.version

    def objection_state(self, period_id: str, nip: str) -> tuple[ObjectionState, datetime | None]:
        """The objection's state, and when the result was received."""
        key = (period_id, nip)
        current = self.predikats.get(key)
        found = self.objections.get(key)
        if found:
            return ObjectionState(current and current[1], found["official"], found["superior"],
                                  None, found["status"], found["decide_by"],
                                  found["version"]), self.received.get(key)
        if current is None:
            return ObjectionState(), None
        official = self.assessors[key]
        boss = self.employees[official].supervisor_nip if official in self.employees else None
        return ObjectionState(current[1], official, boss), self.received.get(key)
