"""A replay's consumed records: the consumer runner decides each record as live (duplicates,
prerequisites, parking, dead letters), and the handlers' writes go out together.

The replay's runner is the live one without reactors (``decide=False``). On its fast path it
keeps each consumed event instead of calling its handler and applies the kept events runs at a
time (the service's ``batch_handlers``, shared/projecting.py) before anything reads and at the
batch's end, in its transaction (shared/batchview.py says how, and which reads it checked):
the prerequisites' queries (a thing announced on another partition can release a parked event
in the same batch) see every handler's write before them, as live.

A record a handler refuses (UnprocessableEvent) or whose values the database refuses (DataError),
which the live consumer dead-lettered, fails the fast path when the kept events are applied: the
batch is then rolled back and decided again by the runner record by record, the record skipped
as before.
"""
from __future__ import annotations

from typing import Iterable

import psycopg

from shared.batch import BatchResult
from shared.config import Settings
from shared.service import ServiceDefinition


class ConsumedReplay:
    """Applies a replay's consumed batches into ``schema`` (see the module's docstring)."""

    def __init__(self, conn: psycopg.Connection, service: ServiceDefinition, settings: Settings,
                 schema: str) -> None:
        self.runner = service.consumer_runner(conn, settings, decide=False, schema=schema)

    def process(self, records: Iterable) -> BatchResult:
        """Apply one batch of records in one transaction and return what happened."""
        return self.runner.process(records)
