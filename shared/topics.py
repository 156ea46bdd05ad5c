"""Kafka topics: created with the configured partition count and kept forever (the audit trail)."""
from __future__ import annotations

import logging
import time

from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.errors import KafkaError, TopicAlreadyExistsError

log = logging.getLogger(__name__)
FOREVER = {"retention.ms": "-1", "retention.bytes": "-1", "cleanup.policy": "delete"}


def ensure_topics(bootstrap: str, names: list[str], partitions: int, replication: int = 1,
                  min_insync: int | None = None, **admin_config) -> list[str]:
    """Create the topics that do not exist yet; return the names created. Replicated topics get
    ``min.insync.replicas`` (default one fewer than ``replication``): an acks=all write then
    waits for that many copies, so one broker may be lost without losing or refusing a write."""
    configs = dict(FOREVER)
    if replication > 1:
        configs["min.insync.replicas"] = str(min_insync or replication - 1)
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="asn-setup", **admin_config)
    try:
        existing = set(admin.list_topics())
        wanted = {name: {"num_partitions": partitions, "replication_factor": replication, "configs": configs}
                  for name in names if name not in existing}
        if wanted:
            try:
                admin.create_topics(wanted, timeout_ms=30_000, wait_for_metadata=True)
            except TopicAlreadyExistsError:
                pass  # another process created it meanwhile
            log.info("created topics %s", ", ".join(sorted(wanted)))
        return sorted(wanted)
    finally:
        admin.close()


def delete_topics(bootstrap: str, names: list[str]) -> None:
    """Delete topics, as far as the broker lets us now (tests and benchmarks clean up with it)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="asn-setup")
    try:
        present = [n for n in names if n in set(admin.list_topics())]
        if present:
            admin.delete_topics(present, timeout_ms=30_000, raise_errors=False)
    except KafkaError as exc:  # a leftover topic costs disk, not correctness: say so, go on
        log.warning("could not delete topics %s: %s", ", ".join(names), exc)
    finally:
        admin.close()


def reader(bootstrap: str, client_id: str, **overrides) -> KafkaConsumer:
    """A consumer without a group: it reads where it is told, commits nothing and so disturbs no
    consumer."""
    return KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                         client_id=client_id, **overrides)


def partitions_of(consumer: KafkaConsumer, topic: str) -> list[TopicPartition]:
    """The topic's partitions in order; none when the topic does not exist."""
    return [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]


def read_range(consumer: KafkaConsumer, ranges: dict[TopicPartition, tuple[int, int]], *,
               timeout: float = 30.0) -> list:
    """The records from ``start`` up to (not including) ``end`` of each partition, in partition and
    offset order. Stops at the ends it was given, so an idle topic never makes it wait;
    TimeoutError when they cannot be read within ``timeout`` seconds."""
    wanted = {tp: span for tp, span in ranges.items() if span[0] < span[1]}
    if not wanted:
        return []
    consumer.assign(list(wanted))
    for tp, (start, _) in wanted.items():
        consumer.seek(tp, start)
    records, deadline = [], time.monotonic() + timeout
    while any(consumer.position(tp) < end for tp, (_, end) in wanted.items()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"could not read {', '.join(sorted({tp.topic for tp in wanted}))}"
                               f" to the end within {timeout:g} s")
        for tp, batch in consumer.poll(timeout_ms=500).items():
            records += [r for r in batch if wanted[tp][0] <= r.offset < wanted[tp][1]]
    return sorted(records, key=lambda r: (r.topic, r.partition, r.offset))


def read_whole(consumer: KafkaConsumer, partitions: list[TopicPartition], *,
               timeout: float = 30.0) -> list:
    """Every record of ``partitions`` from the oldest to the end offsets read now."""
    starts, ends = consumer.beginning_offsets(partitions), consumer.end_offsets(partitions)
    return read_range(consumer, {tp: (starts[tp], ends[tp]) for tp in partitions}, timeout=timeout)
