"""A registry from CloudEvents type (``<service>.<Name>.v<N>``) to the one schema that defines it."""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any, Callable

import fastjsonschema
from marshmallow import EXCLUDE, Schema

from shared.events.jsonschema import compile_validator, inexpressible, json_schema
from shared.events.precheck import accepted, precheck_type

_TYPE_NAME = re.compile(r"^[a-z]+\.[A-Z][A-Za-z]+$")


class EventSchema(Schema):
    """Base for event payloads. Unknown fields are ignored so additive changes never break readers."""

    class Meta:
        unknown = EXCLUDE


class EventTypeError(ValueError):
    """An event type that is not in the catalogue, or data that does not fit its schema."""


@dataclass(frozen=True)
class EventType:
    name: str
    version: int
    schema: type[Schema]
    description: str

    @property
    def ce_type(self) -> str:
        """The CloudEvents type: ``<service>.<Name>.v<N>``."""
        return f"{self.name}.v{self.version}"


class Registry:
    """Maps each ce_type to its schema; a type and version may be registered only once."""

    def __init__(self) -> None:
        self._types: dict[str, EventType] = {}
        self._validators: dict[str, Callable[[dict], object]] = {}  # compiled on first use
        self._prechecks: dict[str, Any] = {}  # msgspec types (shared/events/precheck.py), or None

    @classmethod
    def combine(cls, *registries: "Registry") -> "Registry":
        """One registry of every type of ``registries`` (what a service writes and reads)."""
        combined = cls()
        for registry in registries:
            for et in registry.types():
                if et.ce_type in combined._types and combined._types[et.ce_type] is not et:
                    raise ValueError(f"{et.ce_type} is registered twice")
                combined._types[et.ce_type] = et
        return combined

    def event(self, name: str, version: int) -> Callable[[type[Schema]], type[Schema]]:
        """Class decorator: register ``schema`` as ``name`` version ``version``."""
        if not _TYPE_NAME.match(name) or version < 1:
            raise ValueError(f"event type must look like 'service.PastTense' with version >= 1: {name}")

        def register(schema: type[Schema]) -> type[Schema]:
            problems = inexpressible(schema)
            if problems:
                raise ValueError(f"{name}.v{version} uses what JSON Schema cannot express: "
                                 f"{'; '.join(problems)}")
            et = EventType(name, version, schema, inspect.cleandoc(schema.__doc__ or ""))
            if et.ce_type in self._types:
                raise ValueError(f"{et.ce_type} is registered twice")
            self._types[et.ce_type] = et
            return schema
        return register

    def get(self, ce_type: str) -> EventType:
        """The registered type ``ce_type``; EventTypeError when it is not in the catalogue."""
        try:
            return self._types[ce_type]
        except KeyError:
            raise EventTypeError(f"unknown event type {ce_type!r}") from None

    def __contains__(self, ce_type: str) -> bool:
        return ce_type in self._types

    def types(self) -> list[EventType]:
        """Every registered type, in ce_type order."""
        return sorted(self._types.values(), key=lambda t: t.ce_type)

    def encode(self, ce_type: str, payload: Any) -> dict:
        """Dump ``payload`` to JSON-ready data and check it against the schema."""
        schema = self.get(ce_type).schema()
        data = schema.dump(payload)
        self.check(ce_type, data)
        return data

    def check_decoded(self, ce_type: str, data: Any) -> None:
        """``check`` for data as ``json.loads`` gave it (a consumed record's): what the faster
        msgspec type accepts passes, the rest is checked as ``check`` checks it."""
        if not isinstance(data, dict) or ce_type not in self._types:
            return self.check(ce_type, data)  # its refusal, as it says it
        if ce_type not in self._prechecks:
            self._prechecks[ce_type] = precheck_type(json_schema(self._types[ce_type].schema))
        checked = self._prechecks[ce_type]
        if checked is None or not accepted(checked, data):
            self.check(ce_type, data)

    def check(self, ce_type: str, data: Any) -> None:
        """Raise EventTypeError unless ``data`` (JSON form) fits the type's schema."""
        if not isinstance(data, dict):
            raise EventTypeError(f"{ce_type} data must be a JSON object")
        validator = self._validators.get(ce_type)
        if validator is None:
            validator = self._validators[ce_type] = compile_validator(self.get(ce_type).schema)
        try:
            validator(data)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise EventTypeError(f"{ce_type} data does not fit its schema: {exc.message}") from None

