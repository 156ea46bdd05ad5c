"""What a consumer has done, kept in its own database beside its projections (the tracking tables).

``consumer_offsets`` (the last offset applied per partition), ``processed_events`` (the event ids
applied, so a republished copy has no second effect) and ``parked_events`` (records waiting for what
they need, shared/prerequisites.py). Every statement runs in the consumer runner's transaction.
"""
from __future__ import annotations

from dataclasses import dataclass

import psycopg
from kafka import TopicPartition
from psycopg.types.json import Jsonb


@dataclass(frozen=True)
class ParkedRecord:
    """A parked record as it was consumed (the dead-letter copy needs the same attributes)."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list


class Ledger:
    """The tracking tables of consumer ``name`` on ``conn``."""

    def __init__(self, conn: psycopg.Connection, name: str) -> None:
        self.conn, self.name = conn, name
        # Parked records not written yet (the runner's fast path writes a batch's parks in one
        # statement, before anything reads parked_events and before its bookkeeping); None: each
        # park is written at once.
        self.behind: list[tuple] | None = None

    def offsets(self) -> dict[TopicPartition, int]:
        """The last offset applied per partition."""
        rows = self.conn.execute(
            "SELECT topic, partition, last_offset FROM consumer_offsets WHERE consumer = %s",
            (self.name,)).fetchall()
        return {TopicPartition(r["topic"], r["partition"]): r["last_offset"] for r in rows}

    def lock_offsets(self, partitions: set[TopicPartition]) -> dict[TopicPartition, int]:
        """The last offsets of ``partitions``, locked until the transaction ends."""
        # Only this batch's partitions: copies of the consumer on other partitions never wait.
        rows = self.conn.execute(
            "SELECT topic, partition, last_offset FROM consumer_offsets WHERE consumer = %s"
            " AND (topic, partition) IN (SELECT * FROM unnest(%s::text[], %s::int[])) FOR UPDATE",
            (self.name, [tp.topic for tp in partitions], [tp.partition for tp in partitions])
        ).fetchall()
        return {TopicPartition(r["topic"], r["partition"]): r["last_offset"] for r in rows}

    def save_offsets(self, offsets: dict, stored: dict) -> None:
        """Move each partition's offset forward to what this batch handled."""
        changed = [(tp.topic, tp.partition, off) for tp, off in offsets.items()
                   if off > stored.get(tp, -1)]
        if changed:  # one statement for every partition of the batch
            topics, partitions, last = zip(*changed)
            self.conn.execute(
                "INSERT INTO consumer_offsets (consumer, topic, partition, last_offset)"
                " SELECT %s::text, * FROM unnest(%s::text[], %s::int[], %s::bigint[])"
                " ON CONFLICT (consumer, topic, partition)"
                " DO UPDATE SET last_offset = EXCLUDED.last_offset",
                (self.name, list(topics), list(partitions), list(last)))

    def mark_processed(self, ids: list) -> set:
        """Note the event ids; return those not noted before (the others are duplicates)."""
        if not ids:
            return set()
        rows = self.conn.execute(
            "INSERT INTO processed_events (consumer, event_id) SELECT %s, unnest(%s::uuid[])"
            " ON CONFLICT DO NOTHING RETURNING event_id", (self.name, ids)).fetchall()
        return {r["event_id"] for r in rows}

    def forget(self, ids: list) -> None:
        """A dead-lettered event was not applied: its id must not count as processed, so that the
        same event re-driven from the dead-letter topic (``asn dlq redrive``) is applied once."""
        if ids:
            self.conn.execute("DELETE FROM processed_events WHERE consumer = %s"
                              " AND event_id = ANY(%s::uuid[])", (self.name, ids))

    def waited_for(self) -> set[str]:
        """What parked events wait for: only an event releasing one of these needs a query."""
        self.write_parked()
        return {r["waits_for"] for r in self.conn.execute(
            "SELECT DISTINCT waits_for FROM parked_events WHERE consumer = %s", (self.name,))}

    def park(self, record, event_id, waits_for: str) -> None:
        """Keep ``record`` until what it ``waits_for`` is applied (kept ``behind`` for one
        statement when the runner asks for that)."""
        row = (event_id, waits_for, record.topic, record.partition, record.offset, record.key,
               record.value, [[k, v.decode()] for k, v in record.headers or ()])
        if self.behind is not None:
            self.behind.append(row)
        else:
            self._insert_parked([row])

    def write_parked(self) -> None:
        """Write the parked records kept behind, in one statement."""
        if self.behind:
            rows, self.behind = self.behind, []
            self._insert_parked(rows)

    def _insert_parked(self, rows: list[tuple]) -> None:
        ids, waits, topics, partitions, offsets, keys, values, headers = zip(*rows)
        self.conn.execute(
            "INSERT INTO parked_events (consumer, event_id, waits_for, topic, partition, \"offset\","
            " key, value, headers) SELECT %s::text, e, w, t, p, o, k, v, h FROM unnest(%s::uuid[],"
            " %s::text[], %s::text[], %s::int[], %s::bigint[], %s::bytea[], %s::bytea[])"
            " WITH ORDINALITY AS r(e, w, t, p, o, k, v, n)"
            " JOIN jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS j(h, m) ON m = n",
            (self.name, list(ids), list(waits), list(topics), list(partitions), list(offsets),
             list(keys), list(values), Jsonb(list(headers))))

    def unpark(self, keys: list[str]) -> list[ParkedRecord]:
        """Take out the records waiting for ``keys``, in their partitions' order."""
        self.write_parked()
        rows = self.conn.execute(
            "DELETE FROM parked_events WHERE consumer = %s AND waits_for = ANY(%s)"
            " RETURNING topic, partition, \"offset\", key, value, headers",
            (self.name, keys)).fetchall()
        return [ParkedRecord(r["topic"], r["partition"], r["offset"], r["key"], r["value"],
                             [(k, v.encode()) for k, v in r["headers"]])
                for r in sorted(rows, key=lambda r: (r["topic"], r["partition"], r["offset"]))]
