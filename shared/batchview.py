"""The consumer runner's batch as the adapters see it on the fast path (shared/batch.py).

While a polled batch's statements go out pipelined, ``BATCH`` holds a ``BatchView``: the batch's
events (so a store adapter can load what the events still to come will need in one query), a memo
for such loads, and the event rows written behind. The event store then sends no INSERT per
decision: it keeps the rows here, and ``flush`` writes them in a few multi-row statements before
the batch's bookkeeping, in the same transaction. Outside the fast path (HTTP commands, the
careful per-record redo, replays) ``BATCH`` is None and everything waits for its answer as before.

The projections are written behind too. The runner's view is given its service's ``apply``
(``ServiceDefinition.apply_kept``: the handlers and projectors, batched where there is a batch
one, lanes where tables are disjoint); the runner then hands each consumed event to ``handle``,
which keeps it instead of calling its handler (and counts it in ``handled``, for the loaders),
and ``PgRecorder.record`` keeps each decided event instead of projecting it, in one list in the
order they came. ``catch_up`` writes the event rows, then applies that list:
at the batch's end, and **before every read on the fast path**, because every reader on it is
handed ``reader``, the connection whose ``execute`` and ``cursor`` catch up first. So a read sees
exactly what it saw when each event was applied at once; it cannot be forgotten by an adapter,
since it never sees the bare connection. The read paths, checked:

- the reactors and all they load: the runner calls them with ``reader``, and the services'
  ``wire`` builds their context on it (feedback's and training's ``PgStore`` and their batch
  loaders ``BatchStates``, ``BatchSituations``, whose reloads therefore follow a catch-up; the
  recorder and the event store, which on the fast path send nothing);
- the prerequisites (``shared/seen.py``, ``Seen.conn`` is ``reader`` on the fast path: what is
  known reads the handlers' tables) and the parked records they release (``shared/parking.py``);
- the runner and its ledger (``shared/ledger.py``): offsets, processed ids and parked records,
  tracking tables no handler or projector writes; they keep the bare connection;
- the handlers and projectors themselves read no table another type writes (their lanes).

A failure while catching up raises ``Isolate``: the batch is redone the careful way, where each
event is applied at once with a savepoint. HTTP commands and the careful redo keep nothing and
project each event as it is recorded; a bulk command (``shared/bulk.py``) keeps its events as a
batch does and reads through the view's ``reader``.
"""
from __future__ import annotations

import json
from collections import Counter
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event
from shared.projecting import DATA_TEXTS

# One statement for any number of rows: the scalar columns as arrays and the documents as one JSON
# array, zipped back into rows in their order. (A VALUES list would be a new statement text,
# parsed anew, for every size of batch; a jsonb[] array is escaped element by element, slowly.)
_EVENT_INSERT = (
    "INSERT INTO events (event_id, stream_id, version, type, subject, data, metadata, recorded_at)"
    " SELECT e, s, v, t, sub, doc->0, doc->1, at FROM unnest(%s::uuid[], %s::text[], %s::int[],"
    " %s::text[], %s::text[], %s::timestamptz[]) WITH ORDINALITY AS r(e, s, v, t, sub, at, n)"
    " JOIN jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS j(doc, m) ON m = n ORDER BY n")


class Isolate(Exception):
    """Raised on the fast path when a record fails (or its pipeline reports a database error):
    redo the batch without a pipeline and with a savepoint per record."""


