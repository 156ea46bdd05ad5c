"""The consumer runner: applies records once, tracks offsets in the same transaction, dead-letters poison.

For each polled batch, one database transaction applies the handlers and records every
(topic, partition, offset) and event id it saw. A redelivered record (same offset) or a republished
event (same ce_id at a new offset) has no second effect. Kafka offsets are committed only after the
database commit, and on assignment the consumer seeks to what the database says. Records that cannot
be decoded or applied go to the dead-letter topic with the reason in headers; any other error stops
the runner with nothing committed.
"""
from __future__ import annotations

import logging
import threading
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping

import psycopg
from psycopg.types.json import Jsonb
from kafka import ConsumerRebalanceListener, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.structs import OffsetAndMetadata

from shared.config import DEFAULT_MAX_EVENT_BYTES
from shared.db import set_search_path
from shared.deadletter import send_dead_letters
from shared.envelope import Event, PoisonRecord, from_record
from shared.events import Registry
from shared.metrics import (CONSUMER_LAG, RECORDS_APPLIED, RECORDS_CONSUMED,
                            RECORDS_DEAD_LETTERED, RECORDS_DUPLICATE, RECORDS_PARKED,
                            RECORDS_RELEASED, report_ready)
from shared.prerequisites import DEAD, NONE, Prerequisites

log = logging.getLogger(__name__)
Handler = Callable[[psycopg.Connection, Event], None]


class UnprocessableEvent(Exception):
    """A well-formed event this service cannot apply (a broken invariant); it is dead-lettered."""


class _Isolate(Exception):
    """Raised on the fast path when a record fails (or its pipeline reports a database error):
    redo the batch without a pipeline and with a savepoint per record."""


@dataclass
class BatchResult:
    applied: int = 0
    duplicates: int = 0
    dead_lettered: int = 0
    parked: int = 0    # waiting for what they need (shared/prerequisites.py)
    released: int = 0  # parked earlier, applied in this batch

    @property
    def settled(self) -> int:
        """Records applied, at once or once what they waited for came."""
        return self.applied + self.released
    offsets: dict = field(default_factory=dict)  # TopicPartition -> last offset handled
    dead: list["DeadLettered"] = field(default_factory=list)


@dataclass(frozen=True)
class DeadLettered:
    """Where a dead-lettered record was, and why it could not be applied."""
    topic: str
    partition: int
    offset: int
    reason: str


@dataclass
class _Item:
    record: object
    event: Event | None
    reason: str | None = None
    outcome: str = ""  # applied, duplicate, parked or dead_lettered, once its batch is decided


@dataclass(frozen=True)
class _ParkedRecord:
    """A parked record as it was consumed (the dead-letter copy needs the same attributes)."""
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list


def consumer_for(bootstrap: str, group: str, **overrides) -> KafkaConsumer:
    """A group consumer that never commits by itself; positions come from the database."""
    config = dict(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False,
                  auto_offset_reset="earliest", max_poll_records=2000,
                  fetch_max_bytes=16 * 1024 * 1024, max_partition_fetch_bytes=4 * 1024 * 1024,
                  # A consumer killed without leaving its group holds its partitions until its
                  # session expires: kafka-python's 45 s default stalled a service that long after
                  # a kill -9 (make chaos). Heartbeats come from a background thread, so a long
                  # batch does not end the session.
                  session_timeout_ms=10_000, heartbeat_interval_ms=3_000)
    config.update(overrides)
    return KafkaConsumer(**config)


