"""Texts in events refuse what PostgreSQL and UTF-8 cannot hold: U+0000 and lone surrogates."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import fields, validate

from services.platform import REGISTRY
from shared.events import EventTypeError
from shared.events.fields import TEXT_PATTERN
from tests.support.assessment_events import submitted


NIP = "199001012020121001"
BAD_TEXTS = ["bukti\x00", "\ud800", "ok \udfff then", "\ude00\ud83d"]
GOOD_TEXTS = ["Bukti kerja", "baris\nbaru\ttab", "emoji 😀 and 漢字", "\x01\x1f\x7f", ""]


def _assessment(evidence: str) -> dict:
    data = submitted(NIP, "self", NIP).data
    data["ratings"][0]["evidence"] = evidence
    return data


@pytest.mark.parametrize("text", BAD_TEXTS)
def test_a_text_with_nul_or_a_lone_surrogate_does_not_fit(text):
    with pytest.raises(EventTypeError, match="evidence"):
        REGISTRY.check("assessment.AssessmentSubmitted.v1", _assessment(text))


@pytest.mark.parametrize("text", GOOD_TEXTS)
def test_other_texts_fit(text):
    REGISTRY.check("assessment.AssessmentSubmitted.v1", _assessment(text))


def _string_fields(schema, path=""):
    for name, field in schema._declared_fields.items():
        while isinstance(field, fields.List):
            field = field.inner
        if isinstance(field, fields.Nested):
            yield from _string_fields(field.nested, f"{path}{name}.")
        elif isinstance(field, fields.String):
            yield f"{path}{name}", field


def test_every_string_field_of_every_event_is_bounded_to_safe_characters():
    """A pattern or a fixed choice on each: a new free-text field cannot slip past the rule."""
    loose = [f"{t.ce_type}: {name}" for t in REGISTRY.types()
             for name, field in _string_fields(t.schema)
             if not any(isinstance(v, (validate.Regexp, validate.OneOf)) for v in field.validators)]
    assert loose == []


# The pattern as first written: any character but U+0000 or a surrogate, or a surrogate pair.
_ALTERNATION = re.compile(r"^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*(?![\s\S])")
_SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.characters(), _SURROGATES, st.just("\x00"),
                          st.sampled_from(["\ud83d\ude00", "\ud83d", "\ude00"])), max_size=30))
def test_the_text_pattern_accepts_what_the_alternation_accepts(pieces):
    """TEXT_PATTERN is written as runs of one class (fast in Python's engine); it must take
    exactly the texts the alternation ``(?:ordinary|pair)*`` takes."""
    text = "".join(pieces)
    assert bool(re.search(TEXT_PATTERN, text)) == bool(_ALTERNATION.search(text))
