"""The consumer runner on the real PostgreSQL and Kafka: once-only effects, dead letters, restarts."""
from __future__ import annotations

import json
import threading
import time
import uuid

import pytest

from shared.consumer import ConsumerRunner
from shared.db import BY_KEY, Statistics
from shared.clients import consumer_for
from shared.envelope import to_record
from shared.eventstore import ConcurrencyError
from tests.support.kafka import publish, publish_raw, read_topic
from tests.support.sample import noted_event

NIPS = [f"19850505201001{n:04d}" for n in range(8)]


def notes(env) -> dict[str, int]:
    with env.connect() as conn:
        return {r["nip"]: r["notes"] for r in conn.execute("SELECT nip, notes FROM sample_notes")}


def test_the_same_records_delivered_again_have_no_second_effect(sample_env, runner_for):
    events = [noted_event(NIPS[i % 4]) for i in range(40)]
    publish(sample_env.bootstrap, sample_env.other_topic, events)
    runner = runner_for()
    first = runner.process(read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=40))
    again = runner.process(read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=40))
    assert (first.applied, again.applied, again.duplicates) == (40, 0, 40)
    assert notes(sample_env) == {nip: 10 for nip in NIPS[:4]}


def test_an_event_republished_at_a_new_offset_is_applied_once(sample_env, runner_for):
    event = noted_event(NIPS[0])
    publish(sample_env.bootstrap, sample_env.other_topic, [event, event])  # the relay re-sent it
    result = runner_for().process(read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=2))
    assert (result.applied, result.duplicates) == (1, 1)
    assert notes(sample_env) == {NIPS[0]: 1}


def test_poison_records_are_dead_lettered_with_a_reason_and_the_partition_goes_on(sample_env, runner_for):
    nip = NIPS[5].encode()  # every record below has this key: one partition, in this order
    topic, bootstrap = sample_env.other_topic, sample_env.bootstrap
    publish(bootstrap, topic, [noted_event(NIPS[5])])
    publish_raw(bootstrap, topic, nip, b"not json at all", [])
    publish_raw(bootstrap, topic, nip, b"{}", [("ce_specversion", b"1.0"), ("ce_id", str(uuid.uuid4()).encode()),
                                             ("ce_type", b"other.Unheard.v1"), ("ce_source", b"/x")])
    publish_raw(bootstrap, topic, nip, b'{"nip": 5}', [("ce_specversion", b"1.0"), ("ce_id", str(uuid.uuid4()).encode()),
                                                      ("ce_type", b"other.ThingNoted.v1"), ("ce_source", b"/x")])
    publish(bootstrap, topic, [noted_event(NIPS[5], "reject"), noted_event(NIPS[5])])
    result = runner_for().process(read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=6))
    assert (result.applied, result.dead_lettered) == (2, 4)
    assert notes(sample_env) == {NIPS[5]: 2}
    dead = read_topic(bootstrap, sample_env.dlq_topic, at_least=4)
    reasons = [dict(r.headers)["dlq_reason"].decode() for r in dead]
    assert "not a CloudEvent: missing ce_id, ce_type, ce_source, ce_specversion" in reasons
    assert "unknown event type 'other.Unheard.v1'" in reasons
    assert any(r.startswith("other.ThingNoted.v1 data does not fit its schema") for r in reasons)
    assert "unprocessable: notes saying 'reject' cannot be applied" in reasons
    assert {dict(r.headers)["dlq_offset"] for r in dead} == {b"1", b"2", b"3", b"4"}
    with sample_env.connect() as conn:
        offsets = conn.execute("SELECT last_offset FROM consumer_offsets").fetchall()
    assert [o["last_offset"] for o in offsets] == [5]


def test_a_running_consumer_resumes_from_the_database_after_a_restart(sample_env, runner_for):
    topic = sample_env.other_topic
    publish(sample_env.bootstrap, topic, [noted_event(NIPS[i % 8]) for i in range(30)])

    def run_until(applied: int, runner: ConsumerRunner) -> None:
        consumer = consumer_for(sample_env.bootstrap, f"g-{uuid.uuid4().hex[:6]}")
        stop = threading.Event()
        thread = threading.Thread(target=runner.run, args=(consumer, [topic], stop))
        thread.start()
        deadline = time.monotonic() + 30
        while runner.totals.applied < applied and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()
        thread.join(10)
        consumer.close()

    run_until(30, runner_for())
    publish(sample_env.bootstrap, topic, [noted_event(NIPS[0]) for _ in range(5)])
    # A new group (its Kafka offsets at zero) must still start where the database says.
    second = runner_for()
    run_until(5, second)
    assert (second.totals.applied, second.totals.duplicates) == (5, 0)
    assert sum(notes(sample_env).values()) == 35


