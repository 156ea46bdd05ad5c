"""How far behind each process of a service is: events its relay has not published yet, and
records of the topics it consumes that its consumer has not applied yet.

Both are read where the truth is kept: the relay cursor and the consumer offsets live in the
service's database (the consumer commits them with its projections), the end of each topic in Kafka.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import psycopg
from psycopg.rows import dict_row

from shared.config import Settings
from shared.outbox import unpublished
from shared.service import ServiceDefinition
from shared.topics import partitions_of, reader


@dataclass
class PartitionLag:
    topic: str
    partition: int
    applied: int    # records applied (the next offset the consumer will read)
    end: int        # the partition's end offset in Kafka

    @property
    def lag(self) -> int:
        """Records of the partition the consumer has not applied yet."""
        return max(self.end - self.applied, 0)


@dataclass
class ServiceLag:
    service: str
    unpublished: int                      # events in the table the relay has not sent yet
    partitions: list[PartitionLag] = field(default_factory=list)
    relay_stuck: str | None = None        # why the relay cannot publish the next event, if so

    @property
    def consumer_lag(self) -> int:
        """Records of the consumed topics the consumer has not applied yet, all partitions."""
        return sum(p.lag for p in self.partitions)

    @property
    def caught_up(self) -> bool:
        """Nothing unpublished, nothing unapplied, and the relay not stuck."""
        return self.unpublished == 0 and self.consumer_lag == 0 and self.relay_stuck is None


def service_lag(service: ServiceDefinition, settings: Settings) -> ServiceLag:
    """The relay backlog and the consumer lag of one service, read now."""
    with psycopg.connect(settings.database_url(service.name), row_factory=dict_row) as conn:
        backlog = unpublished(conn, service.relay_name)
        cursor = conn.execute("SELECT stuck FROM relay_cursor WHERE name = %s",
                              (service.relay_name,)).fetchone()
        stored = {(r["topic"], r["partition"]): r["last_offset"] + 1 for r in conn.execute(
            "SELECT topic, partition, last_offset FROM consumer_offsets WHERE consumer = %s",
            (service.consumer_name,)).fetchall()}
    result = ServiceLag(service.name, backlog, relay_stuck=cursor["stuck"] if cursor else None)
    topics = service.consumed_topics(settings)
    if not topics:
        return result
    consumer = reader(settings.kafka_bootstrap, f"{service.name}-lag")
    try:
        partitions = [tp for t in topics for tp in partitions_of(consumer, t)]
        ends = consumer.end_offsets(partitions) if partitions else {}
    finally:
        consumer.close(autocommit=False)
    result.partitions = [PartitionLag(tp.topic, tp.partition, stored.get((tp.topic, tp.partition), 0),
                                      ends[tp]) for tp in partitions]
    return result
