"""Request bodies checked by the JSON Schema compiled from their marshmallow schema, when it can.

marshmallow stays the definition and the OpenAPI source. A body that passes the compiled check
(several times faster than marshmallow's load, which matters on the submission path) is used as
it is, defaults filled in; one that fails is handed to marshmallow, so every error message is
marshmallow's. Only schemas whose load gives back the JSON unchanged take the fast path: strings,
integers, booleans, lists and nested such schemas, with no hooks, renamed keys or custom validators.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

import fastjsonschema
import marshmallow as ma
from flask_smorest import Blueprint as SmorestBlueprint
from marshmallow.decorators import POST_LOAD
from webargs.core import missing
from webargs.flaskparser import FlaskParser

from shared.events.jsonschema import compile_validator, inexpressible

_PLAIN = (ma.fields.String, ma.fields.Integer, ma.fields.Boolean)


class Strict(ma.Schema):
    """Input schemas refuse fields they do not know, so a typo is an error, not silently lost."""

    class Meta:
        unknown = ma.RAISE


def _plain(schema: type[ma.Schema]) -> bool:
    if schema._hooks.get(POST_LOAD) or inexpressible(schema):
        return False
    return all(_plain_field(name, field) for name, field in schema._declared_fields.items())


def _plain_field(name: str, field: ma.fields.Field) -> bool:
    if field.data_key not in (None, name) or field.attribute not in (None, name):
        return False
    if isinstance(field, ma.fields.List):
        return _plain_field(name, field.inner)
    if isinstance(field, ma.fields.Nested):
        return isinstance(field.nested, type) and _plain(field.nested) and not field.many
    return type(field) in _PLAIN


@lru_cache(maxsize=None)
def fast_validator(schema: type[ma.Schema]) -> Callable[[Any], Any] | None:
    """The compiled validator for ``schema``, or None when its load is more than a check."""
    return compile_validator(schema) if _plain(schema) else None


class FastJsonParser(FlaskParser):
    """webargs' Flask parser, trying the compiled JSON Schema first for JSON bodies."""

    def _process_location_data(self, location_data, schema, req, location, unknown, validators):
        whole = not (schema.many or schema.only or schema.exclude or schema.partial)
        check = fast_validator(type(schema)) if location == "json" and whole else None
        if check is not None and location_data is not missing:
            try:
                data = check(location_data)
            except fastjsonschema.JsonSchemaValueException:
                pass  # marshmallow says exactly what is wrong
            else:
                self._validate_arguments(data, validators)
                return data
        return super()._process_location_data(location_data, schema, req, location, unknown,
                                              validators)


class Blueprint(SmorestBlueprint):
    """flask-smorest's Blueprint with the fast JSON body check."""

    ARGUMENTS_PARSER = FastJsonParser()

    def arguments(self, schema, *args, **kwargs):
        """As flask-smorest's, with one schema instance made here rather than one per request."""
        return super().arguments(schema() if isinstance(schema, type) else schema, *args, **kwargs)
