"""What a consumed event needs before it is applied: checked the same way in every consumer.

A record can pass its schema and still make no sense here: it comes from a service that does not
write that topic, or it is about an employee or a period this consumer was never told of. And
Kafka keeps order only within a partition (one topic, one key), so a fact from another partition
or another topic may simply not have arrived yet. Each service states, as data, what its consumed
event types need; the runner asks ``Prerequisites.verdict`` before it applies one:

- a source that is not the topic's producer: dead-lettered;
- a reference announced on the same partition (an employee's own NIP on the same topic: the
  registration was published before anything about the employee): if it is unknown, it never will
  be, and the record is dead-lettered;
- a reference announced elsewhere (a period, keyed by its id on another partition): the event
  waits, parked in the consumer's transaction, until the announcement is applied;
- an event decided because of another (its causation id) on a topic this consumer also reads:
  it waits until its cause has been applied, so that decisions never depend on which topic's
  partition happened to be read first.

A parked event is applied, in its partition's order, in the same transaction as the event that
releases it (``released``), and a replay parks and releases the same way as the live consumer.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

import psycopg
from psycopg import sql

if TYPE_CHECKING:  # shared.events declares what its topics announce with the classes below
    from shared.envelope import Event

DEAD, WAIT = "dead", "wait"


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


@dataclass(frozen=True)
class Refers:
    """One data field of an event that names a ``Known`` thing.

    ``same_partition``: the announcement travels on the referring event's own partition (same
    topic, same key), so it has arrived if it ever will; otherwise the event waits for it.
    """
    field: str
    known: Known
    same_partition: bool


@dataclass(frozen=True)
class Verdict:
    outcome: str   # DEAD or WAIT
    detail: str    # the reason (DEAD) or the key waited for (WAIT)


@dataclass(frozen=True)
class Prerequisites:
    """A service's rules for its consumed events (see the module's docstring).

    ``sources``: topic -> the only ce_source that may write it; ``refers``: event type -> the
    references to check; ``after_cause``: event types decided only once their cause is applied.
    """
    sources: Mapping[str, str] = field(default_factory=dict)
    refers: Mapping[str, tuple[Refers, ...]] = field(default_factory=dict)
    after_cause: frozenset[str] = frozenset()

    def prepare(self, conn: psycopg.Connection, consumer: str, events: list[Event]) -> "Seen":
        """What a batch's events need, read before any of them is applied: one query per kind
        of reference and one for the causes, instead of a round trip per event."""
        seen = Seen(conn, consumer, {}, (set(), set()))
        self.ahead(seen, events)
        return seen

    def ahead(self, seen: "Seen", events: list[Event]) -> None:
        """Read at once what ``events`` (a batch, or parked ones released) need and ``seen``
        was not asked yet."""
        asked: dict[str, tuple[Known, set]] = {}
        for event in events:
            for ref in self.refers.get(event.type, ()):
                if event.data.get(ref.field) is not None:
                    asked.setdefault(ref.known.name, (ref.known, set()))[1].add(
                        event.data[ref.field])
        for name, (known, values) in asked.items():
            before, found = seen.things.setdefault(name, (set(), set()))
            new = values - before - found
            before |= new
            found |= _known(seen.conn, known, new)
        causes = {c for e in events if e.type in self.after_cause
                  and (c := _uuid(e.metadata.get("causationid"))) is not None}
        before, found = seen.causes
        new = causes - before - found
        before |= new
        found |= _applied(seen.conn, seen.consumer, new)

    def verdict(self, seen: "Seen", topic: str, event: Event) -> Verdict | None:
        """None when ``event`` may be applied now."""
        expected = self.sources.get(topic)
        if expected is not None and event.source != expected:
            return Verdict(DEAD, f"foreign source: {event.source!r} does not write {topic}"
                                 f" (only {expected!r} does)")
        for ref in self.refers.get(event.type, ()):
            value = event.data.get(ref.field)
            if value is None or seen.knows(ref.known, value):
                continue
            if ref.same_partition:
                return Verdict(DEAD, f"unknown {ref.known.name} {value!r}: {topic} never announced"
                                     f" it before this {event.type} ({ref.field})")
            return Verdict(WAIT, key(ref.known.name, value))
        named = event.metadata.get("causationid")
        if event.type in self.after_cause and named:
            cause = _uuid(named)
            if cause is None:
                return Verdict(DEAD, f"causationid {named!r} is not a UUID")
            if not seen.applied(cause):
                return Verdict(WAIT, key("event", cause))  # as released() spells it
        return None

    def note(self, seen: "Seen", event: Event) -> None:
        """``event`` was applied: it is a cause now, and what it announces is known."""
        seen.causes[1].add(event.id)
        for refs in self.refers.values():
            for ref in refs:
                announced = ref.known.announced_by.get(event.type)
                if announced and ref.known.name in seen.things:
                    seen.things[ref.known.name][1].add(event.data.get(announced))

    def released(self, event: Event) -> list[str]:
        """The keys an applied event satisfies: itself as a cause, and what it announces."""
        keys = [key("event", event.id)]
        for refs in self.refers.values():
            for ref in refs:
                announced = ref.known.announced_by.get(event.type)
                if announced and event.data.get(announced) is not None:
                    keys.append(key(ref.known.name, event.data[announced]))
        return list(dict.fromkeys(keys))


NONE = Prerequisites()


def key(kind: str, value) -> str:
    """The key a parked event waits on: ``<kind>:<value>`` (``event:<id>`` for a cause)."""
    return f"{kind}:{value}"


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

    def knows(self, known: Known, value) -> bool:
        """Whether ``value`` is a known ``known``; the database is asked once per value."""
        asked, found = self.things.setdefault(known.name, (set(), set()))
        if value not in asked and value not in found:
            asked.add(value)
            found |= _known(self.conn, known, {value})
        return value in found

    def applied(self, event_id: uuid.UUID) -> bool:
        """Whether event ``event_id`` is applied; the database is asked once per id."""
        asked, found = self.causes
        if event_id not in asked and event_id not in found:
            asked.add(event_id)
            found |= _applied(self.conn, self.consumer, {event_id})
        return event_id in found


def _uuid(value) -> uuid.UUID | None:
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
