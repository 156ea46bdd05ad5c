"""The input side of every API: strict schemas, and bodies checked by a compiled JSON Schema.

``Strict`` schemas refuse unknown fields, refuse U+0000 in every text field (PostgreSQL cannot
store it), and take integers only as integers (2085, never 2085.0 or 2085.5), bounded to
PostgreSQL's ``integer``. A JSON body with an unpaired surrogate (which UTF-8 cannot encode) is
refused where it is read. Pages are bounded too, so a page number cannot overflow an OFFSET.

Request bodies are checked by the JSON Schema compiled from their marshmallow schema, when it can.

marshmallow stays the definition and the OpenAPI source. A body that passes the compiled check
(several times faster than marshmallow's load, which matters on the submission path) is used as
it is, defaults filled in; one that fails is handed to marshmallow, so every error message is
marshmallow's. Only schemas whose load gives back the JSON unchanged take the fast path: strings,
integers, booleans, lists and nested such schemas, with no hooks, renamed keys or custom validators.
"""
from __future__ import annotations

import numbers
import re
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, Callable

import fastjsonschema
import marshmallow as ma
from flask_smorest import Blueprint as SmorestBlueprint
from flask_smorest import pagination
from marshmallow import validate
from marshmallow.decorators import POST_LOAD
from marshmallow.schema import SchemaMeta
from webargs.core import missing
from webargs.flaskparser import FlaskParser

from shared.events.jsonschema import inexpressible, json_schema

# A text without U+0000. (A lone surrogate can only come as a JSON escape, and is refused where
# JSON is read; a pattern naming surrogates would not parse in the Rust and ECMA-262 engines of
# JSON Schema tools that read the OpenAPI document.)
TEXT_PATTERN = r"^[^\x00]*$"
TEXT = validate.Regexp(TEXT_PATTERN, error="text may not contain U+0000")
LONE_SURROGATE = "text may not contain an unpaired surrogate (\\ud800-\\udfff)"
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
INT_RANGE = validate.Range(-(2**31), 2**31 - 1)  # PostgreSQL's integer
MAX_PAGE = 1_000_000
_DIGITS = re.compile(r"[+-]?[0-9]{1,18}")


# True while a JSON body is loaded: there a number is a number; elsewhere (query, path) all is text.
_IN_JSON: ContextVar[bool] = ContextVar("in_json", default=False)


class Integer(ma.fields.Integer):
    """An integer: in JSON a JSON integer (2085; never 2085.0, 2085.5, "2085" or true), in a
    query string its digits ("2085")."""

    def _validated(self, value: Any) -> int:
        if isinstance(value, str):
            ok = not _IN_JSON.get() and _DIGITS.fullmatch(value) is not None
        else:
            ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
        if not ok:
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class Boolean(ma.fields.Boolean):
    """A boolean: in JSON true or false only; in a query string also "1", "false", "no"..."""

    def _deserialize(self, value, attr, data, **kwargs):
        if _IN_JSON.get() and not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


_PLAIN = (ma.fields.String, Boolean, Integer)
_STRICTER = {ma.fields.Integer: Integer, ma.fields.Boolean: Boolean}


def harden(field: ma.fields.Field) -> None:
    """Text fields refuse U+0000 and lone surrogates; integers and booleans are strict, integers
    bounded."""
    if isinstance(field, ma.fields.List):
        harden(field.inner)
    elif isinstance(field, ma.fields.String):
        # A pattern or a list of choices already keeps to its own characters.
        if not any(isinstance(v, (validate.Regexp, validate.OneOf)) for v in field.validators):
            field.validators.append(TEXT)
    elif type(field) in _STRICTER:
        field.__class__ = _STRICTER[type(field)]  # the same field, with the stricter load
    if isinstance(field, ma.fields.Integer) and not any(
            isinstance(v, validate.Range) for v in field.validators):
        field.validators.append(INT_RANGE)


class _Hardened(SchemaMeta):
    """Hardens every field a schema declares, once, when the class is made."""

    @classmethod
    def get_declared_fields(mcs, klass, cls_fields, inherited_fields, dict_cls=dict):
        declared = super().get_declared_fields(klass, cls_fields, inherited_fields, dict_cls)
        for field in declared.values():
            harden(field)
        return declared


