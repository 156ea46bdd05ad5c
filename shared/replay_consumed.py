"""A replay's consumed records: the consumer runner decides each record as live (duplicates,
prerequisites, parking, dead letters), and the handlers' writes go out together at the batch's end.

The runner calls a handler per record. In a replay the handlers only write projections (no
reactor runs), so the runner is handed stand-ins that keep each event, in the order they are
called, and at the end of the batch, in the same transaction, the kept events are applied runs
at a time (the service's ``batch_handlers``, shared/projecting.py). That gives the same rows as
applying them one by one as long as nothing reads a kept event's write before the batch's end:

- handlers read nothing (they write projections);
- what the runner reads of the projections is whether the things events name are known
  (shared/prerequisites.py). A thing announced on the naming event's own partition was announced
  in an earlier batch, or earlier in this one, where the runner notes it itself. A thing announced
  on another partition can release a parked event in the same batch, which asks the database: the
  announcing types' handlers therefore run at once, as live (their tables are not written by the
  kept types: a period's events).

A record a handler refuses (UnprocessableEvent) or whose values the database refuses (DataError),
which the live consumer dead-lettered, fails only at the batch's end: the batch is then rolled back
and decided again by the ordinary runner, the record skipped as before.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable

import psycopg

from shared.batch import BatchResult
from shared.config import Settings
from shared.consumer import UnprocessableEvent
from shared.db import set_search_path
from shared.envelope import Event
from shared.projecting import apply_many
from shared.service import ServiceDefinition


class Deferred:
    """Stand-ins for a service's handlers that keep the events for ``apply``; the handlers of
    types that announce what events on other partitions wait for stay as they are."""

    def __init__(self, service: ServiceDefinition) -> None:
        self.service, self.kept = service, {}
        at_once = {ce_type for refs in service.refers.values() for ref in refs
                   if not ref.same_partition for ce_type in ref.known.announced_by}
        self.handlers = {ce_type: handler if ce_type in at_once else self._keep
                         for ce_type, handler in service.handlers.items()}

    def _keep(self, conn: psycopg.Connection, event: Event) -> None:
        # by id: a batch the runner redoes the careful way calls again for the same events
        self.kept.setdefault(event.id, event)

    def apply(self, conn: psycopg.Connection) -> None:
        """Apply the kept events in the order they came, runs of one type together."""
        events, self.kept = list(self.kept.values()), {}
        apply_many(conn, events, self.service.handlers, self.service.batch_handlers,
                   self.service.lanes)

    def forget(self) -> None:
        """Drop what was kept (its batch was rolled back)."""
        self.kept = {}


class ConsumedReplay:
    """Applies a replay's consumed batches into ``schema`` (see the module's docstring); a
    service without batch handlers goes through the ordinary runner only."""

    def __init__(self, conn: psycopg.Connection, service: ServiceDefinition, settings: Settings,
                 schema: str) -> None:
        self.conn, self.schema = conn, schema
        self.careful = service.consumer_runner(conn, settings, decide=False, schema=schema)
        self.deferred = Deferred(service) if service.batch_handlers else None
        self.fast = None if self.deferred is None else dataclasses.replace(
            service, handlers=self.deferred.handlers).consumer_runner(
            conn, settings, decide=False, schema=schema)

    def process(self, records: Iterable) -> BatchResult:
        """Apply one batch of records in one transaction and return what happened."""
        records = list(records)
        if self.fast is None:
            return self.careful.process(records)
        try:
            with self.conn.transaction():  # the runner's own transaction becomes a savepoint
                result = self.fast.process(records)
                set_search_path(self.conn, self.schema)
                with self.conn.pipeline():
                    self.deferred.apply(self.conn)
            return result
        except (psycopg.DataError, UnprocessableEvent):
            self.deferred.forget()
            return self.careful.process(records)
