"""Deciding on an assessment: a draft kept, a submission, a reopening, each returning the event to
record (or raising a refusal). A handler loads the ``Situation`` and records what comes back.

Pure: the standard library, the service's contract, the refusals and the rules in ``domain``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Mapping

from services.assessment.domain import (SUPERVISOR, AssessmentState, Rating, check_assessor,
                                        check_complete, check_ratings, check_reopenable,
                                        check_submittable, predikat)
from shared.errors import NotFound


@dataclass(frozen=True)
class Assessee:
    """The assessed employee as a submission records them, with their position's standard."""

    nip: str
    supervisor_nip: str | None
    position_code: str | None = None
    unit_code: str | None = None
    job_level: str | None = None
    standard: Mapping[str, int] = field(default_factory=dict)  # competency -> required level


@dataclass(frozen=True)
class Situation:
    """What a draft or a submission decides on; ``None`` where the employee or period is unknown."""

    assessee: Assessee | None
    period_status: str | None
    state: AssessmentState = AssessmentState()
    has_draft: bool = False
    work_result_proposal: str | None = None  # the plan's, once every result is realised


@dataclass(frozen=True)
class AssessmentForm:
    """What an assessor writes: competency ratings and both work ratings (hasil/perilaku kerja)."""

    period_id: str
    nip: str
    role: str
    assessor_nip: str
    ratings: tuple[Rating, ...] = ()
    work_result: str | None = None
    work_behaviour: str | None = None
    work_result_reason: str | None = None  # when it differs from the plan's proposal


@dataclass(frozen=True)
class RatedCompetency:
    """A rating as submitted: the assessed level beside the position's required one."""

    competency: str
    level: int
    required_level: int
    evidence: str
    comment: str


@dataclass(frozen=True)
class AssessmentSubmitted:
    TYPE: ClassVar[str] = "assessment.AssessmentSubmitted.v1"
    period_id: str
    nip: str
    role: str
    assessor_nip: str
    position_code: str
    job_level: str
    unit_code: str
    submission: int
    ratings: tuple[RatedCompetency, ...]
    work_result: str
    work_behaviour: str
    predikat: str | None


@dataclass(frozen=True)
class AssessmentReopened:
    TYPE: ClassVar[str] = "assessment.AssessmentReopened.v1"
    period_id: str
    nip: str
    role: str
    reason: str
    reopened_by: str


def check_situation(situation: Situation, form: AssessmentForm) -> Assessee:
    """Refusals in order: unknown employee, not the assessor, unknown period, not submittable."""
    person = situation.assessee
    if person is None:
        raise NotFound("unknown_employee", f"no employee with NIP {form.nip}")
    check_assessor(form.role, form.assessor_nip, form.nip, person.supervisor_nip)
    if situation.period_status is None:
        raise NotFound("unknown_period", f"no appraisal period {form.period_id}")
    check_submittable(situation.state, situation.period_status)
    return person


def check_draft(situation: Situation, form: AssessmentForm) -> None:
    """A draft may leave competencies out but not break the other rules."""
    person = check_situation(situation, form)
    check_ratings(form.ratings, person.standard, complete=False)


def submit(situation: Situation, form: AssessmentForm) -> AssessmentSubmitted:
    """A complete assessment: every required competency rated, both expectations given; the
    supervisor's carries the official predikat."""
    person = check_situation(situation, form)
    check_ratings(form.ratings, person.standard, complete=False)
    check_complete(form.ratings, person.standard, {"work_result": form.work_result,
                                                   "work_behaviour": form.work_behaviour})
    by_code = {rating.competency: rating for rating in form.ratings}
    rated = tuple(RatedCompetency(code, by_code[code].level, required, by_code[code].evidence,
                                  by_code[code].comment) for code, required in person.standard.items())
    official = (predikat(form.work_result, form.work_behaviour) if form.role == SUPERVISOR
                else None)
    return AssessmentSubmitted(form.period_id, form.nip, form.role, form.assessor_nip,
                               person.position_code, person.job_level, person.unit_code,
                               situation.state.submissions + 1, rated, form.work_result,
                               form.work_behaviour, official)


def reopen(state: AssessmentState, period_id: str, nip: str, role: str, reason: str,
           reopened_by: str) -> AssessmentReopened:
    """HR reopens a submitted assessment with a reason; the assessor must submit it again."""
    check_reopenable(state)
    return AssessmentReopened(period_id, nip, role, reason, reopened_by)
