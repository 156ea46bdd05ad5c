"""A faster first check of decoded event data: msgspec types built from the same JSON Schema.

fastjsonschema's generated validators are Python, a few isinstance calls and a set operation per
property (17 us for an average record of a feedback period, over 120 isinstance calls for an
assessment with ten ratings); ``msgspec.convert`` does the same walk in C, the patterns' searches
being most of what it leaves (10 us). It is used only to *accept*: data it takes, the JSON
Schema takes too, and unchanged; anything it refuses goes to fastjsonschema, whose verdict and
message stand (the dead letter's reason is the same). So a type is given a msgspec type only when
every keyword of its schema is one whose meaning msgspec has exactly (``KNOWN``: a ``default``,
which fastjsonschema writes into the data, or a ``format`` are not), and it is used only on what
``json.loads`` gave (a set would pass as an array; JSON has none).
tests/unit/test_event_precheck.py compares the verdicts on random valid and invalid data.
"""
from __future__ import annotations

import itertools
from typing import Annotated, Any, Literal, Optional

import msgspec
from fastjsonschema.draft04 import DOLLAR_FINDER

# What each keyword means in JSON Schema and in msgspec alike: ``pattern`` is searched (re.search,
# as fastjsonschema does, and with its ``$`` made ``\Z`` as it does), lengths count code points,
# ``required`` are fields without a default.
KNOWN = frozenset({"type", "properties", "required", "items", "minItems", "maxItems", "pattern",
                   "maxLength", "minLength", "enum", "minimum", "maximum"})
_SCALARS = {"string": str, "integer": int, "boolean": bool}
# The keywords each type of value may carry, as msgspec names them (any other: no msgspec type)
_LIMITS = {"string": {"pattern": "pattern", "maxLength": "max_length", "minLength": "min_length"},
           "integer": {"minimum": "ge", "maximum": "le"},
           "array": {"minItems": "min_length", "maxItems": "max_length", "items": None},
           "object": {"properties": None, "required": None}, "boolean": {}}
_names = itertools.count()


def precheck_type(schema: dict) -> Any:
    """The msgspec type that accepts only what ``schema`` accepts; None when the schema says
    something it cannot say exactly, or msgspec cannot make it (a field named ``__dict__``, a
    pattern Python cannot compile): fastjsonschema alone checks that type."""
    try:
        return _made(schema)
    except Exception:  # noqa: BLE001 - whatever msgspec refuses to build: no precheck
        return None


def _made(schema: dict) -> Any:
    if not isinstance(schema, dict) or set(schema) - KNOWN:
        return None
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    nullable, kinds = "null" in kinds, [k for k in kinds if k != "null"]
    if len(kinds) != 1 or kinds[0] not in _LIMITS:
        return None
    if "enum" in schema:
        return _enum(schema, kinds[0], nullable)
    allowed = _LIMITS[kinds[0]]
    made = None if set(schema) - {"type", *allowed} else _typed(schema, kinds[0])
    if made is None:
        return None
    limits = {allowed[k]: v for k, v in schema.items() if allowed.get(k)}
    if "pattern" in limits:
        limits["pattern"] = DOLLAR_FINDER.sub(r"\\Z", limits["pattern"])
    if limits:
        made = Annotated[made, msgspec.Meta(**limits)]
    return Optional[made] if nullable else made


def _enum(schema: dict, kind: str, nullable: bool) -> Any:
    """Texts from a list (and null when the type allows it), nothing else said about them."""
    values = schema["enum"]
    if set(schema) != {"type", "enum"} or kind != "string" or not values or not all(
            type(v) is str or (v is None and nullable) for v in values):
        return None
    return Literal[tuple(values)]


def _typed(schema: dict, kind: str) -> Any:
    if kind in _SCALARS:
        return _SCALARS[kind]
    if kind == "array":
        inner = _made(schema.get("items"))
        return None if inner is None else list[inner]
    properties, required = schema.get("properties", {}), set(schema.get("required", ()))
    if not required <= set(properties):
        return None
    fields = []
    for name, sub in properties.items():
        made = _made(sub)
        if made is None or not name.isidentifier():
            return None
        fields.append((name, made) if name in required else (name, made, msgspec.UNSET))
    return msgspec.defstruct(f"Checked{next(_names)}", fields, kw_only=True)


def accepted(checked: Any, data: Any) -> bool:
    """True when ``checked`` (a ``precheck_type``) takes ``data``; False says nothing (ask the
    JSON Schema's validator)."""
    try:
        msgspec.convert(data, checked)
    except Exception:  # noqa: BLE001 - a refusal of any kind (a lone surrogate raises its own)
        return False
    return True
