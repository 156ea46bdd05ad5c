"""Events of the feedback service (``feedback.*``): comparisons, discrepancies, dialogues, notes.

Kafka key = ``subject`` = the assessed employee's NIP, so everything about one employee (their
assessments, the comparison, the dialogue, the notes) stays in order on one partition.
"""
from __future__ import annotations

from marshmallow import fields, validate

from services.assessment.contract import EXPECTATIONS
from shared.events.fields import (code as _code, ident as _id, level as _level, nip as _nip,
                                  period as _period)
from shared.events.fields import text as _text
from shared.events.registry import EventSchema, Registry

# The published contract: every event type this service writes, by ce_type.
EVENTS = Registry()

DIRECTIONS = ("blind_spot", "hidden_strength")
AGENDA_KINDS = ("discrepancy", "expectation", "gap", "strength")
EXPECTATION_ASPECTS = ("work_result", "work_behaviour")
RESOLUTIONS = ("superseded",)
TONES = ("appreciation", "improvement")
ACKNOWLEDGED_KINDS = ("dialogue", "note")


def _count(**kwargs) -> fields.Integer:
    return fields.Integer(validate=validate.Range(1, 1000), **kwargs)


class ComparedCompetency(EventSchema):
    competency = _code(required=True)
    self_level = _level(required=True)
    supervisor_level = _level(required=True)
    required_level = _level(required=True)
    difference = fields.Integer(required=True, validate=validate.Range(-4, 4))  # self - supervisor


class ComparedExpectation(EventSchema):
    aspect = fields.String(required=True, validate=validate.OneOf(EXPECTATION_ASPECTS))
    self_rating = fields.String(required=True, validate=validate.OneOf(EXPECTATIONS))
    supervisor_rating = fields.String(required=True, validate=validate.OneOf(EXPECTATIONS))


class _Comparison(EventSchema):
    period_id = _period(required=True)
    nip = _nip(required=True)
    comparison = _count(required=True)


@EVENTS.event("feedback.RatingsCompared", version=1)
class RatingsComparedV1(_Comparison):
    """An employee's self-assessment and supervisor assessment for a period were compared.

    ``comparison`` counts the comparisons for the employee and period: a reopened and resubmitted
    assessment is compared again and supersedes the earlier comparison. Every competency both
    assessments rated is listed, discrepant or not, with ``difference`` = self - supervisor.
    """
    supervisor_nip = _nip(required=True)
    unit_code = _code(required=True)
    position_code = _code(required=True)
    self_submission = _count(required=True)
    supervisor_submission = _count(required=True)
    threshold = fields.Integer(required=True, validate=validate.Range(1, 4))
    competencies = fields.List(fields.Nested(ComparedCompetency), required=True,
                               validate=validate.Length(min=1, max=60))
    expectations = fields.List(fields.Nested(ComparedExpectation), required=True,
                               validate=validate.Length(equal=2))


@EVENTS.event("feedback.RatingDiscrepancyDetected", version=1)
class RatingDiscrepancyDetectedV1(_Comparison):
    """Self and supervisor ratings of one competency differ by at least the agency's threshold.

    ``direction`` is ``blind_spot`` when the employee rated themself above the supervisor and
    ``hidden_strength`` when below; ``size`` is the absolute difference in levels.
    """
    supervisor_nip = _nip(required=True)
    unit_code = _code(required=True)
    competency = _code(required=True)
    self_level = _level(required=True)
    supervisor_level = _level(required=True)
    required_level = _level(required=True)
    size = fields.Integer(required=True, validate=validate.Range(1, 4))
    direction = fields.String(required=True, validate=validate.OneOf(DIRECTIONS))
    threshold = fields.Integer(required=True, validate=validate.Range(1, 4))


@EVENTS.event("feedback.DiscrepancyResolved", version=1)
class DiscrepancyResolvedV1(_Comparison):
    """A discrepancy raised by comparison ``comparison`` no longer stands.

    ``superseded``: a reopened and resubmitted assessment was compared again
    (``by_comparison``); the new comparison raises its own discrepancies.
    """
    competency = _code(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(RESOLUTIONS))
    by_comparison = _count(required=True, allow_none=True)


