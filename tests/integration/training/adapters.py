"""The training handlers' two adapters side by side, for the abstract handler tests.

``Adapter`` gives a test the same three moves on either: ``given`` applies consumed events (the
handlers' work), ``ctx`` is the context a handler or reactor is called with, and ``recorded``
lists what was recorded since the adapter was made, in order. The in-memory one is fed by the
events it records (``MemoryRecorder(project=store.apply)``) and starts from the seeded catalogue;
the PostgreSQL one works in one transaction on a database copied from the service's template,
rolled back at the end.
"""
from __future__ import annotations

import dataclasses
from datetime import date

import psycopg
from psycopg.rows import dict_row

from services.training.catalogue import seed_catalogue
from services.training.definition import SERVICE
from services.training.memory import MemoryStore
from services.training.reference import load_rules, load_suggestions, seeded_programmes
from services.training.wiring import Context
from shared.config import Settings
from shared.envelope import Event
from shared.recording import MemoryRecorder

TODAY = date(2026, 6, 15)


class Adapter:
    """One adapter under test: its context, how consumed events reach it, what it recorded."""

    name: str
    ctx: Context

    def given(self, *events: Event) -> None:
        raise NotImplementedError

    def recorded(self) -> list[dict]:
        """Each recorded event as {type, stream_id, version, subject, data, causationid}."""
        raise NotImplementedError


class MemoryAdapter(Adapter):
    name = "memory"

    def __init__(self) -> None:
        store, self._log = MemoryStore(), []

        def project(event: Event) -> None:
            store.apply(event)
            self._log.append(event)
        recorder = MemoryRecorder(SERVICE.source, SERVICE.registry, project=project)
        seed_catalogue(store, recorder, seeded_programmes())
        self._seeded = len(self._log)
        self.ctx = Context(store, recorder, load_rules(), load_suggestions(), lambda: TODAY)

    def given(self, *events: Event) -> None:
        for event in events:
            self.ctx.store.apply(event)

    def recorded(self) -> list[dict]:
        return [_row(e.type, e.stream_id, e.version, e.subject, e.data, e.metadata)
                for e in self._log[self._seeded:]]


class PgAdapter(Adapter):
    name = "postgresql"

    def __init__(self, settings: Settings) -> None:
        self.conn = psycopg.connect(settings.database_url(SERVICE.name), row_factory=dict_row)
        self.ctx = dataclasses.replace(SERVICE.wire(SERVICE, settings)(self.conn),
                                       today=lambda: TODAY)
        self._since = self.conn.execute("SELECT coalesce(max(position), 0) AS p FROM events"
                                        ).fetchone()["p"]

    def given(self, *events: Event) -> None:
        for event in events:
            handler = SERVICE.handlers.get(event.type)
            if handler is not None:
                handler(self.conn, event)

    def recorded(self) -> list[dict]:
        rows = self.conn.execute("SELECT type, stream_id, version, subject, data, metadata"
                                 " FROM events WHERE position > %s ORDER BY position",
                                 (self._since,)).fetchall()
        return [_row(**r) for r in rows]

    def close(self) -> None:
        self.conn.rollback()
        self.conn.close()


def _row(type: str, stream_id: str, version: int, subject: str, data: dict,
         metadata: dict) -> dict:
    return {"type": type.split(".")[1], "stream_id": stream_id, "version": version,
            "subject": subject, "data": data, "causationid": metadata.get("causationid")}
