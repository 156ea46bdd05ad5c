"""Reading and writing topics directly, to check what the plumbing did."""
from __future__ import annotations

import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from shared.envelope import Event, to_record


def read_topic(bootstrap: str, topic: str, *, at_least: int = 0, timeout: float = 30.0) -> list:
    """Every record of ``topic`` (all partitions), once at least ``at_least`` are there."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(parts)
        deadline = time.monotonic() + timeout
        while True:
            ends = consumer.end_offsets(parts)
            if sum(ends.values()) >= at_least or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        consumer.seek_to_beginning(*parts)
        records = []
        while any(consumer.position(tp) < ends[tp] for tp in parts):
            for batch in consumer.poll(timeout_ms=500).values():
                records.extend(r for r in batch if r.offset < ends[TopicPartition(r.topic, r.partition)])
            if time.monotonic() > deadline + timeout:
                raise TimeoutError(f"could not read {topic} to its end")
        return records
    finally:
        consumer.close(autocommit=False)


def publish(bootstrap: str, topic: str, events: list[Event]) -> None:
    """Publish events as the relay would (CloudEvents binary mode)."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    try:
        for event in events:
            key, value, headers = to_record(event)
            producer.send(topic, key=key, value=value, headers=headers)
        producer.flush()
    finally:
        producer.close()


def publish_raw(bootstrap: str, topic: str, key: bytes, value: bytes | None, headers: list) -> None:
    """Publish anything at all (poison records)."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    try:
        producer.send(topic, key=key, value=value, headers=headers).get(timeout=10)
    finally:
        producer.close()
