"""The outbox relay: publishes a service's ``events`` table to its Kafka topic, in order, at least once.

Order is (transaction id, position), restricted to transactions older than the oldest one still
running. Every transaction below that horizon has ended, and any transaction that can still commit
has a larger id, so a late commit can never land behind the cursor. Within a stream this order is
the version order (the ``events_follow_stream`` trigger guarantees it). One relay per service holds
an advisory lock; extra copies wait as hot standbys.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row, tuple_row
from kafka import KafkaProducer

from shared.envelope import to_record
from shared.eventstore import event_from_row
from shared.metrics import EVENTS_PUBLISHED, RELAY_BACKLOG

log = logging.getLogger(__name__)

_ELIGIBLE = """
SELECT tx_id, position, event_id, stream_id, version, type, subject, data::text AS data_json,
       metadata, recorded_at
  FROM events
 WHERE (tx_id, position) > (%(tx_id)s::xid8, %(position)s)
   AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
 ORDER BY tx_id, position
 LIMIT %(limit)s
"""
# Rows past the cursor whose transaction has committed but is not yet below the horizon.
_WAITING = """
SELECT EXISTS (SELECT 1 FROM events WHERE (tx_id, position) > (%(tx_id)s::xid8, %(position)s)) AS waiting
"""
_UNPUBLISHED = """
SELECT count(*) FROM events
 WHERE (tx_id, position) > coalesce((SELECT (tx_id, position) FROM relay_cursor WHERE name = %s),
                                    ('0'::xid8, 0))
"""

_MIN_PAUSE, _MAX_PAUSE = 0.005, 0.2
# The backlog gauge counts rows past the cursor; under a large backlog that is a long scan, so it
# is refreshed at most this often (seconds) rather than after every batch.
BACKLOG_EVERY = 5.0


def unpublished(conn: psycopg.Connection, name: str) -> int:
    """Events in the table that the relay ``name`` has not published yet."""
    with conn.cursor(row_factory=tuple_row) as cur:
        return cur.execute(_UNPUBLISHED, (name,)).fetchone()[0]


@dataclass
class Cursor:
    tx_id: int = 0
    position: int = 0


def producer_for(bootstrap: str, **overrides) -> KafkaProducer:
    """An idempotent producer that waits for every in-sync replica (acks=all)."""
    config = dict(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
                  linger_ms=5, batch_size=256 * 1024, compression_type=None,
                  max_in_flight_requests_per_connection=5)
    config.update(overrides)
    return KafkaProducer(**config)


class Relay:
    """Publishes ``events`` rows to ``topic``; ``run`` loops until ``stop`` is set."""

    def __init__(self, database_url: str, producer: KafkaProducer, topic: str, source: str, *,
                 name: str = "relay", batch_size: int = 2000, poll_interval: float = 1.0) -> None:
        self.database_url = database_url
        self.producer = producer
        self.topic = topic
        self.source = source
        self.name = name
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.published = 0
        self.service = source.rsplit("/", 1)[-1]
        self._backlog_at = float("-inf")

    def run(self, stop: threading.Event) -> None:
        """Take the leader lock, then publish whenever events are appended (or every poll_interval)."""
        with psycopg.connect(self.database_url, autocommit=True, row_factory=dict_row) as conn:
            self._lead(conn, stop)
            if stop.is_set():
                return
            conn.execute("LISTEN events_appended")
            cursor = self._load_cursor(conn)
            log.info("relay %s leading from tx %s position %s", self.name, cursor.tx_id, cursor.position)
            pause = _MIN_PAUSE
            while not stop.is_set():
                self._report_backlog(conn)
                if self.publish_batch(conn, cursor) == self.batch_size:
                    continue
                if self._waiting(conn, cursor):
                    # Committed events wait behind an older open transaction, whose end may send
                    # no NOTIFY (it may write no events): look again soon, backing off.
                    stop.wait(pause)
                    pause = min(pause * 2, _MAX_PAUSE)
                    continue
                pause = _MIN_PAUSE
                RELAY_BACKLOG.labels(self.service).set(0)  # all published, none waiting
                self._wait_for_notify(conn, stop)

    def publish_batch(self, conn: psycopg.Connection, cursor: Cursor) -> int:
        """Send the next eligible events, wait for the broker's acks, then advance the cursor."""
        futures, last = [], None
        with conn.cursor(row_factory=dict_row) as rows:
            rows.execute(_ELIGIBLE, {"tx_id": str(cursor.tx_id), "position": cursor.position,
                                     "limit": self.batch_size})
            for last in rows:  # one row at a time: the batch's payloads are never all held at once
                key, value, headers = to_record(event_from_row(last, self.source),
                                                last["data_json"].encode())
                futures.append(self.producer.send(self.topic, key=key, value=value, headers=headers))
        if last is None:
            return 0
        self.producer.flush()
        for future in futures:
            future.get(timeout=0)  # raises the send's error, if any: the cursor must not move
        cursor.tx_id, cursor.position = int(str(last["tx_id"])), last["position"]
        conn.execute("UPDATE relay_cursor SET tx_id = %s::xid8, position = %s, updated_at = now()"
                     " WHERE name = %s", (str(cursor.tx_id), cursor.position, self.name))
        self.published += len(futures)
        EVENTS_PUBLISHED.labels(self.service, self.topic).inc(len(futures))
        return len(futures)

    def _report_backlog(self, conn: psycopg.Connection) -> None:
        if time.monotonic() - self._backlog_at >= BACKLOG_EVERY:
            RELAY_BACKLOG.labels(self.service).set(unpublished(conn, self.name))
            self._backlog_at = time.monotonic()

    def _wait_for_notify(self, conn: psycopg.Connection, stop: threading.Event) -> None:
        """Return on a NOTIFY, on stop, or after poll_interval (the fallback poll)."""
        deadline = time.monotonic() + self.poll_interval
        while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
            if any(True for _ in conn.notifies(timeout=min(left, 0.5), stop_after=1)):
                return

    def _lead(self, conn: psycopg.Connection, stop: threading.Event) -> None:
        while not stop.is_set():
            got = conn.execute("SELECT pg_try_advisory_lock(hashtext('relay:' || %s)) AS got",
                               (self.name,)).fetchone()["got"]
            if got:
                return
            stop.wait(self.poll_interval)

    def _load_cursor(self, conn: psycopg.Connection) -> Cursor:
        conn.execute("INSERT INTO relay_cursor (name, tx_id, position) VALUES (%s, '0', 0)"
                     " ON CONFLICT (name) DO NOTHING", (self.name,))
        row = conn.execute("SELECT tx_id, position FROM relay_cursor WHERE name = %s",
                           (self.name,)).fetchone()
        return Cursor(int(str(row["tx_id"])), row["position"])

    def _waiting(self, conn: psycopg.Connection, cursor: Cursor) -> bool:
        return conn.execute(_WAITING, {"tx_id": str(cursor.tx_id),
                                       "position": cursor.position}).fetchone()["waiting"]
