"""The outbox relay: publishes a service's ``events`` table to its Kafka topic, in order, at least once.

Order is (transaction id, position), restricted to transactions older than the oldest one of this
database still running (``shared.outbox.horizon``). Every transaction of this database below that
horizon has ended, and any that can still commit has a larger id, so a late commit can never land
behind the cursor; a transaction left open in another database of the cluster holds nothing here.
Within a stream this order is the version order (the ``events_follow_stream`` trigger guarantees
it). One relay per service holds an advisory lock; extra copies wait as hot standbys.

An event the broker refuses on every try (too large) is never skipped, which would break the
order: the relay publishes what is before it, then says loudly that it is stuck (the log, the
asn_relay_stuck metric, /ready, the cursor row that `asn lag` reads) and tries again now and then.
"""
from __future__ import annotations

import logging
import threading
import time

import psycopg
from psycopg import capabilities
from psycopg.rows import dict_row, tuple_row
from kafka import KafkaProducer
from kafka.errors import InvalidRecordError, MessageSizeTooLargeError, RecordListTooLargeError

from shared.clients import flush_saying_so
from shared.envelope import SourceHeaders
from shared.outbox import (DATA, ELIGIBLE, POSITION, TX_ID, Cursor, holding_back, horizon,
                           load_cursor, mark_stuck, move_cursor, print_times_as_psycopg,
                           unpublished, waiting, where)
from shared.metrics import EVENTS_PUBLISHED, RELAY_BACKLOG, RELAY_STUCK, report_ready

log = logging.getLogger(__name__)

_MIN_PAUSE, _MAX_PAUSE = 0.005, 0.2
# Rows of a batch received (and turned into Python objects) at a time; a libpq older than 17 has
# no chunked mode, only single rows (slower, the same records).
_ROWS_AT_ONCE = 200 if capabilities.has_stream_chunked() else 1
# Refusals of the record itself: the broker gives the same answer on every try.
UNSENDABLE = (MessageSizeTooLargeError, RecordListTooLargeError, InvalidRecordError)
STUCK_RETRY = 10.0  # seconds between tries of an event the broker refused (each one logged)
# The backlog gauge counts rows past the cursor; under a large backlog that is a long scan, so it
# is refreshed at most this often (seconds) rather than after every batch.
BACKLOG_EVERY = 5.0
# Committed events waiting this long (seconds) behind older open transactions are a warning, with
# those transactions named (an idle-in-transaction session of this database holds its relay back).
HOLD_WARNING = 30.0


