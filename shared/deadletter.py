"""Dead-letter records that always fit the broker: the original headers and coordinates, the value
cut to what the size limit leaves.

The coordinates (``dlq_topic``, ``dlq_partition``, ``dlq_offset``) name the original record, and
topics are kept forever, so a cut value loses nothing: the whole record is read from there.
"""
from __future__ import annotations

import logging

from kafka import KafkaProducer

from shared.envelope import record_bytes

log = logging.getLogger(__name__)

REASON_CHARS = 2000  # a reason quoting the data (a database error) must not fill the record
_VARINT_SLACK = 8    # the value's length prefix may need more bytes than the estimate assumed


def dead_letter(record, *, consumer: str, reason: str, limit: int) -> tuple:
    """Key, value and headers of the dead letter for ``record``, at most ``limit`` bytes in all."""
    coordinates = [(name, str(value).encode("utf-8", "replace")) for name, value in (
        ("dlq_reason", reason[:REASON_CHARS]), ("dlq_consumer", consumer),
        ("dlq_topic", record.topic), ("dlq_partition", record.partition),
        ("dlq_offset", record.offset))]
    key, value = record.key, record.value
    headers = list(record.headers or []) + coordinates
    if record_bytes(key, value, headers) <= limit:
        return key, value, headers
    size = str(len(value or b"")).encode()
    if record_bytes(key, b"", headers) + _VARINT_SLACK > limit:
        # Headers or key alone too large (nothing our producers write): the coordinates still
        # name the original record.
        key, headers = None, coordinates + [("dlq_headers_dropped", b"true")]
    headers = headers + [("dlq_value_truncated", size)]
    room = limit - record_bytes(key, b"", headers) - _VARINT_SLACK
    return key, (value or b"")[:max(room, 0)], headers


def send_dead_letters(producer: KafkaProducer | None, topic: str, dead: list[tuple], *,
                      consumer: str, limit: int) -> None:
    """Send each (record, reason) to ``topic`` and wait for the acks; without a producer only log.

    The caller's transaction is still open: a failed send aborts the batch.
    """
    futures = []
    for record, reason in dead:
        log.warning("dead-lettering %s[%s]@%s: %s", record.topic, record.partition, record.offset,
                    reason)
        if producer is not None:
            key, value, headers = dead_letter(record, consumer=consumer, reason=reason, limit=limit)
            futures.append(producer.send(topic, key=key, value=value, headers=headers))
    if futures:
        producer.flush()
    for future in futures:
        future.get(timeout=0)
