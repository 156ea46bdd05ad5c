"""The event store on the real PostgreSQL: appends, optimistic concurrency, stream order."""
from __future__ import annotations

import time

import pytest

from shared.config import DEFAULT_MAX_EVENT_BYTES
from shared.envelope import record_bytes
from shared.bulk import written_behind
from shared.eventstore import ConcurrencyError, EventTooLarge, record_size
from shared.events import EventTypeError
from shared.clients import producer_for
from shared.outbox import Cursor
from shared.relay import Relay
from shared.service import record
from tests.support.kafka import read_topic
from tests.support.sample import NIP, SAMPLE, noted, recorded

store = SAMPLE.event_store()


def test_append_assigns_versions_and_positions_and_projects(sample_env):
    with sample_env.connect() as conn:
        first = record(conn, SAMPLE, "thing-1", 0, [recorded(amount=2), recorded(amount=3)])
        second = record(conn, SAMPLE, "thing-1", 2, [recorded(amount=5)])
        conn.commit()
        loaded = store.load(conn, "thing-1")
        totals = conn.execute("SELECT total, events FROM sample_totals WHERE nip = %s",
                              (NIP,)).fetchone()
    assert [e.version for e in first + second] == [1, 2, 3]
    assert [e.id for e in loaded] == [e.id for e in first + second]
    assert [e.data["amount"] for e in loaded] == [2, 3, 5]
    assert totals == {"total": 10, "events": 3}


def test_stale_expected_version_is_a_conflict_and_changes_nothing(sample_env):
    with sample_env.connect() as conn:
        record(conn, SAMPLE, "thing-2", 0, [recorded()])
        conn.commit()
        with pytest.raises(ConcurrencyError):
            with conn.transaction():
                record(conn, SAMPLE, "thing-2", 0, [recorded(amount=99)])
        assert [e.data["amount"] for e in store.load(conn, "thing-2")] == [1]


def test_appends_written_behind_are_stored_as_returned_and_conflicts_still_refused(sample_env):
    with sample_env.connect() as conn:
        with conn.transaction(), written_behind(conn):
            returned = record(conn, SAMPLE, "thing-9", 0, [recorded(amount=2)])
            returned += record(conn, SAMPLE, "thing-9", 1, [recorded(amount=3)])
            assert store.load(conn, "thing-9") == []  # nothing written before the block ends
        assert store.load(conn, "thing-9") == returned
        with pytest.raises(ConcurrencyError):
            with conn.transaction(), written_behind(conn):
                record(conn, SAMPLE, "thing-9", 1, [recorded(amount=99)])
        assert [e.data["amount"] for e in store.load(conn, "thing-9")] == [2, 3]
        assert conn.execute("SELECT total FROM sample_totals").fetchone()["total"] == 5


def test_a_bulk_command_keeps_its_projections_until_a_read_through_its_reader(sample_env):
    """An import's projections are applied together, before any read of its context and at
    its end: a read sees what applying each event at once would have left."""
    def total(conn) -> int | None:
        row = conn.execute("SELECT total FROM sample_totals").fetchone()
        return row and row["total"]

    with sample_env.connect() as conn:
        with conn.transaction(), written_behind(conn, SAMPLE.apply_kept) as view:
            returned = record(view.reader, SAMPLE, "thing-8", 0, [recorded(amount=2)])
            returned += record(view.reader, SAMPLE, "thing-8", 1, [recorded(amount=3)])
            assert total(conn) is None  # kept: nothing applied yet
            assert total(view.reader) == 5
            record(view.reader, SAMPLE, "thing-7", 0, [recorded(amount=4)])
        assert store.load(conn, "thing-8") == returned
        assert total(conn) == 9
        with pytest.raises(ConcurrencyError):
            with conn.transaction(), written_behind(conn, SAMPLE.apply_kept) as view:
                record(view.reader, SAMPLE, "thing-8", 1, [recorded(amount=99)])
                total(view.reader)  # the conflict shows at this read's catch-up
        assert [e.data["amount"] for e in store.load(conn, "thing-8")] == [2, 3]
        assert total(conn) == 9


