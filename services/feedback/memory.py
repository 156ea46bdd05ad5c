"""The in-memory adapter of the feedback store, for fast tests of the reactor and the commands.

It is fed by the same events as the projections: the assessment events the consumer applies
(``apply`` where the handlers run) and the service's own (``MemoryRecorder(project=store.apply)``),
and answers the port's loads as ``store.PgStore`` answers them from the tables.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Callable

from services.feedback.domain import (ACKNOWLEDGED, CLOSED, FEEDBACK_GIVEN, OPENED, SCHEDULED,
                                      SUPERSEDED, Submission)
from services.feedback.domain_comparison import ComparisonState
from services.feedback.domain_dialogues import ON_DIALOGUE, Dialogue, Employee, Note
from services.feedback.reference import Rules
from services.feedback.store import comparison_stream
from services.feedback.wiring import Context
from shared.envelope import Event
from shared.events import Registry
from shared.recording import MemoryRecorder


class MemoryStore:
    """The projections the reactor and the commands read, as dicts."""

    def __init__(self) -> None:
        self.supervisors: dict[str, str | None] = {}                   # nip -> supervisor
        self.competencies: set[str] = set()
        self.submissions: dict[tuple, tuple[str, Submission]] = {}     # (period, nip, role)
        self.latest: dict[tuple, tuple[int, int, int]] = {}            # (period, nip)
        self.discrepancies: dict[tuple, str] = {}      # (period, nip, comparison, code) -> status
        self.dialogues: dict[str, dict] = {}
        self.notes: dict[str, Note] = {}
        self.versions: dict[str, int] = {}                             # own streams

    def comparison_state(self, period_id: str, nip: str) -> ComparisonState:
        """The standing submissions of both sides and what the last comparison left open."""
        sides = {role: submission for (p, n, role), (status, submission) in self.submissions.items()
                 if (p, n) == (period_id, nip) and status == "submitted"}
        open_codes = sorted(code for (p, n, _, code), status in self.discrepancies.items()
                            if (p, n) == (period_id, nip) and status == "open")
        standing = sorted((d["comparison"], d["dialogue_id"]) for d in self.dialogues.values()
                          if (d["period_id"], d["nip"]) == (period_id, nip)
                          and d["status"] not in CLOSED)
        return ComparisonState(sides, self.latest.get((period_id, nip)), tuple(open_codes),
                               standing[-1][1] if standing else None,
                               self.versions.get(comparison_stream(period_id, nip), 0))

    def dialogue(self, dialogue_id: str) -> Dialogue | None:
        """A dialogue with the employee's current supervisor."""
        d = self.dialogues.get(dialogue_id)
        return None if d is None else Dialogue(
            dialogue_id, d["nip"], d["status"], d["version"], d["items"],
            self.supervisors.get(d["nip"]))

    def employee(self, nip: str) -> Employee | None:
        """An employee and their current supervisor."""
        return Employee(nip, self.supervisors[nip]) if nip in self.supervisors else None

    def knows_competency(self, code: str) -> bool:
        """Whether the competency dictionary has ``code``."""
        return code in self.competencies

    def note(self, note_id: str) -> Note | None:
        """A continuous-feedback note."""
        return self.notes.get(note_id)

    def apply(self, event: Event) -> None:
        """Keep what the loads need of an assessment event or of one of the service's own."""
        if event.type.startswith("feedback."):
            self.versions[event.stream_id] = event.version
        apply = _APPLY.get(event.type.rsplit(".", 1)[0])
        if apply is not None:
            apply(self, event.data, event.version)


def _employee(store: MemoryStore, d: dict, _: int) -> None:
    store.supervisors[d["nip"]] = d["supervisor_nip"]


def _competency(store: MemoryStore, d: dict, _: int) -> None:
    store.competencies.add(d["code"])


def _submitted(store: MemoryStore, d: dict, _: int) -> None:
    """The latest submission of each side; an older or the same one again changes nothing."""
    key = (d["period_id"], d["nip"], d["role"])
    if key in store.submissions and store.submissions[key][1].submission >= d["submission"]:
        return
    store.submissions[key] = ("submitted", Submission(
        d["submission"], d["assessor_nip"], {r["competency"]: r["level"] for r in d["ratings"]},
        {r["competency"]: r["required_level"] for r in d["ratings"]},
        {"work_result": d["work_result"], "work_behaviour": d["work_behaviour"]},
        d["unit_code"], d["position_code"]))


def _reopened(store: MemoryStore, d: dict, _: int) -> None:
    key = (d["period_id"], d["nip"], d["role"])
    if key in store.submissions:
        store.submissions[key] = ("reopened", store.submissions[key][1])


def _compared(store: MemoryStore, d: dict, _: int) -> None:
    store.latest[(d["period_id"], d["nip"])] = (d["comparison"], d["self_submission"],
                                                d["supervisor_submission"])


def _detected(store: MemoryStore, d: dict, _: int) -> None:
    store.discrepancies[(d["period_id"], d["nip"], d["comparison"], d["competency"])] = "open"


def _resolved(store: MemoryStore, d: dict, _: int) -> None:
    store.discrepancies[(d["period_id"], d["nip"], d["comparison"], d["competency"])] = "resolved"


def _opened(store: MemoryStore, d: dict, version: int) -> None:
    if d["supersedes"] in store.dialogues:
        store.dialogues[d["supersedes"]]["status"] = SUPERSEDED
    store.dialogues[d["dialogue_id"]] = {
        "period_id": d["period_id"], "nip": d["nip"], "comparison": d["comparison"],
        "dialogue_id": d["dialogue_id"], "status": OPENED, "version": version,
        "items": frozenset(item["item"] for item in d["agenda"])}


def _dialogue_moved(status: str, key: str = "dialogue_id"):
    def move(store: MemoryStore, d: dict, version: int) -> None:
        store.dialogues[d[key]].update(status=status, version=version)
    return move


def _acknowledged(store: MemoryStore, d: dict, version: int) -> None:
    if d["kind"] == ON_DIALOGUE:
        _dialogue_moved(ACKNOWLEDGED, "ref")(store, d, version)
    else:
        store.notes[d["ref"]] = replace(store.notes[d["ref"]], version=version, acknowledged=True)


def _note(store: MemoryStore, d: dict, version: int) -> None:
    store.notes[d["note_id"]] = Note(d["note_id"], d["nip"], version, False)


_APPLY = {
    "assessment.EmployeeRegistered": _employee, "assessment.EmployeeUpdated": _employee,
    "assessment.CompetencyDefined": _competency,
    "assessment.AssessmentSubmitted": _submitted, "assessment.AssessmentReopened": _reopened,
    "feedback.RatingsCompared": _compared, "feedback.RatingDiscrepancyDetected": _detected,
    "feedback.DiscrepancyResolved": _resolved, "feedback.FeedbackDialogueOpened": _opened,
    "feedback.FeedbackDialogueScheduled": _dialogue_moved(SCHEDULED),
    "feedback.FeedbackGiven": _dialogue_moved(FEEDBACK_GIVEN),
    "feedback.FeedbackAcknowledged": _acknowledged,
    "feedback.ContinuousFeedbackRecorded": _note,
}


def memory_context(source: str, registry: Registry, rules: Rules, phrases: dict[str, dict],
                   today: Callable[[], date]) -> Context:
    """A context whose store and recorder are in memory, the recorder feeding the store."""
    store = MemoryStore()
    return Context(store, MemoryRecorder(source, registry, project=store.apply), rules, phrases,
                   today)