@dataclass
class BatchView:
    """One batch on the fast path: its events, where the runner is in them, and what waits."""

    events: list[Event]
    memo: dict = field(default_factory=dict)
    rows: list[tuple] = field(default_factory=list)  # event rows written behind, in order
    written: Counter = field(default_factory=Counter)  # events appended per subject so far
    versions: dict[str, int] = field(default_factory=dict)  # stream -> last version kept here
    decided: Counter = field(default_factory=Counter)  # consumed events decided per subject
    current: Event | None = None  # the consumed event being decided
    # the service's handlers and projectors for a list of events (None: apply each at once)
    apply: Callable[[psycopg.Connection, list[Event]], None] | None = None
    kept: list[Event] = field(default_factory=list)  # consumed and decided, not applied yet
    handled: Counter = field(default_factory=Counter)  # (subject, type) -> consumed handled
    reader: Any = None  # the connection readers on the fast path are handed (``Reading``)
    # event id -> its data as the event row's INSERT sent it: the projectors pass it on as it is
    # (shared.projecting.DATA_TEXTS) instead of printing each decided event's data once more
    texts: dict = field(default_factory=dict)
    _at: int = -1  # the place in ``events`` of the last of them the runner reached
    _index: dict = field(default_factory=dict)
    # Released events still to be decided, before events[_at + 1:]; the next one last (a stack:
    # released events go in and come out at its end, never shifting the batch's own places).
    _released: list[Event] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index = {event.id: n for n, event in enumerate(self.events)}

    def now(self, event: Event) -> None:
        """The runner is deciding ``event`` (a parked one released keeps the place it had)."""
        if any(e.id == event.id for e in reversed(self._released)):  # released: the next, mostly
            while self._released.pop().id != event.id:  # those before it are past
                pass
        elif event.id in self._index:  # one of the batch's: what was released before it is past
            self._at, self._released = self._index[event.id], []
        self.current = event
        self.decided[event.subject] += 1

    def next_up(self, events: list[Event]) -> None:
        """Parked events just released: they are decided next, before the rest of the batch."""
        self._released.extend(reversed(events))

    def upcoming(self) -> list[Event]:
        """The batch's events after the one being decided."""
        return self._released[::-1] + self.events[self._at + 1:]

    def handle(self, event: Event, handler: Callable, deferrable: bool) -> None:
        """The consumed ``event``'s handler: kept when ``deferrable`` (it is the one ``apply``
        stands for), else called at once on ``reader``; counted either way."""
        self.handled[(event.subject, event.type)] += 1
        if not (deferrable and self.keep([event])):
            handler(self.reader, event)

    def keep(self, events: Sequence[Event]) -> bool:
        """Keep ``events`` to apply before the next read; False when the view applies nothing
        (the caller applies them at once)."""
        if self.apply is None:
            return False
        self.kept.extend(events)
        return True

    def catch_up(self, conn: psycopg.Connection) -> None:
        """Write the event rows kept so far, then apply the kept events in their order."""
        kept, self.kept = self.kept, []
        try:
            self.flush(conn)
            if kept:
                token = DATA_TEXTS.set(self.texts)
                try:
                    self.apply(conn, kept)
                finally:
                    DATA_TEXTS.reset(token)
        except Exception as exc:
            raise Isolate() from exc

    def flush(self, conn: psycopg.Connection) -> None:
        """Write the event rows kept so far, in the order they were appended."""
        rows, self.rows = self.rows, []
        if rows:
            ids, streams, versions, types, subjects, data, metadata, times = zip(*rows)
            # The data as the event store dumped it already (for its size check), not again;
            # kept for the projectors by event id (``texts``).
            printed = [_dumped(d) for d in data]
            self.texts.update(zip(ids, printed))
            documents = b"[" + b",".join(b"[%s,%s]" % (d, _dumped(m))
                                         for d, m in zip(printed, metadata)) + b"]"
            conn.execute(_EVENT_INSERT, (list(ids), list(streams), list(versions), list(types),
                                         list(subjects), list(times),
                                         Jsonb(None, dumps=lambda _: documents)))


def _dumped(document: Jsonb) -> bytes:
    """A Jsonb parameter's JSON, with its own dumps if it has one."""
    text = (document.dumps or json.dumps)(document.obj)
    return text if isinstance(text, bytes) else text.encode()


class Reading:
    """``conn`` for the readers of the fast path: each statement after ``view``'s catch-up."""

    def __init__(self, conn: psycopg.Connection, view: BatchView) -> None:
        self.conn, self.view = conn, view

    def execute(self, *args, **kwargs) -> psycopg.Cursor:
        """``conn.execute`` once what the view keeps is applied."""
        self.view.catch_up(self.conn)
        return self.conn.execute(*args, **kwargs)

    def cursor(self, *args, **kwargs) -> psycopg.Cursor:
        """``conn.cursor`` once what the view keeps is applied."""
        self.view.catch_up(self.conn)
        return self.conn.cursor(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


BATCH: ContextVar[BatchView | None] = ContextVar("asn_batch", default=None)
