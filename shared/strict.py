"""Strict input schemas: unknown fields refused, text without U+0000, integers as integers.

``Strict`` hardens every field its subclasses declare, once, when the class is made: text fields
refuse U+0000 (PostgreSQL cannot store it), integers are JSON integers (2085, never 2085.0, 2085.5
or "2085"; in a query string their digits) within PostgreSQL's ``integer``, booleans are JSON
booleans. A lone surrogate (which UTF-8 cannot encode) can only come as a JSON escape, so it is
looked for where JSON is read (``lone_surrogate``, used by shared.fastargs' parser).
"""
from __future__ import annotations

import numbers
import re
from contextvars import ContextVar
from typing import Any

import marshmallow as ma
from marshmallow import validate
from marshmallow.schema import SchemaMeta

# A text without U+0000. (A lone surrogate can only come as a JSON escape, and is refused where
# JSON is read; a pattern naming surrogates would not parse in the Rust and ECMA-262 engines of
# JSON Schema tools that read the OpenAPI document.)
TEXT_PATTERN = r"^[^\x00]*$"
TEXT = validate.Regexp(TEXT_PATTERN, error="text may not contain U+0000")
LONE_SURROGATE = "text may not contain an unpaired surrogate (\\ud800-\\udfff)"
_SURROGATE = re.compile("[\ud800-\udfff]")
INT_RANGE = validate.Range(-(2**31), 2**31 - 1)  # PostgreSQL's integer
_DIGITS = re.compile(r"[+-]?[0-9]{1,18}")


# True while a JSON body is loaded: there a number is a number; elsewhere (query, path) all is text.
IN_JSON: ContextVar[bool] = ContextVar("in_json", default=False)


class Integer(ma.fields.Integer):
    """An integer: in JSON a JSON integer (2085; never 2085.0, 2085.5, "2085" or true), in a
    query string its digits ("2085")."""

    def _validated(self, value: Any) -> int:
        if isinstance(value, str):
            ok = not IN_JSON.get() and _DIGITS.fullmatch(value) is not None
        else:
            ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
        if not ok:
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class Boolean(ma.fields.Boolean):
    """A boolean: in JSON true or false only; in a query string also "1", "false", "no"..."""

    def _deserialize(self, value, attr, data, **kwargs):
        if IN_JSON.get() and not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


PLAIN = (ma.fields.String, Boolean, Integer)  # what loads as the JSON it was
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
        """The schema's declared fields, each hardened once."""
        declared = super().get_declared_fields(klass, cls_fields, inherited_fields, dict_cls)
        for field in declared.values():
            harden(field)
        return declared


class Strict(ma.Schema, metaclass=_Hardened):
    """Input schemas refuse fields they do not know, so a typo is an error, not silently lost;
    and every field is hardened (see ``harden``)."""

    class Meta:
        unknown = ma.RAISE


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


