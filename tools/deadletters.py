"""Reading a consumer's dead letters: the records of ``<service>.dlq`` and what their ``dlq_*``
headers say (the reason, the consumer, the original record's coordinates, whether it was cut).

A dead letter is the original record (key, value, headers) plus ``dlq_*`` headers. Its value may be
cut to fit (``dlq_value_truncated`` = the original length) and, rarely, its headers dropped
(``dlq_headers_dropped``); the whole original stays at its coordinates, since topics are kept
forever.
"""
from __future__ import annotations

from dataclasses import dataclass

from kafka import TopicPartition

from services.platform import definition as service_definition
from shared.config import SERVICES, Settings
from shared.topics import partitions_of, read_range, read_whole, reader

READ_TIMEOUT = 30.0  # seconds to read a dead-letter topic (or one record) to the end offsets
COORDINATES = ("dlq_topic", "dlq_partition", "dlq_offset")


def consuming_services() -> list[str]:
    """The platform's services that consume a topic, so have a dead-letter topic."""
    return [name for name in SERVICES if service_definition(name).consumes]


def dlq_topic(name: str, settings: Settings) -> str:
    """A consuming service's dead-letter topic; any other name taken as the topic's own."""
    return service_definition(name).dlq_topic(settings) if name in SERVICES else name


def service_label(topic: str, settings: Settings) -> str:
    """<prefix>training.dlq -> training; a topic named otherwise is shown as it is."""
    if topic.startswith(settings.topic_prefix) and topic.endswith(".dlq"):
        return topic[len(settings.topic_prefix):-len(".dlq")]
    return topic


@dataclass(frozen=True)
class DeadLetter:
    """One record of a dead-letter topic, and what its ``dlq_*`` headers say."""
    service: str
    record: object  # the ConsumerRecord read from the dead-letter topic

    def header(self, name: str) -> str | None:
        """The last value of header ``name`` as text, or None when it is missing."""
        values = [v for k, v in self.record.headers or () if k == name]
        return values[-1].decode("utf-8", "replace") if values and values[-1] is not None else None

    @property
    def spot(self) -> str:
        """Where the dead letter is in its topic: ``PARTITION:OFFSET``."""
        return f"{self.record.partition}:{self.record.offset}"

    @property
    def origin(self) -> tuple[str, int, int] | None:
        """The original record's topic, partition and offset; None if the headers do not say."""
        topic, partition, offset = (self.header(name) for name in COORDINATES)
        try:
            return (topic, int(partition), int(offset)) if topic else None
        except (TypeError, ValueError):
            return None

    @property
    def origin_text(self) -> str:
        """The original record's coordinates as ``topic[partition]@offset``, or ``(unknown)``."""
        return "{}[{}]@{}".format(*self.origin) if self.origin else "(unknown)"

    @property
    def truncated(self) -> int | None:
        """The original value's length, if the dead letter keeps only its beginning."""
        size = self.header("dlq_value_truncated")
        return int(size) if size and size.isdigit() else None

    @property
    def headers_dropped(self) -> bool:
        """Whether the original record's headers were dropped to make the dead letter fit."""
        return self.header("dlq_headers_dropped") == "true"

    @property
    def whole(self) -> bool:
        """Whether the dead letter holds the whole original record."""
        return self.truncated is None and not self.headers_dropped

    @property
    def original_headers(self) -> list[tuple[str, bytes]]:
        """The original record's headers: all but the ``dlq_*`` ones."""
        return [(k, v) for k, v in self.record.headers or () if not k.startswith("dlq_")]

    def cut_text(self) -> str:
        """Whether the dead letter is whole, and if not what was cut, in a few words."""
        if self.headers_dropped:
            return "headers dropped" + (f", value cut from {self.truncated} B"
                                        if self.truncated is not None else "")
        return f"cut from {self.truncated} B" if self.truncated is not None else "whole"

    def summary(self) -> dict:
        """The dead letter as a JSON-ready dict, one ``asn dlq list --json`` line."""
        origin = self.origin
        return {"service": self.service, "dlq_topic": self.record.topic,
                "partition": self.record.partition, "offset": self.record.offset,
                "origin": dict(zip(("topic", "partition", "offset"), origin)) if origin else None,
                "type": self.header("ce_type"), "subject": self.header("ce_subject"),
                "id": self.header("ce_id"), "consumer": self.header("dlq_consumer"),
                "reason": self.header("dlq_reason"),
                "value_bytes": len(self.record.value or b""), "truncated_from": self.truncated,
                "headers_dropped": self.headers_dropped}


class Missing(Exception):
    """No such dead letter (or partition): said as an ``error:`` line, exit 1."""


def open_reader(settings: Settings):
    """A consumer that reads dead-letter topics (no group, nothing committed)."""
    return reader(settings.kafka_bootstrap, "asn-dlq", max_partition_fetch_bytes=2 * 1024 * 1024)


def _partitions(consumer, name: str, topic: str) -> list[TopicPartition]:
    partitions = partitions_of(consumer, topic)
    if not partitions:
        raise FileNotFoundError(
            f"no topic {topic} (is the service set up? `asn setup`)" if name in SERVICES else
            f"no topic {topic}: SERVICE is {', '.join(consuming_services())} or the full name of"
            " a dead-letter topic")
    return partitions


def read_all(name: str, settings: Settings) -> list[DeadLetter]:
    """Every dead letter of ``name``'s topic, up to the end offsets read when it starts."""
    topic = dlq_topic(name, settings)
    consumer = open_reader(settings)
    try:
        records = read_whole(consumer, _partitions(consumer, name, topic), timeout=READ_TIMEOUT)
    finally:
        consumer.close(autocommit=False)
    label = service_label(topic, settings)
    return [DeadLetter(label, r) for r in records]


def read_at(consumer, topic: str, partitions: list[int], offset: int) -> list:
    """The records at ``offset`` in those of ``partitions`` that reach it."""
    tps = [TopicPartition(topic, p) for p in partitions]
    ends = consumer.end_offsets(tps)
    return read_range(consumer, {tp: (offset, min(offset + 1, ends[tp])) for tp in tps},
                      timeout=READ_TIMEOUT)


def read_some(name: str, spots: list[tuple[int | None, int]],
              settings: Settings) -> list[DeadLetter]:
    """The dead letters at ``spots`` (PARTITION:OFFSET, or an OFFSET only one partition has)."""
    topic = dlq_topic(name, settings)
    label, found = service_label(topic, settings), []
    consumer = open_reader(settings)
    try:
        every = [tp.partition for tp in _partitions(consumer, name, topic)]
        for partition, offset in spots:
            if partition is not None and partition not in every:
                raise Missing(f"{topic} has no partition {partition}"
                              f" (it has 0 to {len(every) - 1})")
            records = read_at(consumer, topic, every if partition is None else [partition], offset)
            if not records:
                raise Missing(f"no dead letter at {'' if partition is None else f'{partition}:'}"
                              f"{offset} in {topic} (`asn dlq list {name}` shows them)")
            if len(records) > 1:
                raise Missing(f"offset {offset} is in several partitions of {topic}: name one, "
                              + " or ".join(f"{r.partition}:{offset}" for r in records))
            found.append(DeadLetter(label, records[0]))
    finally:
        consumer.close(autocommit=False)
    return found


def read_origin(consumer, dead: DeadLetter):
    """The original record at the dead letter's coordinates, or None if it cannot be read."""
    topic, partition, offset = dead.origin
    if TopicPartition(topic, partition) not in partitions_of(consumer, topic):
        return None
    records = read_at(consumer, topic, [partition], offset)
    return records[0] if records else None
