"""Events of the training service (``training.*``): catalogue, assignments, completions, opportunities.

Kafka key = ``subject``: the employee's NIP for everything about an employee (assignments,
completions, reports, opportunities, unmet needs); the programme code for catalogue events.
"""
from __future__ import annotations

from marshmallow import fields, validate

from services.assessment.contract import LocalText
from shared.events.fields import (code as _code, ident as _id, level as _level, nip as _nip,
                                  period as _period)
from shared.events.fields import text as _text
from shared.events.registry import EventSchema, Registry

# The published contract: every event type this service writes, by ce_type.
EVENTS = Registry()

FORMS = ("klasikal", "nonklasikal")
KINDS = {  # Peraturan LAN 10/2018: the kinds of each form
    "klasikal": ("leadership", "managerial", "technical", "functional", "sociocultural",
                 "seminar", "workshop", "bimtek"),
    "nonklasikal": ("coaching", "mentoring", "e_learning", "distance_learning", "on_the_job",
                    "job_shadowing", "detasering", "benchmarking", "internship",
                    "community_of_practice"),
}
ALL_KINDS = tuple(k for kinds in KINDS.values() for k in kinds)
REASON_KINDS = ("gap", "blind_spot")
UNMET_REASONS = ("no_programme", "cap_reached")
CANCEL_REASONS = ("admin", "superseded")
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\s\S])"



def _jp(**kwargs) -> fields.Integer:
    return fields.Integer(validate=validate.Range(1, 1000), **kwargs)


@EVENTS.event("training.ProgrammeDefined", version=1)
class ProgrammeDefinedV1(EventSchema):
    """A programme entered the training catalogue, or its description changed (the whole new state).

    ``level_min``..``level_max`` is the range of current levels the programme suits; ``jp`` its
    lesson hours (jam pelajaran); ``form`` and ``kind`` follow Peraturan LAN 10/2018.
    """
    code = _code(required=True)
    title = fields.Nested(LocalText, required=True)
    form = fields.String(required=True, validate=validate.OneOf(FORMS))
    kind = fields.String(required=True, validate=validate.OneOf(ALL_KINDS))
    jp = _jp(required=True)
    competencies = fields.List(_code(), required=True, validate=validate.Length(min=1, max=20))
    level_min = _level(required=True)
    level_max = _level(required=True)
    provider = _text(200, required=True)


@EVENTS.event("training.ProgrammeRetired", version=1)
class ProgrammeRetiredV1(EventSchema):
    """A programme left the catalogue: nobody is assigned to it any more (open assignments stay)."""
    code = _code(required=True)
    reason = _text(1000, required=True)


class Gap(EventSchema):
    competency = _code(required=True)
    assessed = _level(required=True)
    required = _level(required=True)


class Reason(EventSchema):
    """Why: a gap in the supervisor's assessment, or a blind spot found by the feedback service."""
    kind = fields.String(required=True, validate=validate.OneOf(REASON_KINDS))
    gap = fields.Nested(Gap, required=True)
    period_id = _period(required=True)
    source_event_id = fields.String(required=True, validate=validate.Regexp(UUID_PATTERN))
    submission = fields.Integer(required=True, allow_none=True, validate=validate.Range(1, 1000))
    comparison = fields.Integer(required=True, allow_none=True, validate=validate.Range(1, 1000))


@EVENTS.event("training.TrainingAssigned", version=1)
class TrainingAssignedV1(EventSchema):
    """A programme was assigned to an employee for a competency, with the reason and its source."""
    assignment_id = _id(required=True)
    nip = _nip(required=True)
    programme_code = _code(required=True)
    competency = _code(required=True)
    jp = _jp(required=True)
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100))
    reason = fields.Nested(Reason, required=True)


@EVENTS.event("training.TrainingStarted", version=1)
class TrainingStartedV1(EventSchema):
    """The employee began the assigned programme."""
    assignment_id = _id(required=True)
    nip = _nip(required=True)
    started_on = fields.Date(required=True)


