"""Re-driving dead letters: what to send again for each (the dead letter's copy of the original
record, or the original read at its coordinates), and sending it to its original partition.

The consumer that dead-lettered a record did not count its event as processed and applies it once;
the other consumers of that topic applied it already and skip it as a duplicate (same event id).
"""
from __future__ import annotations

from dataclasses import dataclass

from kafka.errors import KafkaError

from shared.clients import producer_for
from shared.config import Settings
from tools.deadletters import COORDINATES, READ_TIMEOUT, DeadLetter, read_origin


@dataclass
class Redrive:
    """A dead letter and the record to send again for it, or why it is refused."""

    dead: DeadLetter
    key: bytes | None = None
    value: bytes | None = None
    headers: list | None = None
    refused: str | None = None


def plan(dead: DeadLetter, name: str, consumer, from_origin: bool) -> Redrive:
    """What to send again for ``dead``, or why not."""
    if dead.origin is None:
        return Redrive(dead, refused=f"{dead.service} {dead.spot}: no {'/'.join(COORDINATES)}"
                                     " headers name its original record")
    if not from_origin and not dead.whole:
        what = " and ".join(w for w, yes in (("its headers were dropped", dead.headers_dropped),
                                             ("its value was cut", dead.truncated is not None))
                            if yes)
        return Redrive(dead, refused=(
            f"{dead.service} {dead.spot}: {what}, so it is not the whole record; the whole record"
            f" is at {dead.origin_text}: re-drive it from there with"
            f" `asn dlq redrive {name} {dead.spot} --from-origin`"))
    key, value, headers = dead.record.key, dead.record.value, dead.original_headers
    if from_origin:
        original = read_origin(consumer, dead)
        if original is None:
            return Redrive(dead, refused=f"{dead.service} {dead.spot}: no record at"
                                         f" {dead.origin_text} to re-drive")
        if not _same(dead, original):
            return Redrive(dead, refused=f"{dead.service} {dead.spot}: the record at"
                                         f" {dead.origin_text} is not the one dead-lettered")
        key, value = original.key, original.value
        headers = [(k, v) for k, v in original.headers or () if not k.startswith("dlq_")]
    if not dict(headers).get("ce_id"):
        return Redrive(dead, refused=f"{dead.service} {dead.spot}: not a CloudEvent (no ce_id):"
                                     " sent again it would only be dead-lettered again")
    return Redrive(dead, key, value, headers)


def _same(dead: DeadLetter, original) -> bool:
    """The record at the coordinates begins as the dead letter does (and has its headers)."""
    if not (original.value or b"").startswith(dead.record.value or b""):
        return False
    return dead.headers_dropped or (original.key == dead.record.key and [
        (k, v) for k, v in original.headers or () if not k.startswith("dlq_")
    ] == dead.original_headers)


def send(todo: list[Redrive], settings: Settings) -> list[tuple[Redrive, object]]:
    """Produce each record to its original topic and partition and wait for the broker's answer:
    per record, where it was written, or the KafkaError that refused it."""
    producer = producer_for(settings.kafka_bootstrap)
    try:
        futures = [(r, producer.send(r.dead.origin[0], key=r.key, value=r.value,
                                     headers=r.headers, partition=r.dead.origin[1]))
                   for r in todo]
        producer.flush(timeout=READ_TIMEOUT)
        answers = []
        for r, future in futures:
            try:
                answers.append((r, future.get(timeout=READ_TIMEOUT)))
            except KafkaError as exc:
                answers.append((r, exc))
        return answers
    finally:
        producer.close()
