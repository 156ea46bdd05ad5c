"""One polled batch as the consumer runner decides it: each record's outcome, the batch's result,
and the counts the metrics take once the batch has committed."""
from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator

import psycopg
from kafka import KafkaConsumer, TopicPartition

from shared.envelope import Event
from shared.batchview import BATCH, BatchView, Isolate, Reading
from shared.ledger import ParkedRecord
from shared.metrics import (CONSUMER_LAG, RECORDS_APPLIED, RECORDS_CONSUMED,
                            RECORDS_DEAD_LETTERED, RECORDS_DUPLICATE, RECORDS_PARKED,
                            RECORDS_RELEASED)


@dataclass
class BatchResult:
    """How many records of a batch were applied, were duplicates, dead-lettered, parked, released."""

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
class Item:
    """A consumed (or unparked) record and, when it decoded, its event."""

    record: object
    event: Event | None
    reason: str | None = None
    outcome: str = ""  # applied, duplicate, parked or dead_lettered, once its batch is decided




def partition_of(record) -> TopicPartition:
    """The topic and partition a consumed (or parked) record came from."""
    return TopicPartition(record.topic, record.partition)


def count(service: str, items: list[Item]) -> None:
    """The batch's records by topic and outcome, once its transaction has committed."""
    outcomes = {"applied": RECORDS_APPLIED, "duplicate": RECORDS_DUPLICATE,
                "dead_lettered": RECORDS_DEAD_LETTERED, "parked": RECORDS_PARKED,
                "released": RECORDS_RELEASED}
    counted = Counter((item.record.topic, item.outcome) for item in items)
    for (topic, outcome), n in counted.items():
        outcomes[outcome].labels(service, topic).inc(n)
    polled = Counter(i.record.topic for i in items if not isinstance(i.record, ParkedRecord))
    for topic, n in polled.items():
        RECORDS_CONSUMED.labels(service, topic).inc(n)


def report_lag(service: str, consumer: KafkaConsumer) -> None:
    """End offset minus position per assigned partition, from what the last fetches told.

    ``highwater`` is known only once a fetch for the partition came back; no broker round trip.
    """
    for tp in consumer.assignment():
        end = consumer.highwater(tp)
        position = consumer.position(tp, timeout_ms=0) if end is not None else None
        if position is not None:
            CONSUMER_LAG.labels(service, tp.topic, str(tp.partition)).set(max(end - position, 0))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a batch is decided, and let run after it.

    A batch's records, events and kept rows live until it ends; the collector, run while they
    do, moves them into its oldest generation and soon traces the whole heap again and again
    (a fifth of feedback's consumer in docs/benchmarks.md, "The runner's per-record Python").
    Paused, it runs once after the batch on what the batch left; nothing is freed later than
    that. Left alone when something else has paused it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def pipelined(conn: psycopg.Connection, on: bool, events: list[Event],
              apply: Callable[[psycopg.Connection, list[Event]], None] | None = None
              ) -> Iterator[BatchView | None]:
    """On the fast path the statements go out without waiting for each result, and the events
    decided are written behind, together; with ``apply``, the consumed events' handlers and the
    decided events' projectors as well, before each read and at the end (shared/batchview.py).

    A database error surfaces later there, so any such error redoes the batch the careful way,
    where every statement waits and the handlers see their errors where they happen.
    """
    if not on:
        yield None
        return
    view = BatchView(events, apply=apply)
    view.reader = Reading(conn, view)
    token = BATCH.set(view)
    try:
        with conn.pipeline():
            yield view
            view.catch_up(conn)
    except psycopg.Error as exc:
        raise Isolate() from exc
    finally:
        BATCH.reset(token)