@EVENTS.event("training.CompletionReported", version=1)
class CompletionReportedV1(EventSchema):
    """An employee reported finishing an assigned programme or self-paced learning, to be verified.

    ``assignment_id`` is the open assignment it completes, or null for learning nobody assigned.
    """
    report_id = _id(required=True)
    nip = _nip(required=True)
    programme_code = _code(required=True)
    assignment_id = _id(required=True, allow_none=True)
    completed_on = fields.Date(required=True)
    jp = _jp(required=True)
    certificate_number = _text(100, required=True)


@EVENTS.event("training.TrainingCompleted", version=1)
class TrainingCompletedV1(EventSchema):
    """A training admin recorded a completion: its JP count toward the 20 JP of the completion's year.

    ``report_id`` names the employee's report the admin verified, if the completion came from one.
    """
    nip = _nip(required=True)
    assignment_id = _id(required=True, allow_none=True)
    report_id = _id(required=True, allow_none=True)
    programme_code = _code(required=True)
    completed_on = fields.Date(required=True)
    jp = _jp(required=True)
    certificate_number = _text(100, required=True)


@EVENTS.event("training.CompletionRejected", version=1)
class CompletionRejectedV1(EventSchema):
    """A training admin rejected an employee's pending completion report, with the reason the
    employee reads (a certificate that does not match, say); nothing counts, and the employee may
    report the completion again. ``assignment_id`` is the assignment the report named, if any.
    """
    report_id = _id(required=True)
    nip = _nip(required=True)
    programme_code = _code(required=True)
    assignment_id = _id(required=True, allow_none=True)
    reason = _text(1000, required=True)


@EVENTS.event("training.TrainingCancelled", version=1)
class TrainingCancelledV1(EventSchema):
    """An open assignment was cancelled: by a training admin, or because its blind spot was superseded."""
    assignment_id = _id(required=True)
    nip = _nip(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(CANCEL_REASONS))
    note = _text(1000, required=True)


@EVENTS.event("training.DevelopmentOpportunityIdentified", version=1)
class DevelopmentOpportunityIdentifiedV1(EventSchema):
    """A strength (assessed above the required level, or at level 5) suggests a role that uses it."""
    nip = _nip(required=True)
    period_id = _period(required=True)
    competency = _code(required=True)
    assessed = _level(required=True)
    required = _level(required=True)
    suggestion = fields.Nested(LocalText, required=True)
    source_event_id = fields.String(required=True, validate=validate.Regexp(UUID_PATTERN))


@EVENTS.event("training.DevelopmentNeedUnmet", version=1)
class DevelopmentNeedUnmetV1(EventSchema):
    """A gap got no assignment: no programme covers it at the employee's level, or the JP cap is reached."""
    nip = _nip(required=True)
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100))
    reason = fields.String(required=True, validate=validate.OneOf(UNMET_REASONS))
    gap = fields.Nested(Gap, required=True)
    period_id = _period(required=True)
    source_event_id = fields.String(required=True, validate=validate.Regexp(UUID_PATTERN))


DECIDER_ROLES = ("hr_admin", "supervisor")


@EVENTS.event("training.OpportunityAssigned", version=1)
class OpportunityAssignedV1(EventSchema):
    """HR or the employee's supervisor accepted a development opportunity and gave the employee the
    role that uses the strength (the suggestion, or edited), optionally with a programme, from
    ``starts_on``. Who decided and when are the event's metadata (``actor``, ``time``);
    ``decided_as`` is the capacity they decided in (``hr_admin`` or ``supervisor`` by reporting line).
    """
    nip = _nip(required=True)
    period_id = _period(required=True)
    competency = _code(required=True)
    role = _text(400, 1, required=True)
    programme_code = _code(required=True, allow_none=True)
    starts_on = fields.Date(required=True)
    note = _text(1000, required=True, allow_none=True)
    decided_as = fields.String(required=True, validate=validate.OneOf(DECIDER_ROLES))


@EVENTS.event("training.OpportunityDeclined", version=1)
class OpportunityDeclinedV1(EventSchema):
    """HR or the employee's supervisor decided not to take a development opportunity up, with the
    reason; nothing is assigned for it in that period."""
    nip = _nip(required=True)
    period_id = _period(required=True)
    competency = _code(required=True)
    reason = _text(1000, 1, required=True)
    decided_as = fields.String(required=True, validate=validate.OneOf(DECIDER_ROLES))
