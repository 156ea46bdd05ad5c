"""The port every command handler and reactor records its decided events through, and its adapters.

``PgRecorder`` appends to the service's ``events`` table and applies its projectors in the caller's
transaction (what ``shared.service.record`` does). ``MemoryRecorder`` keeps streams in a dict for
fast tests of handlers; it checks what the event store checks (the event fits its schema, has a
subject, the stream is where the caller read it), so a handler the fake accepts the store accepts.
"""
from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime, timezone
from typing import Any, Callable, Protocol, Sequence

import psycopg

from shared.batchview import BATCH
from shared.envelope import Event, NewEvent
from shared.events import EventTypeError, Registry
from shared.eventstore import ACTOR, ConcurrencyError, EventStore


class Recorder(Protocol):
    """Appends a stream's new events after ``expected_version`` and projects them."""

    def record(self, stream_id: str, expected_version: int,
               events: Sequence[NewEvent]) -> list[Event]:
        """Append the events after ``expected_version`` and project them; the stored events."""


class PgRecorder:
    """The PostgreSQL adapter: the event store and the service's projectors, one transaction."""

    def __init__(self, conn: psycopg.Connection, store: EventStore,
                 project: Callable[[psycopg.Connection, Event], None]) -> None:
        self.conn, self.store, self.project = conn, store, project

    def record(self, stream_id: str, expected_version: int,
               events: Sequence[NewEvent]) -> list[Event]:
        """Append and project in the caller's transaction; on the consumer's fast path the
        batch keeps the events and projects them before the next read (shared/batchview.py)."""
        stored = self.store.append(self.conn, stream_id, expected_version, events)
        batch = BATCH.get()
        if batch is None or not batch.keep(stored):
            for event in stored:
                self.project(self.conn, event)
        return stored


class MemoryRecorder:
    """The in-memory adapter: streams in a dict; ``project`` feeds the in-memory projections."""

    def __init__(self, source: str, registry: Registry,
                 project: Callable[[Event], None] | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.source, self.registry, self.project, self.clock = source, registry, project, clock
        self.streams: dict[str, list[Event]] = {}

    def record(self, stream_id: str, expected_version: int,
               events: Sequence[NewEvent]) -> list[Event]:
        """Append after ``expected_version`` or raise ConcurrencyError, as the store does."""
        for event in events:
            self.registry.check(event.type, event.data)
            if not event.subject:
                raise EventTypeError(f"{event.type} has no subject (the employee's NIP)")
        stream = self.streams.setdefault(stream_id, [])
        if len(stream) != expected_version:
            raise ConcurrencyError(f"stream {stream_id} is no longer at version {expected_version}")
        actor = ACTOR.get()
        stored = [Event(id=uuid.uuid4(), type=e.type, source=self.source, subject=e.subject,
                        time=self.clock(), data=e.data, stream_id=stream_id,
                        version=expected_version + i,
                        metadata={**({"actor": actor} if actor else {}), **e.metadata})
                  for i, e in enumerate(events, start=1)]
        stream.extend(stored)
        if self.project is not None:
            for event in stored:
                self.project(event)
        return stored

    def events(self) -> list[Event]:
        """Every event recorded, stream by stream in the order of their first event."""
        return [event for stream in self.streams.values() for event in stream]

    def version(self, stream_id: str) -> int:
        """The stream's current version (0 when it has none)."""
        return len(self.streams.get(stream_id, ()))


def decided(record: Any, subject: str, metadata: dict | None = None) -> NewEvent:
    """A domain's typed event (a frozen dataclass with a ``TYPE`` class attribute naming its
    ce_type) as the NewEvent the recorder appends; tuples become JSON arrays."""
    return NewEvent(record.TYPE, subject, _json_ready(record), metadata or {})


_PLAIN = (str, int, float, type(None))  # as they are (bool is an int)
_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names, read once per class


def _json_ready(value: Any) -> Any:
    # A walk of our own rather than dataclasses.asdict, which deep-copies every value: this is on
    # the path of every decided event (about half the cost, measured in the training replay).
    # Exact lists, tuples and dicts first and plain items not walked into: fewer calls and no
    # dataclass test for them (tests/unit/test_json_ready.py compares it with the old).
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        return [item if type(item) in _PLAIN else _json_ready(item) for item in value]
    if kind is dict:
        return {key: item if type(item) in _PLAIN else _json_ready(item)
                for key, item in value.items()}
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: _json_ready(getattr(value, name)) for name in names}
    if dataclasses.is_dataclass(value):
        return {f.name: _json_ready(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(item) for item in value]
    return value
