"""HTTP schemas of work behaviour against BerAKHLAK."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from services.assessment.contract import NOTE_KINDS
from shared.events.fields import code, text
from shared.strict import Strict


class ValueTextSchema(ma.Schema):
    id = fields.String()
    en = fields.String()


class CoreValueSchema(ma.Schema):
    code = fields.String()
    name = fields.Nested(ValueTextSchema)
    behaviours = fields.List(fields.Nested(ValueTextSchema))


class NoteInSchema(Strict):
    value = code(required=True, metadata={"description": "a BerAKHLAK value's code"})
    kind = fields.String(required=True, validate=validate.OneOf(NOTE_KINDS),
                         metadata={"description": "positive or to_improve"})
    observed_on = fields.Date(required=True, metadata={"description": "the day it was observed"})
    text = text(2000, minimum=1, required=True)


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
