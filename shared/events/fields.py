"""Field builders the event schemas share: NIPs, codes, bounded texts, competency levels.

Patterns end with ``(?![\\s\\S])``, the end of the text in Python and ECMA-262 alike (Python's
``$`` would also accept a trailing newline), so the JSON Schema export means the same.
"""
from __future__ import annotations

from marshmallow import fields, validate

_END = r"(?![\s\S])"
NIP_PATTERN = r"^[0-9]{18}" + _END
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}" + _END
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}" + _END


def nip(**kwargs) -> fields.String:
    return fields.String(validate=validate.Regexp(NIP_PATTERN), **kwargs)


def code(**kwargs) -> fields.String:
    return fields.String(validate=validate.Regexp(CODE_PATTERN), **kwargs)


def ident(**kwargs) -> fields.String:
    """An id made by the system (a dialogue's, a note's): longer than a code."""
    return fields.String(validate=validate.Regexp(ID_PATTERN), **kwargs)


def text(limit: int, **kwargs) -> fields.String:
    return fields.String(validate=validate.Length(max=limit), **kwargs)


def level(**kwargs) -> fields.Integer:
    return fields.Integer(validate=validate.Range(1, 5), **kwargs)