class AgendaItem(EventSchema):
    item = fields.Integer(required=True, validate=validate.Range(1, 200))
    kind = fields.String(required=True, validate=validate.OneOf(AGENDA_KINDS))
    aspect = _code(required=True)  # a competency code, or work_result / work_behaviour
    self_level = _level(required=True, allow_none=True)
    supervisor_level = _level(required=True, allow_none=True)
    required_level = _level(required=True, allow_none=True)
    size = fields.Integer(required=True, validate=validate.Range(0, 4))


@EVENTS.event("feedback.FeedbackDialogueOpened", version=1)
class FeedbackDialogueOpenedV1(_Comparison):
    """A performance dialogue (dialog kinerja) was opened for an employee and period.

    The agenda lists, in order: the discrepancies (largest first), differing expectation
    ratings, the largest gaps below the required level, then the strengths. A dialogue opened
    by a later comparison ``supersedes`` the employee's earlier, unacknowledged one.
    """
    dialogue_id = _id(required=True)
    supervisor_nip = _nip(required=True)
    unit_code = _code(required=True)
    agenda = fields.List(fields.Nested(AgendaItem), required=True,
                         validate=validate.Length(max=200))
    supersedes = _id(required=True, allow_none=True)


@EVENTS.event("feedback.FeedbackDialogueScheduled", version=1)
class FeedbackDialogueScheduledV1(EventSchema):
    """The supervisor set (or moved) the time and place of a dialogue."""
    dialogue_id = _id(required=True)
    nip = _nip(required=True)
    scheduled_by = _nip(required=True)
    scheduled_at = fields.DateTime(required=True)
    location = _text(200, required=True)


class AgreedAction(EventSchema):
    action = _text(500, minimum=1, required=True)
    due_on = fields.Date(required=True)


class ItemFeedback(EventSchema):
    item = fields.Integer(required=True, validate=validate.Range(1, 200))
    went_well = _text(2000, required=True)
    to_improve = _text(2000, required=True)
    actions = fields.List(fields.Nested(AgreedAction), required=True,
                          validate=validate.Length(max=20))
    phrase_codes = fields.List(_code(), required=True, validate=validate.Length(max=10))


@EVENTS.event("feedback.FeedbackGiven", version=1)
class FeedbackGivenV1(EventSchema):
    """The supervisor recorded feedback on agenda items of a dialogue.

    Feedback on an item given again replaces the earlier one, until the employee acknowledges.
    """
    dialogue_id = _id(required=True)
    nip = _nip(required=True)
    given_by = _nip(required=True)
    items = fields.List(fields.Nested(ItemFeedback), required=True,
                        validate=validate.Length(max=200))
    summary = _text(4000, minimum=1, required=True)


@EVENTS.event("feedback.FeedbackAcknowledged", version=1)
class FeedbackAcknowledgedV1(EventSchema):
    """The employee acknowledged a dialogue's feedback or a continuous-feedback note.

    ``agrees`` false records that the employee disagrees; ``response`` is their own words.
    An acknowledged dialogue is closed: nothing more is recorded on it.
    """
    kind = fields.String(required=True, validate=validate.OneOf(ACKNOWLEDGED_KINDS))
    ref = _id(required=True)  # the dialogue_id or the note_id
    nip = _nip(required=True)
    agrees = fields.Boolean(required=True)
    response = _text(4000, required=True, allow_none=True)


@EVENTS.event("feedback.ContinuousFeedbackRecorded", version=1)
class ContinuousFeedbackRecordedV1(EventSchema):
    """The supervisor recorded a continuous-feedback note (umpan balik berkelanjutan)."""
    note_id = _id(required=True)
    nip = _nip(required=True)
    given_by = _nip(required=True)
    competency = _code(required=True)
    tone = fields.String(required=True, validate=validate.OneOf(TONES))
    text = _text(4000, minimum=1, required=True)
    phrase_code = _code(required=True, allow_none=True)
