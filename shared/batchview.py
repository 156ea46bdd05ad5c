"""The consumer runner's batch as the adapters see it on the fast path (shared/batch.py).

While a polled batch's statements go out pipelined, ``BATCH`` holds a ``BatchView``: the batch's
events (so a store adapter can load what the events still to come will need in one query), a memo
for such loads, and the event rows written behind. The event store then sends no INSERT per
decision: it keeps the rows here, and ``flush`` writes them in a few multi-row statements before
the batch's bookkeeping, in the same transaction. Outside the fast path (HTTP commands, the
careful per-record redo, replays) ``BATCH`` is None and everything waits for its answer as before.
"""
from __future__ import annotations

import json
from collections import Counter
from contextvars import ContextVar
from dataclasses import dataclass, field

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event

# One statement for any number of rows: the scalar columns as arrays and the documents as one JSON
# array, zipped back into rows in their order. (A VALUES list would be a new statement text,
# parsed anew, for every size of batch; a jsonb[] array is escaped element by element, slowly.)
_EVENT_INSERT = (
    "INSERT INTO events (event_id, stream_id, version, type, subject, data, metadata, recorded_at)"
    " SELECT e, s, v, t, sub, doc->0, doc->1, at FROM unnest(%s::uuid[], %s::text[], %s::int[],"
    " %s::text[], %s::text[], %s::timestamptz[]) WITH ORDINALITY AS r(e, s, v, t, sub, at, n)"
    " JOIN jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS j(doc, m) ON m = n ORDER BY n")


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

    def flush(self, conn: psycopg.Connection) -> None:
        """Write the event rows kept so far, in the order they were appended."""
        rows, self.rows = self.rows, []
        if rows:
            ids, streams, versions, types, subjects, data, metadata, times = zip(*rows)
            # The data as the event store dumped it already (for its size check), not again.
            documents = b"[" + b",".join(b"[%s,%s]" % (_dumped(d), _dumped(m))
                                         for d, m in zip(data, metadata)) + b"]"
            conn.execute(_EVENT_INSERT, (list(ids), list(streams), list(versions), list(types),
                                         list(subjects), list(times),
                                         Jsonb(None, dumps=lambda _: documents)))


def _dumped(document: Jsonb) -> bytes:
    """A Jsonb parameter's JSON, with its own dumps if it has one."""
    text = (document.dumps or json.dumps)(document.obj)
    return text if isinstance(text, bytes) else text.encode()


BATCH: ContextVar[BatchView | None] = ContextVar("asn_batch", default=None)