class Relay:
    """Publishes ``events`` rows to ``topic``; ``run`` loops until ``stop`` is set."""

    def __init__(self, database_url: str, producer: KafkaProducer, topic: str, source: str, *,
                 name: str = "relay", batch_size: int = 2000, poll_interval: float = 1.0,
                 stuck_retry: float = STUCK_RETRY) -> None:
        self.database_url = database_url
        self.producer = producer
        self.topic = topic
        self.source = source
        self.headers = SourceHeaders(source)
        self.name = name
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.stuck_retry = stuck_retry
        self.published = 0
        self.stuck: str | None = None  # why the next event cannot be published, while it cannot
        self.service = source.rsplit("/", 1)[-1]
        self._backlog_at = float("-inf")
        self._next_hold_warning = HOLD_WARNING

    def run(self, stop: threading.Event) -> None:
        """Take the leader lock, then publish whenever events are appended (or every poll_interval)."""
        with psycopg.connect(self.database_url, autocommit=True, row_factory=dict_row) as conn:
            self._lead(conn, stop)
            if stop.is_set():
                return
            print_times_as_psycopg(conn)
            conn.execute("LISTEN events_appended")
            report_ready("dependencies", True)  # the producer reached Kafka before this started
            cursor = self._load_cursor(conn)
            log.info("relay %s leading from tx %s position %s", self.name, cursor.tx_id, cursor.position)
            self._publish_until_stopped(conn, cursor, stop)

    def _publish_until_stopped(self, conn: psycopg.Connection, cursor: Cursor,
                               stop: threading.Event) -> None:
        pause, waited_since = _MIN_PAUSE, None
        while not stop.is_set():
            self._report_backlog(conn)
            if self.publish_batch(conn, cursor) == self.batch_size:
                continue
            if self.stuck is not None:
                stop.wait(self.stuck_retry)  # said so in the log and the metric; try again
                continue
            if waiting(conn, cursor):
                # Committed events wait behind an older open transaction, whose end may send
                # no NOTIFY (it may write no events): look again soon, backing off.
                waited_since = waited_since or time.monotonic()
                self._say_who_holds(conn, waited_since)
                stop.wait(pause)
                pause = min(pause * 2, _MAX_PAUSE)
                continue
            pause, waited_since = _MIN_PAUSE, None
            RELAY_BACKLOG.labels(self.service).set(0)  # all published, none waiting
            self._wait_for_notify(conn, stop)

    def _say_who_holds(self, conn: psycopg.Connection, waited_since: float) -> None:
        """Every HOLD_WARNING seconds of waiting, name the transactions the events wait behind."""
        waited = time.monotonic() - waited_since
        if waited >= self._next_hold_warning:
            self._next_hold_warning = waited + HOLD_WARNING
            log.warning("relay %s: committed events have waited %.0f s behind older open"
                        " transactions: %s", self.name, waited, holding_back(conn))
        elif waited < HOLD_WARNING:
            self._next_hold_warning = HOLD_WARNING

    def publish_batch(self, conn: psycopg.Connection, cursor: Cursor) -> int:
        """Send the next eligible events, wait for the broker's acks, then advance the cursor.

        An event the broker refuses for good ends the batch: the ones before it are published.
        """
        sent, refused = self._send(conn, cursor)
        if sent:
            flush_saying_so(self.producer, self.name, len(sent))
        acked = 0
        for row, future in sent:
            if not future.succeeded():  # acked without error, or else:
                try:
                    future.get(timeout=0)  # raises the send's error: the cursor must not pass
                except UNSENDABLE as exc:
                    refused = (where(row), exc)
                    break
            acked += 1
        if acked:
            self._advance(conn, cursor, sent[acked - 1][0], acked)
        self._report_stuck(conn, refused)
        return acked

    def _send(self, conn: psycopg.Connection, cursor: Cursor) -> tuple[list, tuple | None]:
        """Hand the next eligible events to the producer, up to one it refuses at once.

        The rows come as PostgreSQL prints the record's texts (ELIGIBLE), which go to the
        producer as they are: no Event, no dict, no encoding per event here.
        """
        sent, refused = [], None
        send, topic, headers = self.producer.send, self.topic, self.headers.of
        params = {"tx_id": str(cursor.tx_id), "position": cursor.position, "limit": self.batch_size,
                  "horizon": horizon(conn)}
        with conn.cursor(row_factory=tuple_row) as rows:
            # Streamed in chunks: PostgreSQL prints the next rows while these are being sent, and
            # the batch's payloads are never all held at once.
            for row in rows.stream(ELIGIBLE, params, binary=True, size=_ROWS_AT_ONCE):
                if refused is not None:
                    continue  # the rest waits; read to the end, the connection is free again
                _, _, ce_id, ce_type, subject, time_, stream_id, version, value, meta = row
                record_headers = headers(ce_id, ce_type, subject, time_, stream_id, version,
                                         meta)
                try:
                    future = send(topic, key=subject, value=value, headers=record_headers)
                except UNSENDABLE as exc:  # larger than max_request_size: refused unsent
                    refused = (where(row), exc)
                    continue
                sent.append((row[:DATA], future))  # without its payload (DATA, METADATA last)
        return sent, refused

    def _advance(self, conn: psycopg.Connection, cursor: Cursor, last: tuple, count: int) -> None:
        cursor.tx_id, cursor.position = int(last[TX_ID]), last[POSITION]
        move_cursor(conn, self.name, cursor)
        self.published += count
        EVENTS_PUBLISHED.labels(self.service, self.topic).inc(count)

    def _report_stuck(self, conn: psycopg.Connection, refused: tuple | None) -> None:
        """Say loudly that (and why) the relay cannot go on, or that it goes on again."""
        if refused is None and self.stuck is None:
            return
        stuck = None
        if refused is None:
            log.warning("relay %s publishes again (was stuck: %s)", self.name, self.stuck)
        else:
            row, exc = refused
            stuck = (f"event {row['event_id']} ({row['type']}, stream {row['stream_id']}"
                     f" version {row['version']}) cannot be published: {exc}")
            log.error("relay %s is STUCK, every later event waits: %s; retrying every %g s",
                      self.name, stuck, self.stuck_retry)
        mark_stuck(conn, self.name, stuck)
        self._show_stuck(stuck)

    def _show_stuck(self, stuck: str | None) -> None:
        """The metric and /ready first, the attribute last: whoever sees it sees the rest too."""
        RELAY_STUCK.labels(self.service).set(0 if stuck is None else 1)
        report_ready("publishing", stuck is None)
        self.stuck = stuck

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
        cursor, stuck = load_cursor(conn, self.name)
        self._show_stuck(stuck)  # so that the first batch that gets through clears it
        return cursor
