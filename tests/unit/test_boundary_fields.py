"""Every input schema of every service, walked field by field: text refuses U+0000, integers
refuse 2085.0 and 2085.5, in marshmallow's load and in the compiled JSON Schema alike (the fast
path of request bodies, and the OpenAPI documents); a lone surrogate anywhere in a JSON body is
found where the body is read; pages are bounded."""
from __future__ import annotations

import re

import marshmallow as ma
import pytest
from marshmallow import fields

from services.assessment import schemas as assessment
from services.feedback import schemas as feedback
from services.training import schemas as training
from shared.events.jsonschema import json_schema
from shared.fastargs import MAX_PAGE, _bounded_pages
from shared.strict import Strict, lone_surrogate

BAD_TEXTS = ("a\x00b", "\x00")
BAD_INTEGERS = (2085.0, 2085.5, True)


def input_schemas() -> list[type[ma.Schema]]:
    found = {obj for module in (assessment, feedback, training) for obj in vars(module).values()
             if isinstance(obj, type) and issubclass(obj, Strict) and obj is not Strict}
    return sorted(found, key=lambda s: f"{s.__module__}.{s.__name__}")


def leaves(schema: type[ma.Schema], path=()):
    """(path, field) of every leaf field, through nested schemas and lists."""
    for name, field in schema._declared_fields.items():
        yield from _leaf(field, (*path, name))


def _leaf(field, path):
    if isinstance(field, fields.List):
        yield from _leaf(field.inner, (*path, 0))
    elif isinstance(field, fields.Nested):
        yield from leaves(field.nested, path)
    else:
        yield path, field


def payload(path, value):
    """The smallest document with ``value`` at ``path`` (a name, or 0 for a list's first item)."""
    for step in reversed(path):
        value = [value] if step == 0 else {step: value}
    return value


def errors_at(errors, path):
    for step in path:
        errors = errors[step]
    return errors


SCHEMAS = input_schemas()


def test_the_walk_finds_the_schemas_and_fields_that_matter():
    names = {s.__name__ for s in SCHEMAS}
    assert {"EmployeeInSchema", "RatingInSchema", "NoteInSchema", "ProgrammeInSchema",
            "PeriodInSchema", "AssignmentFilterSchema"} <= names
    texts = [p for s in SCHEMAS for p, f in leaves(s) if isinstance(f, fields.String)]
    assert ("ratings", 0, "evidence") in texts and ("items", 0, "actions", 0, "action") in texts


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.__name__)
def test_every_text_field_refuses_nul_naming_the_field(schema):
    for path, field in leaves(schema):
        if not isinstance(field, fields.String) or isinstance(field, (fields.DateTime, fields.Date)):
            continue
        for bad in BAD_TEXTS:
            with pytest.raises(ma.ValidationError) as refused:
                schema().load(payload(path, bad), partial=True)
            assert errors_at(refused.value.messages, path), (schema, path, bad)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.__name__)
def test_every_integer_field_takes_integers_only(schema):
    for path, field in leaves(schema):
        if not isinstance(field, fields.Integer):
            continue
        for bad in BAD_INTEGERS:
            with pytest.raises(ma.ValidationError) as refused:
                schema().load(payload(path, bad), partial=True)
            assert errors_at(refused.value.messages, path), (schema, path, bad)
        with pytest.raises(ma.ValidationError):
            schema().load(payload(path, 2**63), partial=True)


def _string_properties(node, path=()):
    if node.get("type") == "object" or "properties" in node:
        for name, child in node.get("properties", {}).items():
            yield from _string_properties(child, (*path, name))
    elif node.get("type") == "array":
        yield from _string_properties(node["items"], (*path, 0))
    elif "string" in (node.get("type") if isinstance(node.get("type"), list)
                      else [node.get("type")]) and node.get("format") not in ("date", "date-time"):
        yield path, node


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.__name__)
def test_the_json_schema_says_the_same_so_the_fast_path_and_the_docs_refuse_them_too(schema):
    for path, node in _string_properties(json_schema(schema)):
        if "enum" in node:
            assert not set(BAD_TEXTS) & set(node["enum"])
            continue
        assert "pattern" in node, (schema, path)
        assert not any(re.search(node["pattern"], bad) for bad in BAD_TEXTS), (schema, path)


def test_pages_are_strict_and_bounded():
    pages = _bounded_pages(1, 10, 100)()
    assert pages.load({"page": str(MAX_PAGE)}).page == MAX_PAGE
    for bad in (str(2**63 + 1), str(MAX_PAGE + 1), "0", "1.0", "1e3", " 1"):
        with pytest.raises(ma.ValidationError):
            pages.load({"page": bad})
    with pytest.raises(ma.ValidationError):
        pages.load({"page_size": "101"})


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.__name__)
def test_a_lone_surrogate_in_any_text_field_is_found_with_its_path(schema):
    for path, field in leaves(schema):
        if isinstance(field, fields.String):
            for bad in ("a\ud800b", "\udfff", "\udbff\udbff"):
                assert lone_surrogate(payload(path, bad)) == path, (schema, path)
            assert lone_surrogate(payload(path, "Rupiah \U0001F4B0 \u00e9")) is None
