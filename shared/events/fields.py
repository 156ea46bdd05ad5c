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
# An appraisal period: a year (annual), a year and quarter or a year and month, as the assessment
# service names them.
PERIOD_PATTERN = r"^[0-9]{4}(?:-Q[1-4]|-M(?:0[1-9]|1[0-2]))?" + _END
# Any text but U+0000 (PostgreSQL text and jsonb cannot hold it) and a lone surrogate (not
# encodable as UTF-8). ECMA-262 patterns without the u flag see UTF-16 code units, hence the
# surrogate pair spelt out; Python sees the pair as one code point, taken by the character class.
# Written as a run of ordinary characters, then pairs each followed by such a run (the same texts
# as ``(?:ordinary|pair)*``): Python's engine takes a run of one class in a single fast step, where
# an alternative repeated costs a step per character (every consumer checks every event's texts).
_ORDINARY = r"[^\u0000\ud800-\udfff]*"
TEXT_PATTERN = rf"^{_ORDINARY}(?:[\ud800-\udbff][\udc00-\udfff]{_ORDINARY})*" + _END


def nip(**kwargs) -> fields.String:
    """An employee's NIP: 18 digits."""
    return fields.String(validate=validate.Regexp(NIP_PATTERN), **kwargs)


def period(**kwargs) -> fields.String:
    """An appraisal period: a year, a year and quarter (``2025-Q1``) or month (``2025-M03``)."""
    return fields.String(validate=validate.Regexp(PERIOD_PATTERN), **kwargs)


def code(**kwargs) -> fields.String:
    """A code people give (a competency's, a programme's): at most 40 characters."""
    return fields.String(validate=validate.Regexp(CODE_PATTERN), **kwargs)


def ident(**kwargs) -> fields.String:
    """An id made by the system (a dialogue's, a note's): longer than a code."""
    return fields.String(validate=validate.Regexp(ID_PATTERN), **kwargs)


def text(limit: int, minimum: int | None = None, **kwargs) -> fields.String:
    """Free text of at most ``limit`` characters, with none that storage or UTF-8 refuses."""
    return fields.String(validate=[validate.Length(min=minimum, max=limit),
                                   validate.Regexp(TEXT_PATTERN)], **kwargs)


def level(**kwargs) -> fields.Integer:
    """A competency level, 1 to 5."""
    return fields.Integer(validate=validate.Range(1, 5), **kwargs)
