"""The four timed measurements of ``bench.backbone``; each returns seconds and checks its result."""
from __future__ import annotations

import threading
import time
from typing import Callable

import psycopg
from kafka import ConsumerRebalanceListener, TopicPartition
from psycopg.rows import dict_row

from bench.workload import REGISTRY, SERVICE, BenchEnv
from shared.consumer import ConsumerRunner
from shared.clients import consumer_for
from shared.clients import producer_for
from shared.relay import Relay


class Background:
    """Runs ``target(stop)`` in a daemon thread; ``wait_until`` re-raises the error that ended it."""

    def __init__(self, target: Callable[[threading.Event], None], name: str) -> None:
        self.stop, self.error, self.name = threading.Event(), None, name
        self.thread = threading.Thread(target=self._run, args=(target,), name=name, daemon=True)

    def _run(self, target) -> None:
        try:
            target(self.stop)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            self.error = exc

    def __enter__(self) -> "Background":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(15)

    def wait_until(self, condition: Callable[[], bool], timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.error is not None:
                raise RuntimeError(f"{self.name} failed: {self.error!r}") from self.error
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} stopped or timed out before it finished")
            time.sleep(0.005)


def time_raw_producer(env: BenchEnv, topic: str, records: list) -> float:
    """Seconds to send ``records`` and flush, with the relay's producer settings."""
    producer = producer_for(env.bootstrap, env.settings.producer, client_id="bench-raw-producer")
    try:
        start = time.perf_counter()
        futures = [producer.send(topic, key=k, value=v, headers=h) for k, v, h in records]
        producer.flush()
        elapsed = time.perf_counter() - start
        for future in futures:
            future.get(timeout=0)  # every send succeeded
        return elapsed
    finally:
        producer.close(timeout=10)


def time_relay(env: BenchEnv, topic: str, n: int) -> float:
    """Seconds from starting ``Relay.run`` until it has published ``n`` events."""
    producer = producer_for(env.bootstrap, env.settings.producer, client_id="bench-relay")
    relay = Relay(env.url, producer, topic, SERVICE.source, name="bench-relay", poll_interval=0.2,
                  batch_size=env.settings.producer.relay_batch)
    try:
        start = time.perf_counter()
        with Background(relay.run, "relay") as running:
            running.wait_until(lambda: relay.published >= n)
            return time.perf_counter() - start
    finally:
        producer.close(timeout=10)


def time_raw_consumer(env: BenchEnv, topic: str, n: int) -> float:
    """Seconds for a KafkaConsumer set up like the runner's to read the ``n`` records of ``topic``."""
    consumer = consumer_for(env.bootstrap, None, client_id="bench-raw-consumer")
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        consumer.assign(parts)
        stored = sum(consumer.end_offsets(parts).values())
        if stored != n:
            raise RuntimeError(f"{topic} holds {stored} records, expected {n}")
        consumer.seek_to_beginning(*parts)
        start, seen, deadline = time.perf_counter(), 0, time.monotonic() + 300
        while seen < n and time.monotonic() < deadline:
            seen += sum(len(batch) for batch in consumer.poll(timeout_ms=500).values())
        elapsed = time.perf_counter() - start
        if seen != n:
            raise RuntimeError(f"read {seen} records of {topic}, expected {n}")
        return elapsed
    finally:
        consumer.close(autocommit=False)


class _NoteAssignment(ConsumerRebalanceListener):
    """Wraps the runner's listener and notes when the group first assigned partitions."""

    def __init__(self, inner: ConsumerRebalanceListener) -> None:
        self.inner, self.assigned_at = inner, None

    def on_partitions_revoked(self, revoked) -> None:
        self.inner.on_partitions_revoked(revoked)

    def on_partitions_assigned(self, assigned) -> None:
        if self.assigned_at is None:
            self.assigned_at = time.perf_counter()
        self.inner.on_partitions_assigned(assigned)


class TimedConsumer:
    """A group KafkaConsumer (everything delegated) whose ``assigned_at`` starts the runner's clock."""

    def __init__(self, consumer) -> None:
        self.consumer, self.listener = consumer, None

    def __getattr__(self, name: str):
        return getattr(self.consumer, name)

    def subscribe(self, topics: list[str], listener: ConsumerRebalanceListener) -> None:
        self.listener = _NoteAssignment(listener)
        self.consumer.subscribe(topics, listener=self.listener)


def time_runner(env: BenchEnv, topic: str, n: int, kept: bool = True) -> float:
    """Seconds for ``ConsumerRunner.run`` to apply ``n`` records, from the group's assignment on.

    ``kept``: the runner as the services build it (``apply``: the handlers kept on the fast path
    and applied by the batch handler, a statement per run of events); otherwise the handler is
    called per event. Each starts from nothing applied (offsets, event ids, counter)."""
    with psycopg.connect(env.url, row_factory=dict_row) as conn:
        conn.execute("UPDATE bench_counter SET n = 0, last_nip = NULL")
        for table in ("consumer_offsets", "processed_events", "parked_events"):
            conn.execute(f"DELETE FROM {table}")
        conn.commit()
        elapsed = _run_runner(env, conn, topic, n, kept)
        counted = conn.execute("SELECT n FROM bench_counter").fetchone()["n"]
    if counted != n:
        raise RuntimeError(f"the projection counted {counted} events, expected {n}")
    return elapsed


def _run_runner(env: BenchEnv, conn: psycopg.Connection, topic: str, n: int,
                kept: bool) -> float:
    dlq = producer_for(env.bootstrap, client_id="bench-dlq")
    consumer = TimedConsumer(consumer_for(env.bootstrap, SERVICE.consumer_name,
                                          client_id="bench-runner"))
    runner = ConsumerRunner(conn, name=SERVICE.consumer_name, handlers=SERVICE.handlers,
                            dlq_producer=dlq, dlq_topic=SERVICE.dlq_topic(env.settings),
                            registry=REGISTRY, apply=SERVICE.apply_kept if kept else None)
    try:
        with Background(lambda stop: runner.run(consumer, [topic], stop), "runner") as running:
            running.wait_until(lambda: runner.totals.applied >= n)
            elapsed = time.perf_counter() - consumer.listener.assigned_at
        if runner.totals.applied != n or runner.totals.dead_lettered:
            raise RuntimeError(f"the runner ended with {runner.totals}, expected {n} applied")
        return elapsed
    finally:
        consumer.close(autocommit=False)
        dlq.close(timeout=10)
