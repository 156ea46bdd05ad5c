"""The append-only event store of one service, used inside the caller's transaction."""
from __future__ import annotations

import uuid
from contextvars import ContextVar
from datetime import datetime, timezone
from typing import Sequence

import psycopg
from psycopg.types.json import Jsonb

from shared.batchview import BATCH, BatchView
from shared.config import max_event_bytes
from shared.envelope import Event, NewEvent
from shared.errors import Refused
from shared.events import EventTypeError, Registry
from shared.metrics import EVENTS_APPENDED
from shared.recordsize import json_text, record_bound, record_size
from shared.requestid import REQUEST_ID

# Who caused the events appended in this context (the caller's NIP); recorded as metadata
# ``actor`` and published as the ``ce_actor`` extension, so the trail says who did what.
ACTOR: ContextVar[str | None] = ContextVar("asn_actor", default=None)
EVENT_COLUMNS = "position, event_id, stream_id, version, type, subject, data, metadata, recorded_at"
_RETURNED = EVENT_COLUMNS.replace(" data,", "")
# recorded_at is set by PostgreSQL at insert; its ISO form is never longer than this one's.
_LONGEST_TIME = datetime(2000, 1, 1, 0, 0, 0, 1, tzinfo=timezone.utc)
_UNWAITED = ("INSERT INTO events (event_id, stream_id, version, type, subject, data, metadata,"
             " recorded_at) VALUES ")
# Set by an HTTP command (shared/transactions.py), whose statements go out pipelined: appends
# are then sent unwaited (``_unwaited``) and listed here, (stream, version read), for ``conflict``.
UNWAITED: ContextVar[list | None] = ContextVar("asn_unwaited_appends", default=None)


class ConcurrencyError(Exception):
    """The stream moved on since the caller read it (409 over HTTP); reload and decide again."""


class EventTooLarge(Refused):
    """An event whose Kafka record would exceed ASN_MAX_EVENT_BYTES: the relay could never send it."""

    status = 413

    def __init__(self, ce_type: str, size: int, limit: int) -> None:
        super().__init__("payload_too_large",
                         f"the {ce_type} event would be a {size}-byte Kafka record; at most {limit}"
                         " bytes can be published (ASN_MAX_EVENT_BYTES): send shorter texts")


