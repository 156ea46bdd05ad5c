"""The input side of every API: how request arguments are read and checked.

``Strict`` schemas (shared.strict) refuse unknown fields and harden every field; here a JSON body
with an unpaired surrogate is refused where it is read, a query parameter the operation does not
know is refused, and pages are bounded, so a page number cannot overflow an OFFSET.

Request bodies are checked by the JSON Schema compiled from their marshmallow schema, when it can.

marshmallow stays the definition and the OpenAPI source. A body that passes the compiled check
(several times faster than marshmallow's load, which matters on the submission path) is used as
it is, defaults filled in; one that fails is handed to marshmallow, so every error message is
marshmallow's. Only schemas whose load gives back the JSON unchanged take the fast path: strings,
integers, booleans, lists and nested such schemas, with no hooks, renamed keys or custom validators.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

import fastjsonschema
import marshmallow as ma
from flask_smorest import Blueprint as SmorestBlueprint
from flask_smorest import pagination
from marshmallow import validate
from marshmallow.decorators import POST_LOAD
from webargs.core import missing
from webargs.flaskparser import FlaskParser

from shared.events.jsonschema import inexpressible, json_schema
from shared.strict import IN_JSON, LONE_SURROGATE, PLAIN, Integer, lone_surrogate

_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
MAX_PAGE = 1_000_000


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
    return type(field) in PLAIN


@lru_cache(maxsize=None)
def fast_validator(schema: type[ma.Schema]) -> Callable[[Any], Any] | None:
    """The compiled validator for ``schema``, or None when its load is more than a check.

    Draft 4, whose ``integer`` is an int only: later drafts take 2085.0 as an integer.
    """
    if not _plain(schema):
        return None
    return fastjsonschema.compile({"$schema": "http://json-schema.org/draft-04/schema#",
                                   **json_schema(schema)})


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
        token = IN_JSON.set(location == "json")
        try:
            return super()._process_location_data(location_data, schema, req, location, unknown,
                                                  validators)
        finally:
            IN_JSON.reset(token)


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
