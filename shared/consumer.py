"""The consumer runner: applies records once, tracks offsets in the same transaction, dead-letters poison.

For each polled batch, one database transaction applies the handlers and records every (topic,
partition, offset) and event id it saw. A redelivered record (same offset) or a republished event
(same ce_id at a new offset) has no second effect. Kafka offsets are committed only after the
database commit; on assignment the consumer seeks to what the database says. Records that cannot
be decoded or applied are dead-lettered with the reason; any other error stops the runner.
"""
from __future__ import annotations

import threading
import time
from contextlib import nullcontext
from typing import Callable, Iterable, Mapping

import psycopg
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from shared.batch import (BatchResult, DeadLettered, Isolate, Item, collector_paused, count,
                          partition_of, pipelined, report_lag)
from shared.clients import SeekToDatabase, commit_quietly
from shared.batchview import BatchView
from shared.config import DEFAULT_MAX_EVENT_BYTES
from shared.db import Statistics, for_batches
from shared.deadletter import send_dead_letters
from shared.envelope import Event, PoisonRecord, from_record
from shared.events import Registry
from shared.ledger import Ledger
from shared.parking import Parking
from shared.metrics import report_ready
from shared.prerequisites import DEAD, NONE, Prerequisites

Handler = Callable[[psycopg.Connection, Event], None]
Kept = Callable[[psycopg.Connection, list[Event]], None]
SWEEP_EVERY = 5.0  # seconds idle after which a batch of nothing releases what is due


class UnprocessableEvent(Exception):
    """A well-formed event this service cannot apply (a broken invariant); it is dead-lettered."""