def test_a_running_consumer_analyzes_its_tables_as_they_grow(sample_env, runner_for):
    """Statements planned on a period's empty tables must not outlive their growth when
    autovacuum is late (shared.db.Statistics, as the services' consumers run it)."""
    topic = sample_env.other_topic
    publish(sample_env.bootstrap, topic, [noted_event(NIPS[i % 8]) for i in range(30)])
    runner = runner_for()
    consumer = consumer_for(sample_env.bootstrap, f"g-{uuid.uuid4().hex[:6]}")
    stop = threading.Event()
    statistics = Statistics(runner.conn, "public", skip=BY_KEY, every=0.0)  # as live, often
    thread = threading.Thread(target=runner.run, args=(consumer, [topic], stop, statistics))
    thread.start()
    deadline = time.monotonic() + 30
    while runner.totals.applied < 30 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(10)
    consumer.close()
    with sample_env.connect() as conn:
        analyzed = {r["relname"] for r in conn.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")}
    assert "sample_notes" in analyzed and not analyzed & set(BY_KEY)


def test_copies_of_a_consumer_on_different_partitions_do_not_wait_for_each_other(sample_env, runner_for):
    from kafka import KafkaProducer

    from shared.envelope import to_record
    producer = KafkaProducer(bootstrap_servers=sample_env.bootstrap, acks="all")
    for partition in (0, 1):
        key, value, headers = to_record(noted_event(NIPS[partition]))
        producer.send(sample_env.other_topic, key=key, value=value, headers=headers,
                      partition=partition)
    producer.flush()
    producer.close()
    records = read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=2)
    runner = runner_for()
    runner.process([r for r in records if r.partition == 0])  # partition 0 now has an offset row
    with sample_env.connect() as other_copy:
        other_copy.execute("SELECT * FROM consumer_offsets WHERE partition = 0 FOR UPDATE")
        runner.conn.execute("SET lock_timeout = '2s'")
        result = runner.process([r for r in records if r.partition == 1])  # must not wait
        other_copy.rollback()
    assert result.applied == 1


def test_a_reactors_decision_is_recorded_once_with_its_cause(sample_env, runner_for):
    cause = noted_event(NIPS[6], "record:7")
    publish(sample_env.bootstrap, sample_env.other_topic, [cause, cause])  # republished as well
    runner = runner_for()
    for _ in range(2):  # and delivered again
        runner.process(read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=2))
    with sample_env.connect() as conn:
        events = conn.execute("SELECT subject, data, metadata FROM events").fetchall()
        totals = conn.execute("SELECT nip, total FROM sample_totals").fetchall()
    assert [(e["subject"], e["data"]["amount"]) for e in events] == [(NIPS[6], 7)]
    assert events[0]["metadata"] == {"actor": "sample-consumer", "causationid": str(cause.id),
                                     "correlationid": str(cause.id)}
    assert [(t["nip"], t["total"]) for t in totals] == [(NIPS[6], 7)], "projected in the same transaction"


def test_decisions_of_a_large_batch_are_written_together_in_their_order(sample_env, runner_for):
    causes = [noted_event(NIPS[i % 8], f"record:{i}") for i in range(1200)]  # over one INSERT's rows
    publish(sample_env.bootstrap, sample_env.other_topic, causes)
    records = read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=1200)
    result = runner_for().process(records)
    with sample_env.connect() as conn:
        stored = conn.execute("SELECT data FROM events ORDER BY position").fetchall()
        totals = {r["nip"]: r["total"] for r in conn.execute("SELECT nip, total FROM sample_totals")}
    assert result.applied == 1200
    assert [e["data"]["amount"] for e in stored] == [
        int(json.loads(r.value)["note"].split(":")[1]) for r in records]
    assert totals == {nip: sum(range(n, 1200, 8)) for n, nip in enumerate(NIPS)}


def test_a_decision_on_a_stream_that_moved_on_stops_the_batch_with_nothing_written(sample_env, runner_for):
    publish(sample_env.bootstrap, sample_env.other_topic,
            [noted_event(NIPS[0], "clash:1"), noted_event(NIPS[0], "clash:2")])
    runner = runner_for()
    with pytest.raises(ConcurrencyError):
        runner.process(read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=2))
    with sample_env.connect() as conn:
        assert conn.execute("SELECT count(*) AS n FROM events").fetchone()["n"] == 0
        assert conn.execute("SELECT count(*) AS n FROM consumer_offsets").fetchone()["n"] == 0