class ConsumerRunner:
    """Applies ``handlers`` (by ce_type) to records; types without a handler are only marked seen.

    ``reactors`` run after the handler of the same type and may record the service's own events
    (decisions); a replay passes none, since the decisions are already in the events table.
    ``conn`` must return dict rows; ``schema`` redirects the projections (a replay builds elsewhere).
    """

    def __init__(self, conn: psycopg.Connection, *, name: str, handlers: Mapping[str, Handler],
                 dlq_producer: KafkaProducer | None, dlq_topic: str, registry: Registry,
                 schema: str = "public", reactors: Mapping[str, Handler] | None = None,
                 service: str | None = None,
                 max_dead_letter_bytes: int = DEFAULT_MAX_EVENT_BYTES,
                 prerequisites: Prerequisites = NONE) -> None:
        self.conn = conn
        self.name = name
        self.service = service or name  # the metrics' service label
        self.handlers = handlers
        self.reactors = reactors or {}
        self.dlq_producer = dlq_producer
        self.dlq_topic = dlq_topic
        self.registry = registry
        self.schema = schema
        self.max_dead_letter_bytes = max_dead_letter_bytes
        self.prerequisites = prerequisites
        self.totals = BatchResult()
        self._seen = None             # what this batch's events need (shared/prerequisites.py)
        self._waiting: set[str] = set()  # what this consumer's parked events wait for

    def run(self, consumer: KafkaConsumer, topics: list[str], stop: threading.Event) -> None:
        """Subscribe and apply batches until ``stop`` is set; errors propagate with nothing committed."""
        consumer.subscribe(topics, listener=_SeekToDatabase(self, consumer))
        report_ready("dependencies", True)  # the database connected, the consumer bootstrapped
        while not stop.is_set():
            batches = consumer.poll(timeout_ms=500)
            records = [r for part in batches.values() for r in part]
            if records:
                result = self.process(records)
                self._commit_kafka(consumer, result.offsets)
            self._report_lag(consumer)

    def process(self, records: Iterable) -> BatchResult:
        """Apply one batch of records in one transaction and return what happened."""
        items = [self._decode(r) for r in records]
        try:
            result, released = self._transaction(items, isolate=False)
        except _Isolate:
            result, released = self._transaction(items, isolate=True)
        for key in ("applied", "duplicates", "dead_lettered", "parked", "released"):
            setattr(self.totals, key, getattr(self.totals, key) + getattr(result, key))
        self._count(items + released)
        return result

    def _count(self, items: list[_Item]) -> None:
        """The batch's records by topic and outcome, once its transaction has committed."""
        outcomes = {"applied": RECORDS_APPLIED, "duplicate": RECORDS_DUPLICATE,
                    "dead_lettered": RECORDS_DEAD_LETTERED, "parked": RECORDS_PARKED,
                    "released": RECORDS_RELEASED}
        counted = Counter((item.record.topic, item.outcome) for item in items)
        for (topic, outcome), n in counted.items():
            outcomes[outcome].labels(self.service, topic).inc(n)
        polled = Counter(i.record.topic for i in items if not isinstance(i.record, _ParkedRecord))
        for topic, n in polled.items():
            RECORDS_CONSUMED.labels(self.service, topic).inc(n)

    def _report_lag(self, consumer: KafkaConsumer) -> None:
        """End offset minus position per assigned partition, from what the last fetches told.

        ``highwater`` is known only once a fetch for the partition came back; no broker round trip.
        """
        for tp in consumer.assignment():
            end = consumer.highwater(tp)
            position = consumer.position(tp, timeout_ms=0) if end is not None else None
            if position is not None:
                CONSUMER_LAG.labels(self.service, tp.topic, str(tp.partition)).set(
                    max(end - position, 0))

    def stored_offsets(self) -> dict[TopicPartition, int]:
        """The last offset applied per partition, as the database records it."""
        with self.conn.transaction():
            self._scope()
            rows = self.conn.execute(
                "SELECT topic, partition, last_offset FROM consumer_offsets WHERE consumer = %s",
                (self.name,)).fetchall()
        return {TopicPartition(r["topic"], r["partition"]): r["last_offset"] for r in rows}

    def _transaction(self, items: list[_Item], isolate: bool) -> tuple[BatchResult, list[_Item]]:
        """The batch's outcome, and the parked records it released (counted with it)."""
        result = BatchResult()
        with self.conn.transaction():
            self._scope()
            stored = self._lock_offsets({_tp(i.record) for i in items})
            fresh = [i for i in items if i.record.offset > stored.get(_tp(i.record), -1)]
            result.duplicates = len(items) - len(fresh)
            for item in items:
                item.outcome = "duplicate"  # until _apply_new decides otherwise for fresh ones
            self._waiting = self._waited_for()
            dead, released = self._apply_new(fresh, isolate, result)
            for item in items:
                tp = _tp(item.record)
                result.offsets[tp] = max(result.offsets.get(tp, -1), item.record.offset)
            self._save_offsets(result.offsets, stored)
            self._forget([i.event.id for i in dead if i.event is not None])
            self._dead_letter(dead)  # flushed before the commit: a failed send aborts the batch
            result.dead_lettered = len(dead)
            result.dead = [DeadLettered(i.record.topic, i.record.partition, i.record.offset,
                                        i.reason) for i in dead]
        return result, released

    def _apply_new(self, fresh: list[_Item], isolate: bool,
                   result: BatchResult) -> tuple[list[_Item], list[_Item]]:
        """Apply (or park) the records whose event id is new, then what each releases.

        Returns the records to dead-letter and the parked records this batch released.
        """
        self._seen = self.prerequisites.prepare(self.conn, self.name,
                                                [i.event for i in fresh if i.event])
        new_ids = self._mark_processed([i.event.id for i in fresh if i.event])
        dead, released = [], []
        with self._pipelined(not isolate):
            for item in fresh:
                if item.event is not None:
                    if item.event.id not in new_ids:  # seen before, or twice in this batch
                        result.duplicates += 1
                        continue
                    new_ids.remove(item.event.id)
                    item.outcome = self._decide(item, isolate)
                    if item.outcome == "applied":
                        released += self._release(item.event, isolate)
                else:
                    item.outcome = "dead_lettered"
                dead += [item] if item.outcome == "dead_lettered" else []
            dead += [i for i in released if i.outcome == "dead_lettered"]
        for outcome in ("applied", "parked", "dead_lettered"):
            n = sum(1 for i in fresh if i.outcome == outcome)
            setattr(result, outcome, getattr(result, outcome) + n)
        result.released = sum(1 for i in released if i.outcome == "released")
        return dead, released

    def _decide(self, item: _Item, isolate: bool) -> str:
        """Apply one new event (handler, then reactor), park it until what it needs is applied,
        or give the reason to dead-letter it in ``item.reason``; return the outcome."""
        event = item.event
        try:
            with self.conn.transaction() if isolate else nullcontext():
                verdict = self.prerequisites.verdict(self._seen, item.record.topic, event)
                if verdict is not None and verdict.outcome == DEAD:
                    item.reason = f"unprocessable: {verdict.detail}"
                    return "dead_lettered"
                if verdict is not None:
                    self._park(item, verdict.detail)
                    return "parked"
                for step in (self.handlers.get(event.type), self.reactors.get(event.type)):
                    if step is not None:
                        step(self.conn, event)
        except (UnprocessableEvent, psycopg.DataError) as exc:
            if not isolate:
                raise _Isolate() from exc
            # DataError, SQLSTATE class 22: the record's values do not fit the projection's
            # columns (a number out of range, text too long). The same values fail on every
            # retry, so stopping would stall the partition for good; the dead letter keeps record
            # and reason so it can be sent again once the handler is fixed.
            item.reason = (f"unprocessable: {exc}" if isinstance(exc, UnprocessableEvent) else
                           f"unprocessable: the database refused the data: {exc}")
            return "dead_lettered"
        self.prerequisites.note(self._seen, event)
        return "applied"

    def _park(self, item: _Item, waits_for: str) -> None:
        r = item.record
        log.info("%s waits for %s: %s %s (%s[%s]@%s)", self.name, waits_for, item.event.type,
                 item.event.id, r.topic, r.partition, r.offset)
        self.conn.execute(
            "INSERT INTO parked_events (consumer, event_id, waits_for, topic, partition, \"offset\","
            " key, value, headers) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (self.name, item.event.id, waits_for, r.topic, r.partition, r.offset, r.key, r.value,
             Jsonb([[k, v.decode()] for k, v in r.headers or ()])))
        self._waiting.add(waits_for)

    def _release(self, event: Event, isolate: bool) -> list[_Item]:
        """Decide the parked events that ``event`` released, in their partitions' order, and
        those that they release in turn; return them with their outcomes."""
        done: list[_Item] = []
        keys = [k for k in self.prerequisites.released(event) if k in self._waiting]
        while keys:
            self._waiting.difference_update(keys)
            rows = self.conn.execute(
                "DELETE FROM parked_events WHERE consumer = %s AND waits_for = ANY(%s)"
                " RETURNING topic, partition, \"offset\", key, value, headers",
                (self.name, keys)).fetchall()
            keys = []
            for row in sorted(rows, key=lambda r: (r["topic"], r["partition"], r["offset"])):
                record = _ParkedRecord(row["topic"], row["partition"], row["offset"], row["key"],
                                       row["value"], [(k, v.encode()) for k, v in row["headers"]])
                item = self._decode(record)  # it decoded when it was parked: it decodes again
                item.outcome = self._decide(item, isolate)
                if item.outcome == "applied":
                    item.outcome = "released"
                    keys += [k for k in self.prerequisites.released(item.event)
                             if k in self._waiting]
                done.append(item)
        return done

    def _waited_for(self) -> set[str]:
        """What parked events wait for: only an event releasing one of these needs a query."""
        return {r["waits_for"] for r in self.conn.execute(
            "SELECT DISTINCT waits_for FROM parked_events WHERE consumer = %s", (self.name,))}

    @contextmanager
    def _pipelined(self, on: bool) -> Iterator[None]:
        """On the fast path the handlers' statements go out without waiting for each result.

        A database error surfaces later there, so any such error redoes the batch the careful way,
        where every statement waits and the handlers see their errors where they happen.
        """
        if not on:
            yield
            return
        try:
            with self.conn.pipeline():
                yield
        except psycopg.Error as exc:
            raise _Isolate() from exc

    def _decode(self, record) -> _Item:
        try:
            return _Item(record, from_record(record.headers, record.value, self.registry))
        except PoisonRecord as exc:
            return _Item(record, None, str(exc))

    def _scope(self) -> None:
        if self.schema != "public":
            set_search_path(self.conn, self.schema)

    def _lock_offsets(self, partitions: set[TopicPartition]) -> dict[TopicPartition, int]:
        # Only this batch's partitions: copies of the consumer on other partitions never wait.
        rows = self.conn.execute(
            "SELECT topic, partition, last_offset FROM consumer_offsets WHERE consumer = %s"
            " AND (topic, partition) IN (SELECT * FROM unnest(%s::text[], %s::int[])) FOR UPDATE",
            (self.name, [tp.topic for tp in partitions], [tp.partition for tp in partitions])
        ).fetchall()
        return {TopicPartition(r["topic"], r["partition"]): r["last_offset"] for r in rows}

    def _mark_processed(self, ids: list) -> set:
        if not ids:
            return set()
        rows = self.conn.execute(
            "INSERT INTO processed_events (consumer, event_id) SELECT %s, unnest(%s::uuid[])"
            " ON CONFLICT DO NOTHING RETURNING event_id", (self.name, ids)).fetchall()
        return {r["event_id"] for r in rows}

    def _forget(self, ids: list) -> None:
        """A dead-lettered event was not applied: its id must not count as processed, so that the
        same event re-driven from the dead-letter topic (``asn dlq redrive``) is applied once."""
        if ids:
            self.conn.execute("DELETE FROM processed_events WHERE consumer = %s"
                              " AND event_id = ANY(%s::uuid[])", (self.name, ids))

    def _save_offsets(self, offsets: dict, stored: dict) -> None:
        changed = [(self.name, tp.topic, tp.partition, off) for tp, off in offsets.items()
                   if off > stored.get(tp, -1)]
        if changed:
            with self.conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO consumer_offsets (consumer, topic, partition, last_offset)"
                    " VALUES (%s, %s, %s, %s) ON CONFLICT (consumer, topic, partition)"
                    " DO UPDATE SET last_offset = EXCLUDED.last_offset", changed)

    def _dead_letter(self, items: list[_Item]) -> None:
        send_dead_letters(self.dlq_producer, self.dlq_topic, [(i.record, i.reason) for i in items],
                          consumer=self.name, limit=self.max_dead_letter_bytes)

    def _commit_kafka(self, consumer: KafkaConsumer, offsets: dict) -> None:
        # Informational (lag tools read it); the database stays the source of truth.
        try:
            consumer.commit({tp: OffsetAndMetadata(off + 1, "", -1) for tp, off in offsets.items()})
        except Exception as exc:  # noqa: BLE001 - a failed commit loses nothing, say so and go on
            log.warning("Kafka offset commit failed (the database has the offsets): %s", exc)


class _SeekToDatabase(ConsumerRebalanceListener):
    def __init__(self, runner: ConsumerRunner, consumer: KafkaConsumer) -> None:
        self.runner, self.consumer = runner, consumer

    def on_partitions_revoked(self, revoked) -> None:
        pass  # every batch is committed before the next poll: nothing to flush

    def on_partitions_assigned(self, assigned) -> None:
        stored = self.runner.stored_offsets()
        for tp in assigned:
            if tp in stored:
                self.consumer.seek(tp, stored[tp] + 1)
            else:
                self.consumer.seek_to_beginning(tp)


def _tp(record) -> TopicPartition:
    return TopicPartition(record.topic, record.partition)
