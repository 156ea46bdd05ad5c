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

    def verdict(self, conn: psycopg.Connection, consumer: str, topic: str, event: Event,
                unsettled: set) -> Verdict | None:
        """None when ``event`` may be applied now. ``unsettled``: ids of this batch's events that
        are not applied (yet), which the database would already count as processed."""
        expected = self.sources.get(topic)
        if expected is not None and event.source != expected:
            return Verdict(DEAD, f"foreign source: {event.source!r} does not write {topic}"
                                 f" (only {expected!r} does)")
        for ref in self.refers.get(event.type, ()):
            value = event.data.get(ref.field)
            if value is None or _known(conn, ref.known, value):
                continue
            if ref.same_partition:
                return Verdict(DEAD, f"unknown {ref.known.name} {value!r}: {topic} never announced"
                                     f" it before this {event.type} ({ref.field})")
            return Verdict(WAIT, key(ref.known.name, value))
        cause = event.metadata.get("causationid")
        if event.type in self.after_cause and cause:
            try:
                cause = uuid.UUID(cause)
            except ValueError:
                return Verdict(DEAD, f"causationid {cause!r} is not a UUID")
            if not _applied(conn, consumer, cause, unsettled):
                return Verdict(WAIT, key("event", cause))
        return None

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
    return f"{kind}:{value}"


def _known(conn: psycopg.Connection, known: Known, value) -> bool:
    query = sql.SQL("SELECT EXISTS (SELECT 1 FROM {} WHERE {} = %s)").format(
        sql.Identifier(known.table), sql.Identifier(known.column))
    return conn.execute(query, (value,)).fetchone()["exists"]


def _applied(conn: psycopg.Connection, consumer: str, event_id: uuid.UUID,
             unsettled: set) -> bool:
    if event_id in unsettled:
        return False
    return conn.execute(
        "SELECT EXISTS (SELECT 1 FROM processed_events WHERE consumer = %(c)s"
        " AND event_id = %(id)s) AND NOT EXISTS (SELECT 1 FROM parked_events"
        " WHERE consumer = %(c)s AND event_id = %(id)s) AS applied",
        {"c": consumer, "id": event_id}).fetchone()["applied"]
