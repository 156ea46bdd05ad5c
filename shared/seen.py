"""What one consumed batch's events need, as known before the batch and as it applies them: the
lookups behind shared/prerequisites.py, one query per kind of thing asked about."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Callable, Mapping

import psycopg
from psycopg import sql


@dataclass(frozen=True)
class Known:
    """A kind of thing a consumed topic announces before other events name it.

    ``table``/``column``: where this consumer's projections keep the things it knows;
    ``announced_by``: event type -> the data field naming the thing announced.
    """
    name: str
    table: str
    column: str
    announced_by: Mapping[str, str]


@dataclass
class Seen:
    """What one batch's events need, as known before the batch and as the batch applies them.

    ``things``: a Known's name -> (the values asked about, those known); ``causes``: (the cause
    ids asked about, those applied). A value not asked about (a parked event released later) is
    looked up when it is needed.
    """
    conn: psycopg.Connection
    consumer: str
    things: dict[str, tuple[set, set]]
    causes: tuple[set, set]
    # Writes what the runner parked and has not written yet, before parked_events is read.
    write_parked: Callable[[], None] = lambda: None

    def knows(self, known: Known, value) -> bool:
        """Whether ``value`` is a known ``known``; the database is asked once per value."""
        asked, found = self.things.get(known.name) or ((), ())
        if value in found or value in asked:  # asked before: no query, no sets built
            return value in found
        self.ask(known, {value})
        return value in self.things[known.name][1]

    def applied(self, event_id: uuid.UUID) -> bool:
        """Whether event ``event_id`` is applied; the database is asked once per id."""
        if event_id in self.causes[1] or event_id in self.causes[0]:
            return event_id in self.causes[1]
        self.ask_causes({event_id})
        return event_id in self.causes[1]

    def ask(self, known: Known, values: set) -> None:
        """Look up, in one query, those of ``values`` not asked about yet."""
        asked, found = self.things.setdefault(known.name, (set(), set()))
        new = values - asked - found
        asked |= new
        found |= _known(self.conn, known, new)

    def ask_causes(self, ids: set) -> None:
        """Look up, in one query, whether those of the event ``ids`` not asked yet are applied."""
        asked, found = self.causes
        new = ids - asked - found
        asked |= new
        if new:
            self.write_parked()
        found |= _applied(self.conn, self.consumer, new)


def as_uuid(value) -> uuid.UUID | None:
    """``value`` as a UUID, or None when it is none."""
    try:
        return uuid.UUID(value) if value else None
    except (ValueError, TypeError, AttributeError):
        return None


def _known(conn: psycopg.Connection, known: Known, values: set) -> set:
    """Those of ``values`` this consumer's projection holds."""
    if not values:
        return set()
    query = sql.SQL("SELECT {col} AS v FROM {table} WHERE {col} = ANY(%s)").format(
        col=sql.Identifier(known.column), table=sql.Identifier(known.table))
    return {r["v"] for r in conn.execute(query, (list(values),)).fetchall()}


def _applied(conn: psycopg.Connection, consumer: str, ids: set) -> set:
    """Those of the event ids ``consumer`` has applied (processed, and not waiting parked)."""
    if not ids:
        return set()
    rows = conn.execute(
        "SELECT event_id FROM processed_events p WHERE consumer = %(c)s"
        " AND event_id = ANY(%(ids)s::uuid[]) AND NOT EXISTS (SELECT 1 FROM parked_events w"
        " WHERE w.consumer = %(c)s AND w.event_id = p.event_id)",
        {"c": consumer, "ids": list(ids)}).fetchall()
    return {r["event_id"] for r in rows}
