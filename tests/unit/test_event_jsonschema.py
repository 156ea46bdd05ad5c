"""Event data is checked against JSON Schema generated from the marshmallow schema: both must agree."""
from __future__ import annotations

import uuid

import pytest
from marshmallow import fields, validate, validates_schema

from shared.events import EventSchema, EventTypeError, Registry
from shared.events.jsonschema import json_schema

registry = Registry()


class Rating(EventSchema):
    code = fields.String(required=True, validate=validate.Regexp(r"^(M\.0[1-8]|SK\.01)$"))
    level = fields.Integer(required=True, validate=validate.Range(1, 5))
    note = fields.String(allow_none=True, validate=validate.Length(max=20))


@registry.event("demo.Assessed", version=1)
class Assessed(EventSchema):
    """An assessment."""
    id = fields.UUID(required=True)
    nip = fields.String(required=True, validate=validate.Length(equal=18))
    role = fields.String(required=True, validate=validate.OneOf(["self", "supervisor"]))
    at = fields.DateTime(required=True)
    ratings = fields.List(fields.Nested(Rating), required=True, validate=validate.Length(min=1))


GOOD = {"id": str(uuid.uuid4()), "nip": "1" * 18, "role": "self", "at": "2026-03-31T09:30:00+07:00",
        "ratings": [{"code": "M.01", "level": 3, "note": None}, {"code": "SK.01", "level": 5}]}


def variant(**changes):
    return {**GOOD, **changes}


CASES = [
    GOOD,
    variant(extra_field="ignored"),
    variant(nip="123"),
    variant(role="boss"),
    variant(id="not-a-uuid"),
    variant(at="yesterday"),
    variant(ratings=[]),
    variant(ratings=[{"code": "M.09", "level": 3}]),
    variant(ratings=[{"code": "M.01", "level": 6}]),
    variant(ratings=[{"code": "M.01", "level": "3"}]),
    variant(ratings=[{"code": "M.01", "level": 2, "note": "x" * 21}]),
    variant(ratings=[{"level": 2}]),
    {k: v for k, v in GOOD.items() if k != "nip"},
]


@pytest.mark.parametrize("data", CASES)
def test_json_schema_and_marshmallow_agree(data):
    marshmallow_ok = not Assessed().validate(data)
    try:
        registry.check("demo.Assessed.v1", data)
        json_schema_ok = True
    except EventTypeError:
        json_schema_ok = False
    # marshmallow's lenient Integer takes "3"; JSON Schema, stricter, does not (we never emit it)
    if data.get("ratings") == [{"code": "M.01", "level": "3"}]:
        assert (marshmallow_ok, json_schema_ok) == (True, False)
    else:
        assert json_schema_ok == marshmallow_ok


def test_the_error_says_where_and_what():
    with pytest.raises(EventTypeError, match=r"data.ratings\[0\].level must be smaller than or equal to 5"):
        registry.check("demo.Assessed.v1", variant(ratings=[{"code": "M.01", "level": 6}]))


def test_the_json_schema_nests_inline_for_subscribers():
    schema = json_schema(Assessed)
    assert schema["properties"]["ratings"]["items"]["properties"]["level"] == {
        "type": "integer", "minimum": 1, "maximum": 5}
    assert set(schema["required"]) == {"id", "nip", "role", "at", "ratings"}


def test_a_rule_json_schema_cannot_express_is_refused_at_registration():
    class Custom(EventSchema):
        nip = fields.String(validate=lambda value: value.isdigit())

    class Hooked(EventSchema):
        level = fields.Integer()

        @validates_schema
        def check(self, data, **kwargs):
            pass

    class Deep(EventSchema):
        items = fields.List(fields.Nested(Custom))

    for schema, where in ((Custom, "nip: validator function"), (Hooked, "@validates_schema hook"),
                          (Deep, "items[].nip: validator function")):
        with pytest.raises(ValueError, match=where.replace("[", r"\[").replace("]", r"\]")):
            Registry().event("demo.Refused", version=1)(schema)
