"""Applying a run of events together: batch projectors and what they share.

A batch projector ``f(conn, events)`` applies consecutive events of one type exactly as the type's
per-event projector applied one by one would: the same rows with the same values. It writes with
a few multi-row statements of a fixed text (``EVENT_ROWS``: the events' versions, times and ids as
arrays, their documents as one JSON array, zipped back into rows in their order), so a replay
sends a statement per run of events instead of one per event.

Two events of one run may touch the same row (a resubmission of the same assessment): one
``INSERT ... ON CONFLICT DO UPDATE`` cannot change a row twice, and an ``UPDATE`` then ``INSERT``
per run would not see the run's own rows. ``without_repeats`` cuts a run where a key repeats, so
each statement's rows are distinct and applying them together is applying them in order.
"""
from __future__ import annotations

import json
from contextvars import ContextVar
from itertools import groupby
from operator import attrgetter
from typing import Callable, Hashable, Iterable, Iterator, Mapping, Sequence

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event

BatchProjector = Callable[[psycopg.Connection, list[Event]], None]
Projector = Callable[[psycopg.Connection, Event], None]

# The events of a run as rows: version v, time at, event id, document d (the event's data unless
# the projector gives others), and n, the event's place in the run. A fixed text for any size.
EVENT_ROWS = (
    "(SELECT r.v, r.at, r.id, j.d, r.n FROM unnest(%s::int[], %s::timestamptz[], %s::uuid[])"
    " WITH ORDINALITY AS r(v, at, id, n) JOIN jsonb_array_elements(%s::jsonb)"
    " WITH ORDINALITY AS j(d, m) ON m = r.n) AS e")


# The events' data as JSON texts (str or bytes), by event id, where the caller has them so (a
# replay reads them from the events table; the consumer's fast path keeps what the event rows'
# INSERT sent, shared/batchview.py): their data passes through as it came instead of printed
# again. An event without one is printed here.
DATA_TEXTS: ContextVar[Mapping | None] = ContextVar("asn_data_texts", default=None)


def event_rows(events: Sequence[Event], documents: Iterable | None = None) -> list:
    """The parameters of ``EVENT_ROWS`` for ``events`` (documents default to their data)."""
    texts = DATA_TEXTS.get() if documents is None else None
    if texts:
        array = _array([texts.get(e.id) for e in events], events)
        docs = Jsonb(None, dumps=lambda _: array)
    else:
        docs = Jsonb([e.data for e in events] if documents is None else list(documents))
    return [[e.version for e in events], [e.time for e in events], [e.id for e in events], docs]


def _array(texts: list, events: Sequence[Event]) -> str | bytes:
    """One JSON array of the events' data: their ``texts``, those missing (None) printed."""
    if None in texts:
        texts = [json.dumps(e.data) if t is None else t for t, e in zip(texts, events)]
    if all(type(t) is str for t in texts):
        return "[" + ",".join(texts) + "]"
    return b"[" + b",".join(t if type(t) is bytes else t.encode() for t in texts) + b"]"


def row_key(*fields: str) -> Callable[[Event], tuple]:
    """``keys`` for ``without_repeats``: the row an event writes, named by its data's ``fields``."""
    return lambda event: (tuple(event.data[f] for f in fields),)


def written(statement: str, *fields: str) -> BatchProjector:
    """The batch projector that writes one row per event with ``statement`` (over
    ``EVENT_ROWS``), the row named by the event's data ``fields``."""
    def project(conn: psycopg.Connection, events: list[Event]) -> None:
        for piece in without_repeats(events, row_key(*fields)):
            conn.execute(statement, event_rows(piece))
    return project


def without_repeats(events: Sequence[Event],
                    keys: Callable[[Event], Iterable[Hashable]]) -> Iterator[list[Event]]:
    """``events`` cut into consecutive pieces in which no key of ``keys(event)`` repeats."""
    piece: list[Event] = []
    seen: set = set()
    for event in events:
        mine = {k for k in keys(event) if k is not None}
        if seen & mine:
            yield piece
            piece, seen = [], set()
        piece.append(event)
        seen |= mine
    if piece:
        yield piece


def apply_many(conn: psycopg.Connection, events: Iterable[Event], one: Mapping[str, Projector],
               many: Mapping[str, BatchProjector], lanes: Mapping[str, str] | None = None) -> None:
    """Apply ``events`` as in their order: each run of one type by its batch projector in
    ``many`` if it has one, else event by event by its projector in ``one`` (types in neither
    are skipped).

    ``lanes`` (type -> lane) makes the runs long: a period's events interleave their types (a
    comparison, its discrepancies, its dialogue, the next comparison...). Types of different
    lanes write different tables and read none another lane writes, so their events commute:
    the events are held per lane, in their order, and each lane's runs applied together. A type
    without a lane is applied where it stands, after everything held before it.
    """
    held: dict[str, list[Event]] = {}
    for event in events:
        lane = (lanes or {}).get(event.type)
        if lane is not None:
            held.setdefault(lane, []).append(event)
            continue
        for lane_events in held.values():
            _apply_runs(conn, lane_events, one, many)
        held = {}
        _apply_runs(conn, [event], one, many)
    for lane_events in held.values():
        _apply_runs(conn, lane_events, one, many)


def _apply_runs(conn: psycopg.Connection, events: list[Event], one: Mapping[str, Projector],
                many: Mapping[str, BatchProjector]) -> None:
    for ce_type, run in groupby(events, key=attrgetter("type")):
        batch = many.get(ce_type)
        if batch is not None:
            batch(conn, list(run))
            continue
        single = one.get(ce_type)
        if single is not None:
            for event in run:
                single(conn, event)
