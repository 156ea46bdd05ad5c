"""The consumer runner's parked records (shared/prerequisites.py says why a record waits): what
they wait for, parking one, and deciding those whose wait is over, in their partitions' order."""
from __future__ import annotations

import logging
from typing import Callable

from shared.batch import Item
from shared.batchview import BatchView
from shared.envelope import Event
from shared.ledger import Ledger, ParkedRecord
from shared.prerequisites import Prerequisites
from shared.seen import Seen

log = logging.getLogger(__name__)
MEMO = 5_000  # parked events kept decoded at most (a parked record and its event: a few kB)


class Parking:
    """The parked records of consumer ``name``; ``waiting`` is loaded at each batch's start."""

    def __init__(self, ledger: Ledger, prerequisites: Prerequisites, name: str) -> None:
        self.ledger, self.prerequisites, self.name = ledger, prerequisites, name
        self.waiting: set[str] = set()  # what this consumer's parked events wait for
        # The events this process parked, by where their records were: released, a record that
        # is the same bytes is not decoded and checked again (a bounded memo, never required).
        self.decoded: dict[tuple, Item] = {}

    def park(self, item: Item, waits_for: str) -> None:
        """Keep ``item`` until what it ``waits_for`` is applied."""
        log.info("%s waits for %s: %s %s (%s[%s]@%s)", self.name, waits_for, item.event.type,
                 item.event.id, item.record.topic, item.record.partition, item.record.offset)
        self.ledger.park(item.record, item.event.id, waits_for)
        self.waiting.add(waits_for)
        if len(self.decoded) >= MEMO:
            self.decoded.clear()
        self.decoded[_where(item.record)] = item

    def released_by(self, event: Event) -> list[str]:
        """What parked events wait for that ``event``, just applied, provides."""
        if not self.waiting:  # nothing parked: no keys to spell for every applied event
            return []
        return [k for k in self.prerequisites.released(event) if k in self.waiting]

    def due(self, seen: Seen) -> list[str]:
        """What parked events wait for that is there by now: another copy of the consumer, on
        other partitions, may have applied it while they were being parked, unseen."""
        return self.prerequisites.satisfied(seen, self.waiting) if self.waiting else []

    def release(self, keys: list[str], seen: Seen, view: BatchView | None,
                decode: Callable, decide: Callable[[Item], str]) -> list[Item]:
        """Decide the parked events waiting for ``keys``, in their partitions' order, and those
        that they release in turn; return them with their outcomes."""
        done: list[Item] = []
        while keys:
            self.waiting.difference_update(keys)
            # Each decoded when it was parked: decoded again unless this process parked it.
            items, keys = [self._decoded(r, decode) for r in self.ledger.unpark(keys)], []
            events = [item.event for item in items if item.event is not None]
            self.prerequisites.ahead(seen, events)
            if view is not None:
                view.next_up(events)
            for item in items:
                item.outcome = decide(item)
                if item.outcome == "applied":
                    item.outcome = "released"
                    keys += self.released_by(item.event)
                done.append(item)
        return done

    def _decoded(self, record: ParkedRecord, decode: Callable) -> Item:
        """The parked ``record`` as an Item: the event this process decoded when it parked the
        same bytes, else decoded anew."""
        parked = self.decoded.pop(_where(record), None)
        if parked is not None and parked.record.value == record.value and \
                list(parked.record.headers or ()) == record.headers:
            return Item(record, parked.event)
        return decode(record)


def _where(record) -> tuple:
    return record.topic, record.partition, record.offset