class Strict(ma.Schema, metaclass=_Hardened):
    """Input schemas refuse fields they do not know, so a typo is an error, not silently lost;
    and every field is hardened (see ``harden``)."""

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
    """The compiled validator for ``schema``, or None when its load is more than a check.

    Draft 4, whose ``integer`` is an int only: later drafts take 2085.0 as an integer.
    """
    if not _plain(schema):
        return None
    return fastjsonschema.compile({"$schema": "http://json-schema.org/draft-04/schema#",
                                   **json_schema(schema)})


def lone_surrogate(data: Any, path: tuple = ()) -> tuple | None:
    """The path to the first string in ``data`` (or key) holding an unpaired surrogate, if any."""
    if isinstance(data, str):
        return path if _SURROGATE.search(data) else None
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    for key, value in items:
        found = lone_surrogate(key, (*path, key)) or lone_surrogate(value, (*path, key))
        if found is not None:
            return found
    return None


def _message_at(path: tuple, message: str) -> dict:
    errors: Any = [message]
    for step in reversed(path):
        errors = {step: errors}
    return errors


PAGE_PARAMETERS = frozenset(("page", "page_size"))  # read by the pagination's own parser


def _refuse_unknown_parameters(query, schema: ma.Schema) -> None:
    """A query parameter the operation does not document is a 422, as in a body: a typo such as
    ``?unti=X`` would otherwise list everything."""
    known = {field.data_key or name for name, field in schema.fields.items()} | PAGE_PARAMETERS
    unknown = sorted(set(query) - known)
    if unknown:
        raise ma.ValidationError({name: ["Unknown field."] for name in unknown})


class FastJsonParser(FlaskParser):
    """webargs' Flask parser, trying the compiled JSON Schema first for JSON bodies."""

    def _raw_load_json(self, req):
        """The JSON body; one whose strings hold a lone surrogate (only a JSON escape can bring
        one) is a 422 naming the field, as PostgreSQL and UTF-8 cannot hold it."""
        data = super()._raw_load_json(req)
        if data is not missing and _ESCAPED_SURROGATE.search(req.get_data(cache=True)):
            path = lone_surrogate(data)
            if path is not None:
                raise ma.ValidationError(_message_at(path, LONE_SURROGATE) if path else
                                         [LONE_SURROGATE])
        return data

    def _process_location_data(self, location_data, schema, req, location, unknown, validators):
        if location == "query" and location_data is not missing:
            _refuse_unknown_parameters(location_data, schema)
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
        token = _IN_JSON.set(location == "json")
        try:
            return super()._process_location_data(location_data, schema, req, location, unknown,
                                                  validators)
        finally:
            _IN_JSON.reset(token)


class Blueprint(SmorestBlueprint):
    """flask-smorest's Blueprint with the fast JSON body check."""

    ARGUMENTS_PARSER = FastJsonParser()

    def _document_pagination_metadata(self, spec, resp_doc):
        """X-Pagination as what it is on the wire: a header whose value is JSON text."""
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = {
            "description": "JSON: {total, total_pages, first_page, last_page, page,"
                           " previous_page, next_page}", "schema": {"type": "string"}}

    def arguments(self, schema, *args, **kwargs):
        """As flask-smorest's, with one schema instance made here rather than one per request."""
        return super().arguments(schema() if isinstance(schema, type) else schema, *args, **kwargs)


_flask_smorest_pages = pagination._pagination_parameters_schema_factory


def _bounded_pages(first: int, size: int, max_size: int) -> type[ma.Schema]:
    """flask-smorest's page and page_size, strict and bounded: page 2**64 is a 422, not an
    OFFSET PostgreSQL cannot hold."""
    class PaginationParametersSchema(_flask_smorest_pages(first, size, max_size)):
        page = Integer(load_default=first, validate=validate.Range(1, MAX_PAGE))
        page_size = Integer(load_default=size, validate=validate.Range(1, max_size))
    return PaginationParametersSchema


# Blueprint.paginate builds its parameters through this module function; every service pages
# through shared.fastargs.Blueprint, which is why the swap is made here, on import.
pagination._pagination_parameters_schema_factory = _bounded_pages
