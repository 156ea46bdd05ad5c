"""A consumed record's data checked first by msgspec (shared/events/precheck.py) gets the verdict,
and the message, fastjsonschema alone gives it: on random valid and invalid data of every event
type of every service, and of a schema with the constructs the services do not use yet."""
from __future__ import annotations

import copy
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import fields, validate

from bench.feedback_replay import period_events
from services.assessment.contract import EVENTS as ASSESSMENT
from services.feedback.contract import EVENTS as FEEDBACK
from services.training.contract import EVENTS as TRAINING
from shared.events import EventSchema, EventTypeError, Registry
from shared.events.jsonschema import json_schema
from shared.events.precheck import accepted, precheck_type

EXAMPLES = settings(max_examples=400, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DEMO = Registry()


class Note(EventSchema):
    code = fields.String(required=True, validate=validate.Regexp(r"^(M\.0[1-8]|SK\.01)$"))
    level = fields.Integer(required=True, validate=validate.Range(1, 5))
    note = fields.String(allow_none=True, validate=validate.Length(min=2, max=4))
    done = fields.Boolean()


@DEMO.event("demo.Noted", version=1)
class Noted(EventSchema):
    """Constructs beside the services' own: ``$`` in a pattern, booleans, nullable limits."""
    kind = fields.String(required=True, allow_none=True, validate=validate.OneOf(["a", "b"]))
    notes = fields.List(fields.Nested(Note), required=True, validate=validate.Length(max=3))


EVERY = Registry.combine(ASSESSMENT, FEEDBACK, TRAINING, DEMO)
SCHEMAS = {t.ce_type: json_schema(t.schema) for t in EVERY.types()}
JUNK = st.recursive(st.none() | st.booleans() | st.integers(-3, 7) | st.floats(allow_nan=False)
                    | st.sampled_from([1.0, 5.0, 2**70, -0.0]) | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=2)
                    | st.dictionaries(st.text(max_size=3), inner, max_size=2), max_leaves=4)
# Characters near the patterns' edges: digits, code characters, a newline, U+0000, a surrogate
EDGY = st.text(st.sampled_from("09aZ.-_ M\n\x00\ud800\U0001f600é"), max_size=8)


def value(schema: dict, junk: bool) -> st.SearchStrategy:
    """What ``schema`` describes; with ``junk``, now and then something else."""
    if not junk:
        return _fitting(schema, False)
    return st.integers(0, 9).flatmap(lambda n: JUNK if n == 0 else _fitting(schema, True))


def _fitting(schema: dict, junk: bool) -> st.SearchStrategy:
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    options = [st.none()] if "null" in kinds else []
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "string" in kinds:
        options.append(_text(schema, junk))
    if "integer" in kinds:
        low, high, edge = schema.get("minimum", -5), schema.get("maximum", 50), int(junk)
        options.append(st.integers(low - edge, high + edge))
    if "boolean" in kinds:
        options.append(st.booleans())
    if "array" in kinds:
        low, high = schema.get("minItems", 0), min(schema.get("maxItems", 3), 3)
        options.append(st.lists(value(schema.get("items", {}), junk),
                                min_size=max(low - junk, 0), max_size=max(high, low) + junk))
    if "object" in kinds:
        options.append(_object(schema, junk))
    return st.one_of(options) if options else JUNK


def _text(schema: dict, junk: bool) -> st.SearchStrategy:
    pattern, longest = schema.get("pattern"), schema.get("maxLength", 20)
    if not pattern:
        return st.text(min_size=schema.get("minLength", 0), max_size=longest + 2 * junk)
    bare = pattern.replace(r"(?![\s\S])", "").rstrip("$")  # hypothesis draws no lookahead
    fitting = st.from_regex(bare, fullmatch=True)
    if "maxLength" in schema and not junk:
        fitting = fitting.map(lambda t: t[:longest])
    if not junk:
        return fitting
    return st.one_of(fitting, fitting, EDGY, st.text(max_size=longest + 2),
                     fitting.map(lambda t: t + "\n"))


def _object(schema: dict, junk: bool) -> st.SearchStrategy:
    properties, required = schema.get("properties", {}), set(schema.get("required", ()))
    must = {k: value(s, junk) for k, s in properties.items() if k in required}
    may = {k: value(s, junk) for k, s in properties.items() if k not in required}
    whole = st.fixed_dictionaries(must, optional={**may, "extra": JUNK})
    if not junk:
        return whole
    return st.one_of(whole, whole.flatmap(lambda d: st.sampled_from(sorted(d) or [None]).map(
        lambda gone: {k: v for k, v in d.items() if k != gone})))  # one key left out


def verdict(check, ce_type: str, data) -> str:
    try:
        check(ce_type, data)
    except EventTypeError as exc:
        return str(exc)
    return "accepted"


@st.composite
def payloads(draw) -> tuple[str, object]:
    ce_type = draw(st.sampled_from(sorted(SCHEMAS)))
    data = draw(st.one_of(_object(SCHEMAS[ce_type], False), _object(SCHEMAS[ce_type], True),
                          JUNK))
    return ce_type, json.loads(json.dumps(data))  # as a consumed record's value decodes


@EXAMPLES
@given(payloads())
def test_the_precheck_gives_the_verdict_and_the_message_fastjsonschema_gives(drawn):
    ce_type, data = drawn
    prechecked, checked = copy.deepcopy(data), copy.deepcopy(data)
    assert verdict(EVERY.check_decoded, ce_type, prechecked) == verdict(EVERY.check, ce_type, checked)
    # the data left as the JSON Schema's check leaves it (fastjsonschema writes a schema's
    # defaults into it; the precheck writes nothing, and such types have no precheck)
    assert prechecked == checked


def test_a_period_is_accepted_by_the_precheck_without_asking_fastjsonschema():
    events = period_events(20)
    checked = {e.type: precheck_type(SCHEMAS[e.type]) for e in events}
    assert {t for t, c in checked.items() if c is None} == {"assessment.AppraisalPeriodOpened.v1"}
    assert all(accepted(checked[e.type], e.data) for e in events if checked[e.type])


def test_what_msgspec_cannot_say_exactly_gets_no_precheck():
    for schema in ({"type": "string", "format": "date"}, {"type": "integer", "default": 1},
                   {"type": "object", "required": ["a"], "properties": {}},
                   {"type": "string", "enum": ["a"], "maxLength": 1}, {"type": "number"},
                   {"type": "array"}, {"type": "object", "additionalProperties": False}):
        assert precheck_type(schema) is None, schema


def test_an_end_of_text_in_a_pattern_is_the_end_as_fastjsonschema_reads_it():
    checked = precheck_type(SCHEMAS["demo.Noted.v1"])
    good = {"kind": None, "notes": [{"code": "M.01", "level": 3}]}
    assert accepted(checked, good)
    assert not accepted(checked, {**good, "notes": [{"code": "M.01\n", "level": 3}]})
    assert re.search(r"^(M\.0[1-8]|SK\.01)$", "M.01\n")  # Python's $ alone would take it


def test_a_type_msgspec_cannot_make_gets_no_precheck():
    for schema in ({"type": "object", "properties": {"__dict__": {"type": "integer"}}},
                   {"type": "string", "pattern": "("}):
        assert precheck_type(schema) is None, schema