def _near_limit_value(key: bytes, headers: list, limit: int = 1024 * 1024) -> bytes:
    """A JSON value making the record as large as the producer accepts (within a few bytes)."""
    from kafka.record.default_records import DefaultRecordBatchBuilder
    shell = b'{"nip": 5, "note": "%s"}'
    overhead = DefaultRecordBatchBuilder.estimate_size_in_bytes(key, shell % b"", headers)
    return shell % (b"a" * (limit - overhead - 8))


def test_a_record_too_large_to_dead_letter_whole_is_dead_lettered_bounded(sample_env, runner_for):
    """A near-1 MB poison record plus dlq_* headers would exceed the producer's limit: the copy is
    cut to fit, says so, keeps the original headers and coordinates, and the batch goes on."""
    topic, bootstrap = sample_env.other_topic, sample_env.bootstrap
    headers = [("ce_specversion", b"1.0"), ("ce_id", str(uuid.uuid4()).encode()),
               ("ce_type", b"other.ThingNoted.v1"), ("ce_source", b"/x")]
    key = NIPS[7].encode()
    huge = _near_limit_value(key, headers)
    publish_raw(bootstrap, topic, key, huge, headers)
    publish(bootstrap, topic, [noted_event(NIPS[i]) for i in range(4)])  # other partitions too
    records = read_topic(bootstrap, topic, at_least=5)
    assert len({r.partition for r in records}) > 1
    result = runner_for().process(records)
    assert (result.applied, result.dead_lettered) == (4, 1)
    assert sum(notes(sample_env).values()) == 4
    [dead] = read_topic(bootstrap, sample_env.dlq_topic, at_least=1)
    got = dict(dead.headers)
    original = next(r for r in records if r.value == huge)
    assert all(got[name] == value for name, value in headers), "the original headers are kept"
    assert (got["dlq_topic"], got["dlq_partition"], got["dlq_offset"]) == (
        topic.encode(), str(original.partition).encode(), str(original.offset).encode())
    assert got["dlq_value_truncated"] == str(len(huge)).encode()
    assert len(dead.value) < len(huge) and huge.startswith(dead.value)
    assert got["dlq_reason"].decode().startswith("other.ThingNoted.v1 data does not fit")


def test_text_the_database_cannot_hold_is_dead_lettered_not_a_crash(sample_env, runner_for):
    """U+0000 fails the schema (undecodable); a value the database refuses (a DataError) can
    never be applied either: both go to the dead letters with their reason, the rest is applied."""
    topic, bootstrap = sample_env.other_topic, sample_env.bootstrap
    nul = noted_event(NIPS[3])
    key, _, headers = to_record(nul)
    publish_raw(bootstrap, topic, key, b'{"nip": "%s", "note": "a\\u0000b"}' % key, headers)
    publish(bootstrap, topic, [noted_event(NIPS[3], "number:twelve"), noted_event(NIPS[3])])
    result = runner_for().process(read_topic(bootstrap, topic, at_least=3))
    assert (result.applied, result.dead_lettered) == (1, 2)
    assert notes(sample_env) == {NIPS[3]: 1}
    reasons = sorted(dict(r.headers)["dlq_reason"].decode()
                     for r in read_topic(bootstrap, sample_env.dlq_topic, at_least=2))
    assert reasons[0].startswith("other.ThingNoted.v1 data does not fit its schema: data.note")
    assert reasons[1].startswith("unprocessable: the database refused the data: ")


def test_a_dead_lettered_event_sent_again_after_a_fix_is_applied_once(sample_env, runner_for):
    """A dead letter was not applied: the same event re-driven later (same ce_id, new offset) is
    applied, once, rather than taken for a duplicate."""
    topic = sample_env.other_topic
    event = noted_event(NIPS[6], "reject")
    publish(sample_env.bootstrap, topic, [event])
    runner = runner_for()
    assert runner.process(read_topic(sample_env.bootstrap, topic, at_least=1)).dead_lettered == 1
    runner.handlers = {**runner.handlers, "other.ThingNoted.v1": lambda conn, e: conn.execute(
        "INSERT INTO sample_notes (nip, notes) VALUES (%s, 1)", (e.subject,))}  # the fix
    publish(sample_env.bootstrap, topic, [event, event])  # re-driven twice
    result = runner.process(read_topic(sample_env.bootstrap, topic, at_least=3))
    assert (result.applied, result.duplicates) == (1, 2)
    assert notes(sample_env) == {NIPS[6]: 1}