class EventStore:
    """Appends to and reads from the ``events`` table; ``source`` is the CloudEvents source."""

    def __init__(self, source: str, registry: Registry,
                 max_record_bytes: int | None = None) -> None:
        self.source = source
        self.registry = registry
        self.service = source.rsplit("/", 1)[-1]
        self.max_record_bytes = max_record_bytes or max_event_bytes()

    def append(self, conn: psycopg.Connection, stream_id: str, expected_version: int,
               events: Sequence[NewEvent]) -> list[Event]:
        """Append ``events`` after ``expected_version`` (0 for a new stream) in the open transaction."""
        if not events:
            return []
        for event in events:
            self._check(event)
        context = _context()
        params = [
            (uuid.uuid4(), stream_id, expected_version + i, e.type, e.subject, document(e.data),
             Jsonb({**context, **e.metadata}))
            for i, e in enumerate(events, start=1)
        ]
        for event, row in zip(events, params):
            self._check_size(event, row)
        batch, unwaited = BATCH.get(), UNWAITED.get()
        if batch is not None:
            return self._behind(batch, events, params)
        if unwaited is not None:
            unwaited.append((stream_id, expected_version))
            return self._unwaited(conn, events, params)
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(params))
        try:
            # One statement for the whole batch: one round trip, in the order given.
            # The data is not sent back: the caller has it, and parsing it again costs.
            rows = conn.execute(
                "INSERT INTO events (event_id, stream_id, version, type, subject, data, metadata)"
                f" VALUES {values} RETURNING {_RETURNED}",
                [value for row in params for value in row]).fetchall()
        except (psycopg.errors.UniqueViolation, psycopg.errors.SerializationFailure) as exc:
            raise _moved_on(stream_id, expected_version) from exc
        rows.sort(key=lambda row: row["version"])
        for event in events:  # counted once stored; a later rollback of the caller is not subtracted
            EVENTS_APPENDED.labels(self.service, event.type).inc()
        return [self._event({**row, "data": event.data}) for row, event in zip(rows, events)]

    def _behind(self, batch: BatchView, events: Sequence[NewEvent],
                params: list[tuple]) -> list[Event]:
        """On the consumer's fast path: keep the rows for the batch's multi-row INSERT
        (shared/batchview.py), stamped with this process's clock, and return the events as they
        will be stored. A stream that moved on fails that INSERT, and the batch is redone the
        careful way, where this append waits for its answer as above."""
        at = datetime.now(timezone.utc)
        batch.rows.extend((*row, at) for row in params)
        batch.written.update(event.subject for event in events)
        batch.versions[params[-1][1]] = params[-1][2]
        return self._as_stored(events, params, at)

    def _unwaited(self, conn: psycopg.Connection, events: Sequence[NewEvent],
                  params: list[tuple]) -> list[Event]:
        """In an HTTP command's pipeline: the id, version and time (this process's clock, in the
        session's zone, as a read gives it) sent rather than RETURNed, the INSERT travels with
        the COMMIT; a stream that moved on is raised at the sync (``conflict``). Statements
        after it run after it on the server: a read in the same command sees the rows."""
        at = datetime.now(conn.info.timezone)
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(params))
        conn.execute(_UNWAITED + values, [value for row in params for value in (*row, at)])
        return self._as_stored(events, params, at)

    def _as_stored(self, events: Sequence[NewEvent], params: list, at: datetime) -> list[Event]:
        """The events as appended without waiting: what their rows will hold."""
        for event in events:  # counted once sent; a conflict at the commit is not subtracted
            EVENTS_APPENDED.labels(self.service, event.type).inc()
        return [Event(id=row[0], type=e.type, source=self.source, subject=e.subject, time=at,
                      data=e.data, stream_id=row[1], version=row[2], metadata=row[6].obj)
                for e, row in zip(events, params)]

    def load(self, conn: psycopg.Connection, stream_id: str) -> list[Event]:
        """Every event of one stream, oldest first."""
        rows = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = %s ORDER BY version",
                            (stream_id,)).fetchall()
        return [self._event(row) for row in rows]

    def _check(self, event: NewEvent) -> None:
        self.registry.check(event.type, event.data)
        if not event.subject:
            raise EventTypeError(f"{event.type} has no subject (the employee's NIP)")

    def _check_size(self, event: NewEvent, row: tuple) -> None:
        """Refuse, before any write, what would make a record the relay cannot send; the exact
        size only when a bound it cannot exceed (shared/recordsize.py) comes near the limit."""
        value, texts = row[5].dumps(event.data), (event.type, self.source, event.subject, row[1])
        if record_bound(value, texts, row[6].obj) <= self.max_record_bytes:
            return
        size = record_size(Event(id=row[0], type=event.type, source=self.source,
                                 subject=event.subject, time=_LONGEST_TIME, data=event.data,
                                 stream_id=row[1], version=row[2], metadata=row[6].obj),
                           value)
        if size > self.max_record_bytes:
            raise EventTooLarge(event.type, size, self.max_record_bytes)

    def _event(self, row) -> Event:
        return event_from_row(row, self.source)


def conflict(exc: psycopg.Error, appended: list[tuple[str, int]]) -> ConcurrencyError | None:
    """The ConcurrencyError ``exc`` (raised at a pipeline's sync) means when the events table's
    unique (stream, version) or its stream-order trigger (001_event_store.sql) refused one of the
    unwaited appends ``appended`` (stream, version read); None when it is about something else."""
    ours = (exc.diag.table_name == "events" if isinstance(exc, psycopg.errors.UniqueViolation)
            else "events_follow_stream" in (exc.diag.context or ""))
    if not (ours and appended):
        return None
    return _moved_on(*appended[0]) if len(appended) == 1 else ConcurrencyError(
        f"a stream moved on while the command ran: one of {', '.join(s for s, _ in appended)}")


def _moved_on(stream_id: str, expected_version: int) -> ConcurrencyError:
    return ConcurrencyError(f"stream {stream_id} is no longer at version {expected_version}")


def _context() -> dict:
    """Metadata every event appended here gets: who caused it, and in which HTTP request."""
    actor, requestid = ACTOR.get(), REQUEST_ID.get()
    return {**({"actor": actor} if actor else {}), **({"requestid": requestid} if requestid else {})}


def document(data: dict) -> Jsonb:
    """An event's data for the ``events`` table, dumped to JSON once: the size check measures
    these bytes and the INSERT sends them (also in a batch's rows, shared/batchview.py)."""
    printed = json_text(data)
    return Jsonb(data, dumps=lambda _: printed)


def event_from_row(row: dict, source: str) -> Event:
    """An Event from an ``events`` row read with a dict_row cursor (``data`` may be left out)."""
    return Event(id=row["event_id"], type=row["type"], source=source, subject=row["subject"],
                 time=row["recorded_at"], data=row.get("data"), stream_id=row["stream_id"],
                 version=row["version"], metadata=row["metadata"])
