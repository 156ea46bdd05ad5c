"""Batch projectors' parameters: documents passed on as the JSON texts a replay read them as."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

from shared.envelope import Event
from shared.projecting import DATA_TEXTS, event_rows

AT = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _event(n: int) -> Event:
    return Event(id=uuid.UUID(int=n), type="t", source="s", subject="nip", time=AT,
                 data={"n": n, "teks": "bukti ä \\ \""})


def _documents(params: list) -> list:
    jsonb = params[3]
    return json.loads((jsonb.dumps or json.dumps)(jsonb.obj))


def test_the_texts_are_passed_on_when_every_event_of_the_run_has_one():
    events = [_event(n) for n in range(3)]
    texts = {e.id: json.dumps(e.data, separators=(", ", ": ")) for e in events}
    token = DATA_TEXTS.set(texts)
    try:
        passed = event_rows(events)
        assert passed[3].dumps(None) == "[" + ",".join(texts[e.id] for e in events) + "]"
        mixed = event_rows(events + [_event(9)])  # one without a text: all encoded
        given = event_rows(events, documents=[{"d": 1}] * 3)  # documents given: those
    finally:
        DATA_TEXTS.reset(token)
    assert _documents(passed) == _documents(event_rows(events)) == [e.data for e in events]
    assert _documents(mixed) == [e.data for e in events] + [_event(9).data]
    assert _documents(given) == [{"d": 1}] * 3
    assert passed[:3] == event_rows(events)[:3]


def test_the_event_rows_bytes_are_passed_on_and_the_missing_printed():
    events = [_event(n) for n in range(3)]
    texts = {e.id: json.dumps(e.data, ensure_ascii=False, separators=(", ", ": ")).encode()
             for e in events[:2]}  # as the event store printed them; the third has none
    token = DATA_TEXTS.set(texts)
    try:
        passed = event_rows(events)
    finally:
        DATA_TEXTS.reset(token)
    printed = passed[3].dumps(None)
    assert printed.startswith(b"[" + texts[events[0].id] + b"," + texts[events[1].id] + b",")
    assert json.loads(printed) == [e.data for e in events]
