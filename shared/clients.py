"""The platform's Kafka clients: an idempotent producer that waits for every in-sync replica, and a
group consumer that never commits by itself and takes its positions from the database (the
consumer's ledger) whenever partitions are assigned."""
from __future__ import annotations

import logging
from typing import Callable

from kafka import ConsumerRebalanceListener, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaTimeoutError
from kafka.structs import OffsetAndMetadata

from shared.config import ProducerTuning

log = logging.getLogger(__name__)
FLUSH_SAY_EVERY = 5.0  # seconds: while the broker does not answer, the log says the relay waits


def producer_for(bootstrap: str, tuning: ProducerTuning | None = None,
                 **overrides) -> KafkaProducer:
    """An idempotent producer that waits for every in-sync replica (acks=all), batching as
    ``tuning`` says (ProducerTuning's defaults unless given: Settings.producer)."""
    config = dict(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
                  max_in_flight_requests_per_connection=5,
                  **(tuning or ProducerTuning()).producer_config())
    config.update(overrides)
    return KafkaProducer(**config)


def flush_saying_so(producer: KafkaProducer, name: str, count: int) -> None:
    """Wait for the broker's answer to every record sent, with a log line every few seconds.

    An unanswered record fails after the producer's delivery timeout, which ends the wait.
    """
    while True:
        try:
            producer.flush(timeout=FLUSH_SAY_EVERY)
            return
        except KafkaTimeoutError:
            log.warning("relay %s waiting for Kafka to acknowledge %d events", name, count)


# What a live consumer's fetch waits to gather (``gather_ms``): about 150 records.
GATHER_BYTES = 256 * 1024


def consumer_for(bootstrap: str, group: str, gather_ms: int = 0, **overrides) -> KafkaConsumer:
    """A group consumer that never commits by itself; positions come from the database.

    ``gather_ms`` > 0: each fetch waits up to that long for GATHER_BYTES to gather on the broker
    instead of answering with the first record. A consumer keeping up then applies its records in
    fewer, larger batches (fewer transactions, fetches and bookkeeping rounds), at the cost of
    that much latency when traffic is light (docs/benchmarks.md, "The consumers' fetch")."""
    gather = {"fetch_min_bytes": GATHER_BYTES, "fetch_max_wait_ms": gather_ms} if gather_ms else {}
    config = dict(**gather, bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False,
                  auto_offset_reset="earliest", max_poll_records=2000,
                  fetch_max_bytes=16 * 1024 * 1024, max_partition_fetch_bytes=4 * 1024 * 1024,
                  # A consumer killed without leaving its group holds its partitions until its
                  # session expires: kafka-python's 45 s default stalled a service that long after
                  # a kill -9 (make chaos). Heartbeats come from a background thread, so a long
                  # batch does not end the session.
                  session_timeout_ms=10_000, heartbeat_interval_ms=3_000)
    config.update(overrides)
    return KafkaConsumer(**config)


class SeekToDatabase(ConsumerRebalanceListener):
    """On assignment, seek each partition to the offset after the last one the database applied."""

    def __init__(self, stored_offsets: Callable[[], dict[TopicPartition, int]],
                 consumer: KafkaConsumer) -> None:
        self.stored_offsets, self.consumer = stored_offsets, consumer

    def on_partitions_revoked(self, revoked) -> None:
        """Nothing to do: every batch is committed before the next poll."""
        pass  # every batch is committed before the next poll: nothing to flush

    def on_partitions_assigned(self, assigned) -> None:
        """Seek each assigned partition past its last applied offset, or to its beginning."""
        stored = self.stored_offsets()
        for tp in assigned:
            if tp in stored:
                self.consumer.seek(tp, stored[tp] + 1)
            else:
                self.consumer.seek_to_beginning(tp)


def commit_quietly(consumer: KafkaConsumer, offsets: dict) -> None:
    """Commit a batch's offsets to Kafka for the lag tools; a failure is logged, nothing lost:
    the database stays the source of truth."""
    try:
        consumer.commit({tp: OffsetAndMetadata(off + 1, "", -1) for tp, off in offsets.items()})
    except Exception as exc:  # noqa: BLE001 - a failed commit loses nothing, say so and go on
        log.warning("Kafka offset commit failed (the database has the offsets): %s", exc)
