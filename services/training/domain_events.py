"""The training service's decided events as typed values (pure): what the domain's decisions return.

Each is a frozen dataclass whose fields are its schema's (``contract.py``) and whose ``TYPE`` is its
ce_type; ``stream`` names the stream it is recorded on and ``subject`` its Kafka key (the NIP, or
the programme code for catalogue events). Dates are ISO strings, as the events carry them.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import ClassVar

from services.training.domain import Gap

_IDS = uuid.UUID("6b0f3f0e-8a51-4c55-9d0e-0d1c0a7a1b2c")


def decided_id(cause_id: str, competency: str) -> str:
    """The same cause and competency always give the same id (a replayed decision is the same)."""
    return str(uuid.uuid5(_IDS, f"{cause_id}/{competency}"))


def opportunity_stream(nip: str, period_id: str, competency: str) -> str:
    """An opportunity is decided once per employee, period and competency: that is its stream."""
    return f"opportunity-{nip}-{period_id}-{competency}"


@dataclass(frozen=True)
class Reason:
    """Why an assignment was made: a gap in an assessment, or a blind spot found by feedback."""

    kind: str
    gap: Gap
    period_id: str
    source_event_id: str
    submission: int | None
    comparison: int | None


class _OfEmployee:
    @property
    def subject(self) -> str:
        """The employee's NIP: their events are keyed by it."""
        return self.nip


class _OfAssignment(_OfEmployee):
    @property
    def stream(self) -> str:
        """The assignment's own stream."""
        return f"assignment-{self.assignment_id}"


class _OfOpportunity(_OfEmployee):
    @property
    def stream(self) -> str:
        """The opportunity's stream: one per employee, period and competency."""
        return opportunity_stream(self.nip, self.period_id, self.competency)


class _OfReport(_OfEmployee):
    @property
    def stream(self) -> str:
        """The completion report's own stream."""
        return f"report-{self.report_id}"


class _OfProgramme:
    @property
    def subject(self) -> str:
        """The programme's code: catalogue events are keyed by it."""
        return self.code

    @property
    def stream(self) -> str:
        """The programme's own stream."""
        return f"programme-{self.code}"


@dataclass(frozen=True)
class ProgrammeDefined(_OfProgramme):
    TYPE: ClassVar[str] = "training.ProgrammeDefined.v1"
    code: str
    title: dict
    form: str
    kind: str
    jp: int
    competencies: tuple[str, ...]
    level_min: int
    level_max: int
    provider: str


@dataclass(frozen=True)
class ProgrammeRetired(_OfProgramme):
    TYPE: ClassVar[str] = "training.ProgrammeRetired.v1"
    code: str
    reason: str


@dataclass(frozen=True)
class TrainingAssigned(_OfAssignment):
    TYPE: ClassVar[str] = "training.TrainingAssigned.v1"
    assignment_id: str
    nip: str
    programme_code: str
    competency: str
    jp: int
    year: int
    reason: Reason


@dataclass(frozen=True)
class TrainingStarted(_OfAssignment):
    TYPE: ClassVar[str] = "training.TrainingStarted.v1"
    assignment_id: str
    nip: str
    started_on: str


@dataclass(frozen=True)
class CompletionReported(_OfReport):
    TYPE: ClassVar[str] = "training.CompletionReported.v1"
    report_id: str
    nip: str
    programme_code: str
    assignment_id: str | None
    completed_on: str
    jp: int
    certificate_number: str


@dataclass(frozen=True)
class TrainingCompleted(_OfEmployee):
    """On the assignment's stream, or on the report's for learning nobody assigned."""

    TYPE: ClassVar[str] = "training.TrainingCompleted.v1"
    nip: str
    assignment_id: str | None
    report_id: str | None
    programme_code: str
    completed_on: str
    jp: int
    certificate_number: str

    @property
    def stream(self) -> str:
        """The assignment's stream, or the report's for learning nobody assigned."""
        return (f"assignment-{self.assignment_id}" if self.assignment_id
                else f"report-{self.report_id}")


@dataclass(frozen=True)
class CompletionRejected(_OfReport):
    TYPE: ClassVar[str] = "training.CompletionRejected.v1"
    report_id: str
    nip: str
    programme_code: str
    assignment_id: str | None
    reason: str


@dataclass(frozen=True)
class TrainingCancelled(_OfAssignment):
    TYPE: ClassVar[str] = "training.TrainingCancelled.v1"
    assignment_id: str
    nip: str
    reason: str
    note: str


@dataclass(frozen=True)
class DevelopmentOpportunityIdentified(_OfOpportunity):
    TYPE: ClassVar[str] = "training.DevelopmentOpportunityIdentified.v1"
    nip: str
    period_id: str
    competency: str
    assessed: int
    required: int
    suggestion: dict
    source_event_id: str


@dataclass(frozen=True)
class DevelopmentNeedUnmet(_OfEmployee):
    TYPE: ClassVar[str] = "training.DevelopmentNeedUnmet.v1"
    nip: str
    year: int
    reason: str
    period_id: str
    gap: Gap
    source_event_id: str

    @property
    def stream(self) -> str:
        """One stream per unmet need: the cause's and the competency's."""
        return f"need-{decided_id(self.source_event_id, self.gap.competency)}"


@dataclass(frozen=True)
class OpportunityAssigned(_OfOpportunity):
    TYPE: ClassVar[str] = "training.OpportunityAssigned.v1"
    nip: str
    period_id: str
    competency: str
    role: str
    programme_code: str | None
    starts_on: str
    note: str | None
    decided_as: str


@dataclass(frozen=True)
class OpportunityDeclined(_OfOpportunity):
    TYPE: ClassVar[str] = "training.OpportunityDeclined.v1"
    nip: str
    period_id: str
    competency: str
    reason: str
    decided_as: str