class ConsumerRunner:
    """Applies ``handlers`` (by ce_type) to records; types without a handler are only marked seen.

    ``reactors`` run after the handler of the same type and may record the service's own events
    (decisions); a replay passes none, since the decisions are already in the events table.
    ``conn`` must return dict rows; ``schema`` redirects the projections (a replay builds elsewhere).
    """

    def __init__(self, conn: psycopg.Connection, *, name: str, handlers: Mapping[str, Handler],
                 dlq_producer: KafkaProducer | None, dlq_topic: str, registry: Registry,
                 schema: str = "public", reactors: Mapping[str, Handler] | None = None,
                 service: str | None = None, max_dead_letter_bytes: int = DEFAULT_MAX_EVENT_BYTES,
                 prerequisites: Prerequisites = NONE, apply: Kept | None = None) -> None:
        self.conn, self.name, self.ledger = conn, name, Ledger(conn, name)
        self.service = service or name  # the metrics' service label
        self.handlers, self.reactors = handlers, reactors or {}
        self.dlq_producer, self.dlq_topic = dlq_producer, dlq_topic
        self.registry, self.schema, self.prerequisites = registry, schema, prerequisites
        self.max_dead_letter_bytes, self.totals = max_dead_letter_bytes, BatchResult()
        self._seen = None  # what this batch's events need (shared/prerequisites.py)
        self.parking = Parking(self.ledger, prerequisites, name)
        self._view: BatchView | None = None  # the batch on the fast path (shared/batchview.py)
        # ServiceDefinition.apply_kept and the handlers it stands for (one swapped runs at once)
        self.apply, self.kept_handlers = apply, dict(handlers) if apply else {}

    def run(self, consumer: KafkaConsumer, topics: list[str], stop: threading.Event,
            statistics: Statistics | None = None) -> None:
        """Apply batches until ``stop``; errors propagate with nothing committed."""
        consumer.subscribe(topics, listener=SeekToDatabase(self.stored_offsets, consumer))
        report_ready("dependencies", True)  # the database connected, the consumer bootstrapped
        idle_since = time.monotonic()
        while not stop.is_set():
            batches = consumer.poll(timeout_ms=500)
            records = [r for part in batches.values() for r in part]
            if records or time.monotonic() - idle_since > SWEEP_EVERY:
                # An empty batch releases what waits for another copy's work (prerequisites).
                result = self.process(records)
                if result.offsets:
                    commit_quietly(consumer, result.offsets)
                if statistics is not None:  # shared/db.py: plans made on empty tables
                    statistics.applied(self.totals.settled)
                idle_since = time.monotonic()
            report_lag(self.service, consumer)

    def process(self, records: Iterable) -> BatchResult:
        """Apply one batch of records in one transaction and return what happened."""
        with collector_paused():  # the batch's objects live until it ends (shared/batch.py)
            items = [self._decode(r) for r in records]
            try:
                result, released = self._transaction(items, isolate=False)
            except Isolate:
                result, released = self._transaction(items, isolate=True)
        for key in ("applied", "duplicates", "dead_lettered", "parked", "released"):
            setattr(self.totals, key, getattr(self.totals, key) + getattr(result, key))
        count(self.service, items + released)
        return result

    def stored_offsets(self) -> dict[TopicPartition, int]:
        """The last offset applied per partition, as the database records it."""
        with self.conn.transaction():
            self._scope()
            return self.ledger.offsets()

    def _transaction(self, items: list[Item], isolate: bool) -> tuple[BatchResult, list[Item]]:
        """The batch's outcome, and the parked records it released (counted with it)."""
        result = BatchResult()
        self.ledger.behind = None  # what a failed fast path kept went with its transaction
        with self.conn.transaction():
            self._scope()
            stored = self.ledger.lock_offsets({partition_of(i.record) for i in items})
            fresh = [i for i in items if i.record.offset > stored.get(partition_of(i.record), -1)]
            result.duplicates = len(items) - len(fresh)
            for item in items:
                item.outcome = "duplicate"  # until _apply_new decides otherwise for fresh ones
            self.parking.waiting = self.ledger.waited_for()
            dead, released = self._apply_new(fresh, isolate, result)
            for item in items:
                tp = partition_of(item.record)
                result.offsets[tp] = max(result.offsets.get(tp, -1), item.record.offset)
            self.ledger.save_offsets(result.offsets, stored)
            self.ledger.forget([i.event.id for i in dead if i.event is not None])
            self._dead_letter(dead)  # flushed before the commit: a failed send aborts the batch
            result.dead_lettered = len(dead)
            result.dead = [DeadLettered(i.record.topic, i.record.partition, i.record.offset,
                                        i.reason) for i in dead]
        return result, released

    def _apply_new(self, fresh: list[Item], isolate: bool,
                   result: BatchResult) -> tuple[list[Item], list[Item]]:
        """Apply (or park) the records whose event id is new, then what each releases.

        Returns the records to dead-letter and the parked records this batch released.
        """
        self._seen = self.prerequisites.prepare(self.conn, self.name,
                                                [i.event for i in fresh if i.event])
        self.ledger.behind = None if isolate else []  # parks written together on the fast path
        self._seen.write_parked = self.ledger.write_parked
        new_ids = self.ledger.mark_processed([i.event.id for i in fresh if i.event])
        dead = []
        with pipelined(self.conn, not isolate, [i.event for i in fresh if i.event],
                       self.apply) as view:
            self._view = view  # first what waits for what another copy applied meanwhile
            self._seen.conn = self.conn if view is None else view.reader  # reads catch up
            released = self._release(self.parking.due(self._seen), isolate)
            for item in fresh:
                if item.event is not None:
                    if item.event.id not in new_ids:  # seen before, or twice in this batch
                        result.duplicates += 1
                        continue
                    new_ids.remove(item.event.id)
                    item.outcome = self._decide(item, isolate)
                    if item.outcome == "applied":
                        released += self._release(self.parking.released_by(item.event),
                                                  isolate)
                else:
                    item.outcome = "dead_lettered"
                dead += [item] if item.outcome == "dead_lettered" else []
            dead += [i for i in released if i.outcome == "dead_lettered"]
            self.ledger.write_parked()
        self.ledger.behind = None
        for outcome in ("applied", "parked", "dead_lettered"):
            n = sum(1 for i in fresh if i.outcome == outcome)
            setattr(result, outcome, getattr(result, outcome) + n)
        result.released = sum(1 for i in released if i.outcome == "released")
        return dead, released

    def _decide(self, item: Item, isolate: bool) -> str:
        """Apply one new event (handler, then reactor), park it until what it needs is applied,
        or give the reason to dead-letter it in ``item.reason``; return the outcome."""
        event = item.event
        if self._view is not None:
            self._view.now(event)
        try:
            with self.conn.transaction() if isolate else nullcontext():
                verdict = self.prerequisites.verdict(self._seen, item.record.topic, event)
                if verdict is not None and verdict.outcome == DEAD:
                    item.reason = f"unprocessable: {verdict.detail}"
                    return "dead_lettered"
                if verdict is not None:
                    self.parking.park(item, verdict.detail)
                    return "parked"
                handler, reactor = self.handlers.get(event.type), self.reactors.get(event.type)
                view, conn = self._view, self.conn if self._view is None else self._view.reader
                if handler is not None and view is not None:
                    view.handle(event, handler, self.kept_handlers.get(event.type) is handler)
                elif handler is not None:
                    handler(conn, event)
                if reactor is not None:
                    reactor(conn, event)
        except (UnprocessableEvent, psycopg.DataError) as exc:
            if not isolate:
                raise Isolate() from exc
            # DataError, SQLSTATE class 22: the record's values do not fit the projection's
            # columns (a number out of range, text too long). The same values fail on every
            # retry, so stopping would stall the partition for good; the dead letter keeps record
            # and reason so it can be sent again once the handler is fixed.
            item.reason = (f"unprocessable: {exc}" if isinstance(exc, UnprocessableEvent) else
                           f"unprocessable: the database refused the data: {exc}")
            return "dead_lettered"
        self.prerequisites.note(self._seen, event)
        return "applied"

    def _release(self, keys: list[str], isolate: bool) -> list[Item]:
        return self.parking.release(keys, self._seen, self._view, self._decode,
                                    lambda item: self._decide(item, isolate))

    def _decode(self, record) -> Item:
        try:
            return Item(record, from_record(record.headers, record.value, self.registry))
        except PoisonRecord as exc:
            return Item(record, None, str(exc))

    def _scope(self) -> None:
        for_batches(self.conn, self.schema)  # and no JIT (shared/db.py)

    def _dead_letter(self, items: list[Item]) -> None:
        send_dead_letters(self.dlq_producer, self.dlq_topic, [(i.record, i.reason) for i in items],
                          consumer=self.name, limit=self.max_dead_letter_bytes)
