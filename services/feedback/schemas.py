"""HTTP request and response schemas (marshmallow); flask-smorest turns them into the OpenAPI document.

The reports' responses are in ``schemas_reports``."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from shared.events.fields import CODE_PATTERN, NIP_PATTERN
from services.feedback.contract import AGENDA_KINDS, DIRECTIONS, TONES
from services.feedback.domain import STATUSES
from shared.strict import Strict

NIP = dict(validate=validate.Regexp(NIP_PATTERN, error="a NIP has exactly 18 digits"))
CODE = dict(validate=validate.Regexp(CODE_PATTERN, error="letters, digits, '.', '_' or '-'"))


class ScheduleInSchema(Strict):
    scheduled_at = fields.AwareDateTime(required=True, metadata={
        "description": "when the dialogue takes place, with its time zone (e.g. +07:00 WIB)"})
    location = fields.String(required=True, validate=validate.Length(1, 200))


class ActionSchema(Strict):
    action = fields.String(required=True, validate=validate.Length(1, 500))
    due_on = fields.Date(required=True)


class ItemFeedbackInSchema(Strict):
    item = fields.Integer(required=True, validate=validate.Range(1, 200))
    went_well = fields.String(load_default="", validate=validate.Length(max=2000))
    to_improve = fields.String(load_default="", validate=validate.Length(max=2000))
    actions = fields.List(fields.Nested(ActionSchema), load_default=list,
                          validate=validate.Length(max=20))
    phrase_codes = fields.List(fields.String(**CODE), load_default=list,
                               validate=validate.Length(max=10))


class FeedbackInSchema(Strict):
    items = fields.List(fields.Nested(ItemFeedbackInSchema), load_default=list,
                        validate=validate.Length(max=200))
    summary = fields.String(required=True, validate=validate.Length(1, 4000))


class AcknowledgeInSchema(Strict):
    agrees = fields.Boolean(load_default=True, metadata={
        "description": "false records that the employee disagrees with the feedback"})
    response = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=4000))


class NoteInSchema(Strict):
    competency = fields.String(required=True, **CODE)
    tone = fields.String(required=True, validate=validate.OneOf(TONES))
    text = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 4000),
                         metadata={"description": "may be left out when a phrase is picked"})
    phrase_code = fields.String(load_default=None, allow_none=True, **CODE)


class AgendaItemSchema(ma.Schema):
    item = fields.Integer()
    kind = fields.String(metadata={"description": " | ".join(AGENDA_KINDS)})
    aspect = fields.String()
    aspect_label = fields.String()
    self_level = fields.Integer(allow_none=True)
    supervisor_level = fields.Integer(allow_none=True)
    required_level = fields.Integer(allow_none=True)
    size = fields.Integer()
    feedback = fields.Dict(allow_none=True)


class DialogueSchema(ma.Schema):
    dialogue_id = fields.String()
    period_id = fields.String()
    nip = fields.String()
    name = fields.String(allow_none=True)
    comparison = fields.Integer()
    supervisor_nip = fields.String()
    unit_code = fields.String()
    status = fields.String(metadata={"description": " | ".join(STATUSES)})
    status_label = fields.String()
    agenda = fields.List(fields.Nested(AgendaItemSchema))
    scheduled_at = fields.DateTime(allow_none=True)
    location = fields.String(allow_none=True)
    summary = fields.String(allow_none=True)
    agrees = fields.Boolean(allow_none=True)
    response = fields.String(allow_none=True)
    superseded_by = fields.String(allow_none=True)
    opened_at = fields.DateTime()
    feedback_at = fields.DateTime(allow_none=True)
    acknowledged_at = fields.DateTime(allow_none=True)


class DialogueFilterSchema(Strict):
    period = fields.String(**CODE)
    unit = fields.String(**CODE)
    status = fields.String(validate=validate.OneOf(STATUSES))


class NoteSchema(ma.Schema):
    note_id = fields.String()
    nip = fields.String()
    given_by = fields.String()
    competency = fields.String()
    tone = fields.String()
    text = fields.String()
    phrase_code = fields.String(allow_none=True)
    recorded_at = fields.DateTime()
    agrees = fields.Boolean(allow_none=True)
    response = fields.String(allow_none=True)
    acknowledged_at = fields.DateTime(allow_none=True)


class PhraseSchema(ma.Schema):
    code = fields.String()
    competency = fields.String()
    tone = fields.String()
    text = fields.String(metadata={"description": "in the language asked for (Accept-Language)"})
    id = fields.String()
    en = fields.String()


class PhraseFilterSchema(Strict):
    competency = fields.String(**CODE)
    tone = fields.String(validate=validate.OneOf(TONES))


class ComparedSchema(ma.Schema):
    competency = fields.String()
    self_level = fields.Integer()
    supervisor_level = fields.Integer()
    required_level = fields.Integer()
    difference = fields.Integer(metadata={"description": "self minus supervisor"})
    discrepancy = fields.String(allow_none=True, metadata={
        "description": f"{' | '.join(DIRECTIONS)}, or null under the threshold"})


class ComparisonSchema(ma.Schema):
    period_id = fields.String()
    comparison = fields.Integer()
    current = fields.Boolean()
    supervisor_nip = fields.String()
    unit_code = fields.String()
    threshold = fields.Integer()
    self_submission = fields.Integer()
    supervisor_submission = fields.Integer()
    competencies = fields.List(fields.Nested(ComparedSchema))
    expectations = fields.List(fields.Dict())
    blind_spots = fields.Integer()
    hidden_strengths = fields.Integer()
    compared_at = fields.DateTime()


class ReportFilterSchema(Strict):
    period = fields.String(required=True, **CODE)
    unit = fields.String(**CODE, metadata={"description": "this unit and the units below it"})
