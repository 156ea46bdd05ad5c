"""CloudEvents binary-mode encoding and the decoding errors that send a record to the dead letters."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

import pytest

from shared.envelope import Event, PoisonRecord, SourceHeaders, from_record, to_record
from tests.support.sample import NIP, REGISTRY


def sample_event(**changes) -> Event:
    fields = dict(id=uuid.uuid4(), type="sample.ThingRecorded.v1", source="/asn/sample", subject=NIP,
                  time=datetime(2026, 3, 31, 9, 30, tzinfo=timezone.utc),
                  data={"nip": NIP, "amount": 7}, stream_id="thing-1", version=3,
                  metadata={"actor": "198001012005011001", "Bad Key": "dropped"})
    fields.update(changes)
    return Event(**fields)


def test_round_trip_keeps_every_attribute():
    event = sample_event()
    key, value, headers = to_record(event)
    assert key == NIP.encode()
    assert json.loads(value) == {"nip": NIP, "amount": 7}
    names = dict(headers)
    assert names["ce_specversion"] == b"1.0" and names["content-type"] == b"application/json"
    assert "ce_Bad Key" not in names, "metadata keys that are not CloudEvents names are not sent"
    back = from_record(headers, value, REGISTRY)
    assert back == event.__class__(**{**event.__dict__, "metadata": {"actor": "198001012005011001"}})


@pytest.mark.parametrize("mutate, reason", [
    (lambda h, v: ([x for x in h if x[0] != "ce_id"], v), "not a CloudEvent: missing ce_id"),
    (lambda h, v: (h, b"{not json"), "undecodable record"),
    (lambda h, v: (h, None), "sample.ThingRecorded.v1 data must be a JSON object"),
    (lambda h, v: (h, b'{"nip": "1", "amount": 1}'), "does not fit its schema"),
    (lambda h, v: ([(k, b"2.0" if k == "ce_specversion" else x) for k, x in h], v),
     "unsupported CloudEvents specversion"),
    (lambda h, v: ([(k, b"sample.ThingRecorded.v9" if k == "ce_type" else x) for k, x in h], v),
     "unknown event type 'sample.ThingRecorded.v9'"),
    (lambda h, v: ([(k, b"text/plain" if k == "content-type" else x) for k, x in h], v),
     "unsupported content-type"),
    (lambda h, v: ([(k, b"\xff" if k == "ce_type" else x) for k, x in h], v), "not UTF-8"),
    (lambda h, v: ([(k, b"yesterday" if k == "ce_time" else x) for k, x in h], v),
     "undecodable record"),
])
def test_bad_records_are_poison_with_a_reason(mutate, reason):
    _, value, headers = to_record(sample_event())
    headers, value = mutate(headers, value)
    with pytest.raises(PoisonRecord, match=reason.replace("(", r"\(")):
        from_record(headers, value, REGISTRY)


def test_unknown_fields_are_ignored_so_additive_changes_do_not_break_readers():
    _, _, headers = to_record(sample_event())
    event = from_record(headers, b'{"nip": "%s", "amount": 1, "added_later": true}' % NIP.encode(),
                        REGISTRY)
    assert event.data["amount"] == 1


@pytest.mark.parametrize("metadata", [
    {}, {"actor": "198001012005011001", "correlationid": "c-1"},
    {"n": 5, "flag": False, "nested": {"a": [1]}, "Bad Key": "x", "id": "clash", "none": None,
     "actor\n": "y", "a" * 21: "z", "teks": "é 😀"}])
def test_the_relays_headers_from_texts_are_to_records_headers(metadata):
    event = sample_event(metadata=metadata)
    _, _, headers = to_record(event)
    texts = [str(event.id), event.type, event.subject, event.time.isoformat(), event.stream_id,
             str(event.version)]
    built = SourceHeaders(event.source).of(*(t.encode() for t in texts),
                                           json.dumps(metadata) if metadata else None)
    assert built == headers
