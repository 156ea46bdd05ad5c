"""The relay on the real PostgreSQL and Kafka: complete, ordered, at least once, crash-safe."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from contextlib import contextmanager

import psycopg

from shared.envelope import from_record
from shared.clients import producer_for
from shared.relay import Relay
from tests.support.kafka import read_topic
from tests.support.sample import REGISTRY, SAMPLE, recorded

store = SAMPLE.event_store()
NIPS = [f"19900101202012{n:04d}" for n in range(12)]


@contextmanager
def running_relay(env, poll_interval: float = 0.2):
    running = RelayThread(env, poll_interval)
    try:
        yield running.relay
    finally:
        running.stop()


def append_many(env, streams: int, per_stream: int) -> list:
    """Interleaved appends to several streams, one transaction per event; returns them in order."""
    appended = []
    with env.connect(autocommit=True) as conn:
        for v in range(per_stream):
            for s in range(streams):
                nip = NIPS[s % len(NIPS)]
                appended += store.append(conn, f"stream-{s}", v, [recorded(nip, amount=v)])
    return appended


def decoded(records):
    return [from_record(r.headers, r.value, REGISTRY) for r in records]


def wait_for(condition, timeout=30.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def assert_complete_and_ordered(appended, records):
    events = decoded(records)
    first_seen = {}
    for event in events:
        first_seen.setdefault(event.id, event)
    assert set(first_seen) == {e.id for e in appended}, "every appended event reaches Kafka"
    by_stream = defaultdict(list)
    for r, e in zip(records, events):
        by_stream[(r.partition, e.stream_id)].append(e.version)
    for key, versions in by_stream.items():
        seen = []
        for v in versions:  # a re-sent tail may repeat versions, but never out of order
            if v > (seen[-1] if seen else 0):
                assert v == (seen[-1] if seen else 0) + 1, f"{key} skipped from {seen[-1:]} to {v}"
                seen.append(v)
        assert seen == sorted(seen)


def test_every_event_reaches_kafka_once_in_stream_order_with_cloudevents_headers(sample_env):
    appended = append_many(sample_env, streams=6, per_stream=50)
    with running_relay(sample_env) as relay:
        assert wait_for(lambda: relay.published == len(appended))
    records = read_topic(sample_env.bootstrap, sample_env.events_topic, at_least=len(appended))
    assert len(records) == len(appended)
    assert_complete_and_ordered(appended, records)
    first = records[0]
    headers = dict(first.headers)
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_source"] == b"/asn/sample"
    assert headers["ce_type"] == b"sample.ThingRecorded.v1"
    assert headers["content-type"] == b"application/json"
    assert first.key == headers["ce_subject"]
    by_key = defaultdict(set)
    for r in records:
        by_key[r.key].add(r.partition)
    assert all(len(parts) == 1 for parts in by_key.values()), "one NIP, one partition"


def test_relay_is_woken_by_notify_not_by_polling(sample_env):
    # With a 60 s poll interval, only the NOTIFY sent at commit can make the event leave in time.
    with running_relay(sample_env, poll_interval=60) as relay:
        time.sleep(0.5)  # let it reach its wait
        with sample_env.connect(autocommit=True) as conn:
            store.append(conn, "prompt", 0, [recorded()])
        assert wait_for(lambda: relay.published == 1, timeout=10, interval=0.001)


def test_a_transaction_that_commits_late_is_not_skipped(sample_env):
    with sample_env.connect() as early, sample_env.connect() as late_tx, running_relay(sample_env) as relay:
        # late_tx appends first (lower position) but commits last
        late = store.append(late_tx, "late", 0, [recorded(NIPS[0], amount=1)])
        early_events = store.append(early, "early", 0, [recorded(NIPS[1], amount=2)])
        early.commit()
        time.sleep(0.5)
        assert relay.published == 0, "nothing may pass an open older transaction"
        late_tx.commit()
        assert wait_for(lambda: relay.published == 2)
    ids = [e.id for e in decoded(read_topic(sample_env.bootstrap, sample_env.events_topic, at_least=2))]
    assert sorted(ids) == sorted([late[0].id, early_events[0].id])


def test_an_older_transaction_that_commits_after_a_younger_one_was_published(sample_env):
    with sample_env.connect() as older, sample_env.connect() as younger, running_relay(sample_env) as relay:
        younger.execute("SELECT pg_current_xact_id()")  # the younger id is taken first ...
        first = store.append(older, "a", 0, [recorded(NIPS[0])])  # ... so this one is newer
        store.append(younger, "b", 0, [recorded(NIPS[1])])
        younger.commit()
        assert wait_for(lambda: relay.published == 1)
        older.commit()
        assert wait_for(lambda: relay.published == 2)
    ids = {e.id for e in decoded(read_topic(sample_env.bootstrap, sample_env.events_topic, at_least=2))}
    assert first[0].id in ids


def test_relay_killed_mid_stream_resumes_and_loses_nothing(sample_env):
    appended = append_many(sample_env, streams=12, per_stream=250)  # 3000 events
    command = [sys.executable, "-m", "tests.support.relay_main", sample_env.url,
               sample_env.events_topic, "--bootstrap", sample_env.bootstrap, "--batch-size", "50"]
    cwd = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

    def cursor():
        with sample_env.connect(autocommit=True) as conn:
            row = conn.execute("SELECT position FROM relay_cursor").fetchone()
            return row["position"] if row else 0

    first = subprocess.Popen(command, cwd=cwd, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: cursor() > 300, interval=0.01)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    killed_at = cursor()
    assert 0 < killed_at < len(appended), "the kill landed mid-stream"
    second = subprocess.Popen(command, cwd=cwd, stderr=subprocess.DEVNULL)
    try:
        more = [e for s in range(12) for e in store_one(sample_env, s, version=250)]  # keep writing
        assert wait_for(lambda: cursor() == max_position(sample_env), timeout=60)
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(15) == 0, "SIGTERM stops the relay cleanly"
    everything = appended + more
    records = read_topic(sample_env.bootstrap, sample_env.events_topic, at_least=len(everything))
    assert_complete_and_ordered(everything, records)




def max_position(env) -> int:
    with env.connect(autocommit=True) as conn:
        return conn.execute("SELECT max(position) AS p FROM events").fetchone()["p"]


def test_a_second_relay_waits_as_standby_and_takes_over(sample_env):
    appended = append_many(sample_env, streams=3, per_stream=20)
    a, b = RelayThread(sample_env), RelayThread(sample_env)
    try:
        assert wait_for(lambda: a.relay.published + b.relay.published == len(appended))
        time.sleep(0.5)
        leader, standby = (a, b) if a.relay.published else (b, a)
        assert standby.relay.published == 0, "only the lock holder publishes"
        leader.stop()  # its session ends, the advisory lock is released
        more = [e for s in range(3) for e in store_one(sample_env, s, version=20)]
        assert wait_for(lambda: standby.relay.published == len(more))
    finally:
        a.stop()
        b.stop()
    records = read_topic(sample_env.bootstrap, sample_env.events_topic, at_least=len(appended + more))
    assert len(records) == len(appended + more), "the standby resumed from the shared cursor"
    assert_complete_and_ordered(appended + more, records)


class RelayThread:
    """A relay running in a thread until stopped."""

    def __init__(self, env, poll_interval: float = 0.2, stuck_retry: float = 10.0) -> None:
        self.producer = producer_for(env.bootstrap)
        self.relay = Relay(env.url, self.producer, env.events_topic, SAMPLE.source,
                           name="sample-relay", poll_interval=poll_interval,
                           stuck_retry=stuck_retry)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.relay.run, args=(self.stopping,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if not self.stopping.is_set():
            self.stopping.set()
            self.thread.join(10)
            self.producer.close()


def store_one(env, stream: int, version: int) -> list:
    with env.connect(autocommit=True) as conn:
        return store.append(conn, f"stream-{stream}", version, [recorded(NIPS[stream])])


def test_events_behind_an_open_transaction_without_events_leave_once_it_ends(sample_env):
    # The older transaction writes no events, so its end sends no NOTIFY; with a 60 s poll
    # interval only the relay's own look-again can publish the waiting event in time.
    with sample_env.connect() as oldest, sample_env.connect() as older, \
            running_relay(sample_env, poll_interval=60) as relay:
        oldest.execute("SELECT pg_current_xact_id()")
        older.execute("SELECT pg_current_xact_id()")  # holds the horizon, writes no events
        store.append(oldest, "first", 0, [recorded()])
        with sample_env.connect(autocommit=True) as conn:
            store.append(conn, "behind", 0, [recorded()])
        oldest.commit()  # its NOTIFY wakes the relay: "first" leaves, "behind" must wait
        assert wait_for(lambda: relay.published == 1, timeout=10)
        time.sleep(0.3)
        assert relay.published == 1
        older.commit()
        assert wait_for(lambda: relay.published == 2, timeout=10)


def test_a_transaction_left_open_in_another_database_holds_nothing_here(sample_env):
    # The horizon is this database's: a writing transaction open in another database of the
    # cluster (which holds the cluster's xmin) cannot write this events table.
    with psycopg.connect(sample_env.settings.server_url()) as elsewhere, \
            running_relay(sample_env) as relay:
        elsewhere.execute("SELECT pg_current_xact_id()")
        store_one(sample_env, 0, 0)
        assert wait_for(lambda: relay.published == 1, timeout=10)
        elsewhere.rollback()


def test_events_waiting_long_behind_an_open_transaction_name_it_in_a_warning(sample_env, caplog,
                                                                          monkeypatch):
    monkeypatch.setattr("shared.relay.HOLD_WARNING", 0.3)
    with sample_env.connect() as holder, running_relay(sample_env) as relay:
        holder.execute("SET application_name = 'left-open'")
        holder.execute("SELECT pg_current_xact_id()")  # writes nothing, holds the horizon
        store_one(sample_env, 0, 0)
        assert wait_for(lambda: any("left-open" in r.getMessage() for r in caplog.records
                                    if r.levelname == "WARNING"), timeout=10)
        assert relay.published == 0
        holder.commit()
        assert wait_for(lambda: relay.published == 1, timeout=10)


def test_an_event_that_cannot_be_sent_holds_the_relay_loudly_until_it_can(sample_env):
    """A row too large for Kafka (written before the store checked sizes): the relay publishes
    what is before it, then says it is stuck (metric, cursor row, lag) and keeps the order."""
    from prometheus_client import REGISTRY as METRICS

    from shared.lag import service_lag
    before = store_one(sample_env, 0, version=0)
    with sample_env.connect(autocommit=True) as conn:
        big = conn.execute(
            "INSERT INTO events (event_id, stream_id, version, type, subject, data)"
            " VALUES (gen_random_uuid(), 'big', 1, 'other.ThingNoted.v1', %s,"
            " jsonb_build_object('nip', %s::text, 'note', repeat('a', 1100000)))"
            " RETURNING event_id", (NIPS[0], NIPS[0])).fetchone()["event_id"]
    after = store_one(sample_env, 0, version=1)
    running = RelayThread(sample_env, stuck_retry=0.3)
    try:
        assert wait_for(lambda: running.relay.stuck is not None, timeout=20)
        assert running.relay.published == 1
        assert METRICS.get_sample_value("asn_relay_stuck", {"service": "sample"}) == 1
        with sample_env.connect() as conn:
            stuck = conn.execute("SELECT stuck FROM relay_cursor").fetchone()["stuck"]
        assert str(big) in stuck and "MessageSizeTooLarge" in stuck
        lag = service_lag(SAMPLE, sample_env.settings)
        assert lag.relay_stuck == stuck and not lag.caught_up
        time.sleep(1)
        assert running.relay.published == 1 and running.thread.is_alive(), "waits, in order"
        with sample_env.connect(autocommit=True) as conn:  # an operator shortens the row
            conn.execute("UPDATE events SET data = jsonb_set(data, '{note}', '\"cut\"')"
                         " WHERE event_id = %s", (big,))
        assert wait_for(lambda: running.relay.published == 3 and running.relay.stuck is None,
                        timeout=20)
        assert METRICS.get_sample_value("asn_relay_stuck", {"service": "sample"}) == 0
        assert service_lag(SAMPLE, sample_env.settings).relay_stuck is None
    finally:
        running.stop()
    ids = [e.id for e in decoded(read_topic(sample_env.bootstrap, sample_env.events_topic,
                                            at_least=3))]
    assert ids == [before[0].id, big, after[0].id]
