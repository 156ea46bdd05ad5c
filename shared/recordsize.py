"""A bound on the size of an event's Kafka record, cheap enough for every append.

``EventStore`` refuses an event whose record the relay could not send (``record_size``: the
record built and measured as kafka-python does, about 40 µs). A submission's record is about
2 kB against a limit of 768 kB, so the exact size is worked out only when this bound, which it
cannot exceed, comes near the limit.
"""
from __future__ import annotations

import json

from shared.envelope import Event, record_bytes, to_record

# What a record holds besides its value and the texts counted below, at most: the batch's header
# (61 bytes) and the record's (21), a varint of at most 5 bytes before the key, the value, the
# header count and each header's name and value (95 for the nine required headers), their names
# (91) and their fixed-size values (id 36, time 32, version 11, specversion and content type
# 19): 371 bytes. An extension header adds "ce_" and two varints to its metadata entry.
RECORD_OVERHEAD, PER_EXTENSION = 512, 16


def record_bound(value: bytes, texts: tuple[str, ...], metadata: dict) -> int:
    """A size the event's record cannot exceed: ``value`` (its data as sent), ``texts`` (type,
    source, subject and stream id; the subject is also the key, so each is counted twice) and
    the metadata's keys and values as the headers carry them (``str``), each character counted
    as the four bytes UTF-8 may need, plus the framing at its largest."""
    chars = 2 * sum(map(len, texts)) + sum(len(str(key)) + len(str(attribute))
                                           for key, attribute in metadata.items())
    return len(value) + 4 * chars + RECORD_OVERHEAD + PER_EXTENSION * len(metadata)


def record_size(event: Event, value: bytes | None = None) -> int:
    """Bytes of the Kafka record the relay sends for ``event`` (``value``: its data as
    ``document`` dumps it, when the caller has it).

    The relay sends the data as PostgreSQL prints the jsonb: ", " and ": " between items, the
    same escapes as Python's json (control characters as \\u00XX), other characters as UTF-8.
    Key order differs, length does not. (Floats would print differently; no event has one.)
    """
    key, value, headers = to_record(event, json_text(event.data) if value is None else value)
    return record_bytes(key, value, headers)


def json_text(data: dict) -> bytes:
    """An event's data as the ``events`` table is sent it and PostgreSQL prints it back."""
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": ")).encode()
