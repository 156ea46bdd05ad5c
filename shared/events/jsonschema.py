"""JSON Schema for each event type, generated from its marshmallow schema, and a compiled validator.

The marshmallow schema stays the one definition; subscribers get the JSON Schema, and every
producer and consumer validates with the validator compiled from it (several times faster than
marshmallow, which matters on the consumer's hot path). So that both always mean the same, a
schema may only use what JSON Schema expresses: no custom validator functions and no
pre-load or validation hooks.
"""
from __future__ import annotations

from typing import Callable

import fastjsonschema
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, fields, validate
from marshmallow.decorators import PRE_LOAD, VALIDATES, VALIDATES_SCHEMA

EXPRESSIBLE_VALIDATORS = (validate.Length, validate.Range, validate.OneOf, validate.Regexp,
                          validate.Equal)
_FORMATS = {"uuid": r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
                    r"[0-9a-fA-F]{12}$"}


def json_schema(schema: type[Schema]) -> dict:
    """The JSON Schema (draft 2020-12 compatible subset) of a marshmallow schema, nested inline."""
    plugin = MarshmallowPlugin(schema_name_resolver=lambda _: None)
    APISpec("events", "1", "3.1.0", plugins=[plugin])
    return plugin.converter.schema2jsonschema(schema)


def compile_validator(schema: type[Schema]) -> Callable[[dict], object]:
    """A fast validator raising fastjsonschema.JsonSchemaValueException with a clear message."""
    return fastjsonschema.compile(json_schema(schema), formats=_FORMATS)


def inexpressible(schema: type[Schema], path: str = "") -> list[str]:
    """What in ``schema`` JSON Schema cannot say (so the two validators could disagree)."""
    problems = [f"{path or schema.__name__}: @{hook} hook"
                for hook in (PRE_LOAD, VALIDATES, VALIDATES_SCHEMA) if schema._hooks.get(hook)]
    for name, field in schema._declared_fields.items():
        problems += _field_problems(field, f"{path}{name}")
    return problems


def _field_problems(field: fields.Field, path: str) -> list[str]:
    problems = [f"{path}: validator {type(v).__name__}" for v in field.validators
                if not isinstance(v, EXPRESSIBLE_VALIDATORS)]
    if isinstance(field, fields.Nested):
        nested = field.nested() if callable(field.nested) and not isinstance(field.nested, type) \
            else field.nested
        if isinstance(nested, type) and issubclass(nested, Schema):
            problems += inexpressible(nested, f"{path}.")
    elif isinstance(field, fields.List):
        problems += _field_problems(field.inner, f"{path}[]")
    return problems
