"""Events and their CloudEvents 1.0 Kafka binary-mode envelope (ce_* headers, JSON value, key = NIP)."""
from __future__ import annotations

import functools
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kafka.record.default_records import DefaultRecordBatchBuilder

from shared.events import EventTypeError, Registry

SPECVERSION = "1.0"
CONTENT_TYPE = "application/json"
# Extension attributes carried beside the required ones; names follow the CloudEvents rules.
_EXTENSION_NAME = re.compile(r"^[a-z0-9]{1,20}$")
_REQUIRED = ("ce_id", "ce_type", "ce_source", "ce_specversion")


@dataclass(frozen=True)
class NewEvent:
    """An event a handler decided on, not yet stored. ``subject`` is the employee's NIP."""

    type: str
    subject: str
    data: dict
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    """A stored or received event with its envelope attributes."""

    id: uuid.UUID
    type: str
    source: str
    subject: str
    time: datetime
    data: dict
    stream_id: str = ""
    version: int = 0
    metadata: dict = field(default_factory=dict)


def caused_by(event: Event, actor: str) -> dict:
    """Metadata for an event a consumer decided on because of ``event``: who, and what caused it.

    ``correlationid`` carries the first cause along a chain, so a subscriber can follow one
    submission through every service it touched; ``requestid`` carries the HTTP request that
    started the chain, so its log lines and every event it led to can be found together.
    """
    requestid = event.metadata.get("requestid")
    return {"actor": actor, "causationid": str(event.id),
            "correlationid": event.metadata.get("correlationid") or str(event.id),
            **({"requestid": requestid} if requestid else {})}


class PoisonRecord(Exception):
    """A Kafka record that cannot be turned into an Event; the reason goes to the dead-letter topic."""


def to_record(event: Event, value: bytes | None = None) -> tuple[bytes, bytes, list]:
    """Key, value and headers of the Kafka record for ``event``.

    ``value`` is the data already serialised as JSON, when the caller has it. (The relay builds
    the same record from the texts PostgreSQL prints: ``SourceHeaders``.)
    """
    headers = [
        ("ce_specversion", SPECVERSION),
        ("ce_id", str(event.id)),
        ("ce_type", event.type),
        ("ce_source", event.source),
        ("ce_subject", event.subject),
        ("ce_time", event.time.isoformat()),
        ("ce_streamid", event.stream_id),
        ("ce_streamversion", str(event.version)),
        ("content-type", CONTENT_TYPE),
    ]
    if value is None:
        value = json.dumps(event.data, ensure_ascii=False, separators=(",", ":")).encode()
    return (event.subject.encode(), value,
            [(k, v.encode()) for k, v in headers] + extension_headers(event.metadata))


def extension_headers(metadata: dict) -> list[tuple[str, bytes]]:
    """The extension headers carried for ``metadata``, in its order: each key that is a
    CloudEvents name and not a required attribute's, with a value (as text), as ``ce_<key>``."""
    return [(header, str(attribute).encode()) for name, attribute in metadata.items()
            if attribute is not None and (header := _extension_header(name)) is not None]


@functools.lru_cache(maxsize=1024)
def _extension_header(name: str) -> str | None:
    header = f"ce_{name}"
    return header if _EXTENSION_NAME.match(name) and header not in _KNOWN_HEADERS else None


class SourceHeaders:
    """The headers ``to_record`` gives the events of one source, built from texts PostgreSQL
    prints for each (shared.outbox.ELIGIBLE says how, byte for byte as Python would): the
    headers the same for every event encoded once, the rest taken as they come."""

    def __init__(self, source: str) -> None:
        self.spec = ("ce_specversion", SPECVERSION.encode())
        self.source = ("ce_source", source.encode())
        self.content_type = ("content-type", CONTENT_TYPE.encode())

    def of(self, ce_id: bytes, ce_type: bytes, subject: bytes, time: bytes, stream_id: bytes,
           version: bytes, metadata: str | None) -> list[tuple[str, bytes]]:
        """``metadata``: the jsonb as text, None when it is empty."""
        headers = [self.spec, ("ce_id", ce_id), ("ce_type", ce_type), self.source,
                   ("ce_subject", subject), ("ce_time", time), ("ce_streamid", stream_id),
                   ("ce_streamversion", version), self.content_type]
        if metadata:
            headers += extension_headers(json.loads(metadata))
        return headers


def record_bytes(key: bytes | None, value: bytes | None, headers: list) -> int:
    """The size of one record as the producer checks it against max_request_size (batch included)."""
    return DefaultRecordBatchBuilder.estimate_size_in_bytes(key, value, headers)


def from_record(headers: list[tuple[str, bytes]], value: bytes | None, registry: Registry) -> Event:
    """Decode a consumed record; PoisonRecord says exactly what is wrong with it."""
    try:
        attrs = {k: v.decode() for k, v in headers or ()}
    except UnicodeDecodeError:
        raise PoisonRecord("a header is not UTF-8") from None
    missing = [name for name in _REQUIRED if not attrs.get(name)]
    if missing:
        raise PoisonRecord(f"not a CloudEvent: missing {', '.join(missing)}")
    if attrs["ce_specversion"] != SPECVERSION:
        raise PoisonRecord(f"unsupported CloudEvents specversion {attrs['ce_specversion']!r}")
    if attrs.get("content-type", CONTENT_TYPE).split(";")[0].strip() != CONTENT_TYPE:
        raise PoisonRecord(f"unsupported content-type {attrs['content-type']!r}")
    try:
        event_id = uuid.UUID(attrs["ce_id"])
        time = datetime.fromisoformat(attrs["ce_time"]) if attrs.get("ce_time") else None
        version = int(attrs.get("ce_streamversion") or 0)
        payload: Any = json.loads(value) if value is not None else None
    except (ValueError, UnicodeDecodeError) as exc:
        raise PoisonRecord(f"undecodable record: {exc}") from None
    try:
        registry.check_decoded(attrs["ce_type"], payload)
    except EventTypeError as exc:
        raise PoisonRecord(str(exc)) from None
    return Event(
        id=event_id, type=attrs["ce_type"], source=attrs["ce_source"],
        subject=attrs.get("ce_subject", ""), time=time, data=payload,
        stream_id=attrs.get("ce_streamid", ""), version=version,
        metadata={k[3:]: v for k, v in attrs.items()
                  if k.startswith("ce_") and k not in _KNOWN_HEADERS},
    )


_KNOWN_HEADERS = frozenset({
    "ce_specversion", "ce_id", "ce_type", "ce_source", "ce_subject", "ce_time",
    "ce_streamid", "ce_streamversion",
})
