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
Copies of a consumer on other partitions may apply what an event waits for while it is being
parked; each batch therefore also releases the parked events whose wait is over (``satisfied``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Mapping

import psycopg

from shared.seen import Known, Seen, as_uuid

if TYPE_CHECKING:  # shared.events declares what its topics announce with the classes below
    from shared.envelope import Event

DEAD, WAIT = "dead", "wait"


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

    def prepare(self, conn: psycopg.Connection, consumer: str, events: list[Event]) -> Seen:
        """What a batch's events need, read before any of them is applied: one query per kind
        of reference and one for the causes, instead of a round trip per event."""
        seen = Seen(conn, consumer, {}, (set(), set()))
        self.ahead(seen, events)
        # The batch's own events count as causes once applied here (``note``), never because the
        # database has marked them processed already: it does so before they are applied.
        seen.causes[0].update(event.id for event in events)
        return seen

    def ahead(self, seen: Seen, events: list[Event]) -> None:
        """Read at once what ``events`` (a batch, or parked ones released) need and ``seen``
        was not asked yet."""
        asked: dict[str, tuple[Known, set]] = {}
        for event in events:
            for ref in self.refers.get(event.type, ()):
                if event.data.get(ref.field) is not None:
                    asked.setdefault(ref.known.name, (ref.known, set()))[1].add(
                        event.data[ref.field])
        for known, values in asked.values():
            seen.ask(known, values)
        seen.ask_causes({c for e in events if e.type in self.after_cause
                         and (c := as_uuid(e.metadata.get("causationid"))) is not None})

    @cached_property
    def known(self) -> dict[str, Known]:
        """Each Known the references name, by its name (read once per Prerequisites)."""
        return {ref.known.name: ref.known for refs in self.refers.values() for ref in refs}

    @cached_property
    def announces(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Event type -> what it announces, (the Known's name, the data field naming it), in
        the references' order: worked out once, not for every applied event."""
        pairs: dict[str, dict[tuple[str, str], None]] = {}
        for refs in self.refers.values():
            for ref in refs:
                for ce_type, announced in ref.known.announced_by.items():
                    if announced:
                        pairs.setdefault(ce_type, {})[(ref.known.name, announced)] = None
        return {ce_type: tuple(found) for ce_type, found in pairs.items()}

    def satisfied(self, seen: Seen, keys: set[str]) -> list[str]:
        """Those of the keys parked events wait for that are met by now, as committed (another
        copy of the consumer may have applied what they wait for while they were being parked)."""
        known = self.known
        wanted = [(key, *key.split(":", 1)) for key in sorted(keys)]
        for name, thing in known.items():
            seen.ask(thing, {value for _, kind, value in wanted if kind == name})
        seen.ask_causes({c for _, kind, value in wanted if kind == "event" and (c := as_uuid(value))})
        return [key for key, kind, value in wanted
                if (kind == "event" and as_uuid(value) in seen.causes[1])
                or (kind in known and value in seen.things[kind][1])]

    def verdict(self, seen: Seen, topic: str, event: Event) -> Verdict | None:
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
            cause = as_uuid(named)
            if cause is None:
                return Verdict(DEAD, f"causationid {named!r} is not a UUID")
            if not seen.applied(cause):
                return Verdict(WAIT, key("event", cause))  # as released() spells it
        return None

    def note(self, seen: Seen, event: Event) -> None:
        """``event`` was applied: it is a cause now, and what it announces is known."""
        seen.causes[1].add(event.id)
        for name, announced in self.announces.get(event.type, ()):
            if name in seen.things:
                seen.things[name][1].add(event.data.get(announced))

    def released(self, event: Event) -> list[str]:
        """The keys an applied event satisfies: itself as a cause, and what it announces."""
        keys = [f"event:{event.id}"]  # key("event", event.id)
        for name, announced in self.announces.get(event.type, ()):
            if event.data.get(announced) is not None:
                keys.append(key(name, event.data[announced]))
        return list(dict.fromkeys(keys)) if len(keys) > 1 else keys


NONE = Prerequisites()


def key(kind: str, value) -> str:
    """The key a parked event waits on: ``<kind>:<value>`` (``event:<id>`` for a cause)."""
    return f"{kind}:{value}"
