"""HTTP schemas of work behaviour against BerAKHLAK."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from services.assessment.contract import INPUT_CHOICES, NOTE_KINDS
from services.assessment.schemas_organisation import CODE, NIP
from shared.strict import Strict


class ValueTextSchema(ma.Schema):
    id = fields.String()
    en = fields.String()


class CoreValueSchema(ma.Schema):
    code = fields.String()
    name = fields.Nested(ValueTextSchema)
    behaviours = fields.List(fields.Nested(ValueTextSchema))


class NoteInSchema(Strict):
    value = fields.String(required=True, metadata={"description": "a BerAKHLAK value's code"},
                          **CODE)
    kind = fields.String(required=True, validate=validate.OneOf(NOTE_KINDS),
                         metadata={"description": "positive or to_improve"})
    observed_on = fields.Date(required=True, metadata={"description": "the day it was observed"})
    text = fields.String(required=True, validate=validate.Length(1, 2000))


class NoteSchema(ma.Schema):
    version = fields.Integer(metadata={"description": "the note's place in its stream"})
    value = fields.String()
    kind = fields.String()
    observed_on = fields.Date()
    text = fields.String()
    noted_by = fields.String()
    noted_by_name = fields.String(allow_none=True)
    noted_at = fields.DateTime()


class NotesSchema(ma.Schema):
    period_id = fields.String()
    nip = fields.String()
    name = fields.String()
    unit_code = fields.String()
    official_nip = fields.String(allow_none=True)
    official_name = fields.String(allow_none=True)
    notes = fields.List(fields.Nested(NoteSchema))


class InvitationInSchema(Strict):
    invitee_nip = fields.String(required=True, metadata={
        "description": "a peer or a direct report"}, **NIP)


class AnswerSchema(Strict):
    value = fields.String(required=True, **CODE)
    choice = fields.String(required=True, validate=validate.OneOf(INPUT_CHOICES))
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 1000))


class InputInSchema(Strict):
    answers = fields.List(fields.Nested(AnswerSchema), required=True,
                          validate=validate.Length(1, 20))


class MyInvitationSchema(ma.Schema):
    period_id = fields.String()
    nip = fields.String(metadata={"description": "the employee the input is about"})
    name = fields.String()
    relation = fields.String(metadata={"description": "peer or subordinate"})
    invited_at = fields.DateTime()
    answered_at = fields.DateTime(allow_none=True)
    answers = fields.List(fields.Dict(), allow_none=True)


class InvitationSchema(ma.Schema):
    invitee_nip = fields.String()
    invitee_name = fields.String(allow_none=True)
    relation = fields.String()
    invited_at = fields.DateTime()
    answered_at = fields.DateTime(allow_none=True)
    answers = fields.List(fields.Dict(), allow_none=True)


class ValueCountsSchema(ma.Schema):
    value = fields.String()
    above = fields.Integer()
    meets = fields.Integer()
    below = fields.Integer()


class InputSchema(ma.Schema):
    period_id = fields.String()
    nip = fields.String()
    name = fields.String()
    official_nip = fields.String(allow_none=True)
    official_name = fields.String(allow_none=True)
    responses = fields.Integer(metadata={"description": "answered invitations"})
    needed = fields.Integer(metadata={"description": "responses before the employee sees any"})
    shown = fields.Boolean(metadata={"description": "whether counts and comments are given"})
    counts = fields.List(fields.Nested(ValueCountsSchema))
    comments = fields.List(fields.Dict(), metadata={
        "description": "value and text; invitee_name and relation for the official, HR, auditors"
                       " (and the employee when the agency shows names)"})
    invitations = fields.List(fields.Nested(InvitationSchema))
    candidates = fields.List(fields.Dict(), metadata={
        "description": "for the official: nip, name, relation of whom they may invite"})