def test_expected_version_ahead_of_the_stream_is_a_conflict(sample_env):
    with sample_env.connect() as conn:
        with pytest.raises(ConcurrencyError):
            with conn.transaction():
                store.append(conn, "thing-3", 4, [recorded()])
        assert store.load(conn, "thing-3") == []


def test_two_racing_writers_one_wins_one_conflicts(sample_env):
    with sample_env.connect() as a, sample_env.connect() as b:
        store.append(a, "thing-4", 0, [recorded(amount=1)])
        b.execute("SET lock_timeout = '5s'")
        # b blocks on a's uncommitted row; once a commits, b's insert fails on the unique key
        import threading
        outcome = {}

        def write_b():
            try:
                store.append(b, "thing-4", 0, [recorded(amount=2)])
                b.commit()
                outcome["b"] = "committed"
            except ConcurrencyError:
                b.rollback()
                outcome["b"] = "conflict"
        t = threading.Thread(target=write_b)
        t.start()
        t.join(0.3)
        a.commit()
        t.join(10)
        assert outcome == {"b": "conflict"}
        assert [e.data["amount"] for e in store.load(a, "thing-4")] == [1]


def test_a_stream_never_continues_in_an_older_transaction(sample_env):
    """A transaction with an older id may not extend a stream a younger one wrote: that would
    let the relay (which publishes in transaction order) put version 2 before version 1."""
    with sample_env.connect() as old, sample_env.connect() as young:
        old.execute("SELECT pg_current_xact_id()")  # takes its transaction id first
        store.append(young, "thing-5", 0, [recorded()])
        young.commit()
        with pytest.raises(ConcurrencyError):
            store.append(old, "thing-5", 1, [recorded()])
        old.rollback()
        store.append(old, "thing-5", 1, [recorded()])  # a fresh transaction may
        old.commit()
        assert [e.version for e in store.load(old, "thing-5")] == [1, 2]


def test_data_that_does_not_fit_the_schema_is_refused_before_any_write(sample_env):
    with sample_env.connect() as conn:
        bad = recorded()
        bad.data["amount"] = "lots"
        with pytest.raises(EventTypeError):
            store.append(conn, "thing-6", 0, [bad])
        assert conn.execute("SELECT count(*) AS n FROM events").fetchone()["n"] == 0


def test_an_event_too_large_to_publish_is_refused_at_append_and_nothing_is_stored(sample_env):
    """150,000 U+0001 are 150 kB in a request and 900 kB in the record (each written \\u0001)."""
    with sample_env.connect() as conn:
        with pytest.raises(EventTooLarge) as refused:
            store.append(conn, "big", 0, [noted(note="\x01" * 150_000)])
        assert refused.value.status == 413 and refused.value.code == "payload_too_large"
        assert "other.ThingNoted.v1" in refused.value.detail
        assert f"at most {DEFAULT_MAX_EVENT_BYTES}" in refused.value.detail
        assert conn.execute("SELECT count(*) AS n FROM events").fetchone()["n"] == 0
        store.append(conn, "big", 0, [noted(note="a" * 150_000)])  # 150 kB as JSON: fine


def test_the_size_refused_at_append_is_the_size_the_relay_sends(sample_env):
    texts = ["plain", "\x01\x1f\x7f", 'quote " and \\ backslash', "baris\nbaru\ttab",
             "emoji 😀 漢字", "x" * 5000]
    with sample_env.connect(autocommit=True) as conn:
        stored = [e for i, t in enumerate(texts)
                  for e in store.append(conn, f"size-{i}", 0, [noted(note=t)])]
        producer = producer_for(sample_env.bootstrap)
        relay, cursor, deadline = (Relay(sample_env.url, producer, sample_env.events_topic,
                                         SAMPLE.source, name="sample-relay"), Cursor(),
                                   time.monotonic() + 20)
        try:  # transactions of other databases on the server may hold the horizon a while
            while relay.published < len(texts) and time.monotonic() < deadline:
                relay.publish_batch(conn, cursor)
                time.sleep(0.05)
        finally:
            producer.close()
    records = read_topic(sample_env.bootstrap, sample_env.events_topic, at_least=len(texts))
    sent = {dict(r.headers)["ce_id"].decode(): record_bytes(r.key, r.value, r.headers)
            for r in records}
    assert {str(e.id): record_size(e) for e in stored} == sent
