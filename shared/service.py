"""What makes a service: its name, migrations, the topics it reads and how its projections are fed."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import psycopg

from shared.config import Settings
from shared.consumer import ConsumerRunner, Handler
from shared.db import SHARED_MIGRATIONS
from shared.envelope import Event, NewEvent
from shared.eventstore import EventStore
from shared.events import Registry
from shared.prerequisites import Prerequisites, Refers
from shared.projecting import BatchProjector, apply_many
from shared.recording import PgRecorder, Recorder

TRACKING_TABLES = ("consumer_offsets", "processed_events", "parked_events")


@dataclass(frozen=True, kw_only=True)
class ServiceDefinition:
    """One service. ``projectors`` apply its own events, ``handlers`` other services' events.

    ``reactors`` are the service's decisions on other services' events: they run in the consumer
    after the handler of the same type and are called ``reactor(context, event)`` with the context
    ``wire`` builds (they load through its store and record the service's own events through its
    recorder; without ``wire``, ``reactor(conn, event)``). A replay runs handlers and projectors but never reactors: the decisions are already
    in the events table, and their projections are rebuilt from there.

    ``refers`` and ``after_cause`` say what a consumed event needs before it is applied
    (``shared.prerequisites``): the things it names, and whether its cause must be applied first.

    ``seed`` records the reference data every deployment starts with (run by setup; idempotent).
    Migrations live in ``<migrations>/store`` (write side: kept by a replay) and
    ``<migrations>/projections`` (read side: dropped and rebuilt by a replay).
    """

    name: str
    migrations: Path
    consumes: tuple[str, ...] = ()
    handlers: Mapping[str, Handler] = field(default_factory=dict)
    projectors: Mapping[str, Handler] = field(default_factory=dict)
    reactors: Mapping[str, Callable[[Any, Event], None]] = field(default_factory=dict)
    # ``f(conn, events)`` for a run of one type, as its projector (handler) one by one would
    # (shared.projecting): a replay applies runs of events with a few statements each
    batch_projectors: Mapping[str, BatchProjector] = field(default_factory=dict)
    batch_handlers: Mapping[str, BatchProjector] = field(default_factory=dict)
    # type -> lane: types of different lanes write different tables and read none another
    # writes, so a batch may apply each lane's events together (``shared.projecting.apply_many``)
    lanes: Mapping[str, str] = field(default_factory=dict)
    refers: Mapping[str, tuple[Refers, ...]] = field(default_factory=dict)
    after_cause: frozenset[str] = frozenset()
    registry: Registry  # the types it writes and reads: its contract's, those of what it consumes
    # setup's reference data, as events: seed(conn, recorder) -> how many records it added
    seed: Callable[[psycopg.Connection, Recorder], int] | None = None
    # The composition root of the service's handlers: ``wire(definition, settings)`` runs once per
    # process (rules read, clock chosen) and returns a function that builds, per transaction, the
    # context the commands and reactors are handed (the store adapter on that connection, the
    # recorder, the rules...).
    wire: Callable[["ServiceDefinition", Settings], Callable[[psycopg.Connection], Any]] | None = None

    @property
    def source(self) -> str:
        """The CloudEvents source of the service's events: ``/asn/<name>``."""
        return f"/asn/{self.name}"

    @property
    def relay_name(self) -> str:
        """The relay's name (its cursor in ``relay_cursor``)."""
        return f"{self.name}-relay"

    @property
    def consumer_name(self) -> str:
        """The consumer's name (its offsets in ``consumer_offsets``)."""
        return f"{self.name}-consumer"

    def events_topic(self, settings: Settings) -> str:
        """The service's Kafka topic of its own events."""
        return settings.topic(f"{self.name}.events")

    def dlq_topic(self, settings: Settings) -> str:
        """The topic of the records its consumer could not apply (dead letters)."""
        return settings.topic(f"{self.name}.dlq")

    def consumed_topics(self, settings: Settings) -> list[str]:
        """The topics of the services it consumes."""
        return [settings.topic(f"{other}.events") for other in self.consumes]

    def topics(self, settings: Settings) -> list[str]:
        """The topics this service writes: its events, and its dead letters if it consumes."""
        return [self.events_topic(settings)] + ([self.dlq_topic(settings)] if self.consumes else [])

    def prerequisites(self, settings: Settings) -> Prerequisites:
        """What the consumer checks before applying a record: each consumed topic written only
        by its own service, and the references and causes the service declares."""
        return Prerequisites(sources={settings.topic(f"{other}.events"): f"/asn/{other}"
                                      for other in self.consumes},
                             refers=self.refers, after_cause=self.after_cause)

    def consumer_runner(self, conn: psycopg.Connection, settings: Settings, *, dlq_producer=None,
                        decide: bool = True, schema: str = "public") -> ConsumerRunner:
        """The runner of this service's consumer; ``decide=False`` (a replay) runs no reactors."""
        return ConsumerRunner(conn, name=self.consumer_name, handlers=self.handlers,
                              reactors=self.bound_reactors(settings) if decide else None,
                              dlq_producer=dlq_producer, dlq_topic=self.dlq_topic(settings),
                              registry=self.registry, schema=schema, service=self.name,
                              max_dead_letter_bytes=settings.max_event_bytes,
                              prerequisites=self.prerequisites(settings),
                              apply=self.apply_kept)

    def bound_reactors(self, settings: Settings) -> Mapping[str, Handler]:
        """The reactors as the runner calls them, ``(conn, event)``, each handed its context."""
        if self.wire is None:
            return self.reactors
        context = self.wire(self, settings)
        return {ce_type: _bound(reactor, context) for ce_type, reactor in self.reactors.items()}

    def recorder(self, conn: psycopg.Connection) -> PgRecorder:
        """The PostgreSQL adapter of the recording port, in ``conn``'s transaction."""
        return PgRecorder(conn, self.event_store(), self.project)

    def store_migrations(self) -> list[Path]:
        """The write side's migrations: the platform's event store, then the service's."""
        return [SHARED_MIGRATIONS / "store", self.migrations / "store"]

    def projection_migrations(self) -> list[Path]:
        """The read side's migrations (a replay rebuilds it): tracking, then projections."""
        return [SHARED_MIGRATIONS / "tracking", self.migrations / "projections"]

    def event_store(self) -> EventStore:
        """The service's event store: its source and the types it writes and reads."""
        return EventStore(self.source, self.registry)

    def project(self, conn: psycopg.Connection, event: Event) -> None:
        """Apply one of the service's own events to its projections."""
        projector = self.projectors.get(event.type)
        if projector is not None:
            projector(conn, event)

    def project_many(self, conn: psycopg.Connection, events: Sequence[Event]) -> None:
        """Apply the service's own ``events`` to its projections as in their order would: each
        lane's events together, runs of one type by its batch projector where there is one."""
        apply_many(conn, events, self.projectors, self.batch_projectors, self.lanes)

    def apply_kept(self, conn: psycopg.Connection, events: Sequence[Event]) -> None:
        """Apply consumed ``events`` (by their handlers) and the service's own (by its
        projectors), interleaved, as in their order would: the consumer runner's fast path keeps
        them until a read or the batch's end (shared/batchview.py). Own and consumed types share
        the lanes: no two lanes write one table, and no projector reads a handler's table."""
        apply_many(conn, events, {**self.handlers, **self.projectors},
                   {**self.batch_handlers, **self.batch_projectors}, self.lanes)


def _bound(reactor: Callable[[Any, Event], None],
           context: Callable[[psycopg.Connection], Any]) -> Handler:
    def react(conn: psycopg.Connection, event: Event) -> None:
        reactor(context(conn), event)
    return react


def record(conn: psycopg.Connection, service: ServiceDefinition, stream_id: str,
           expected_version: int, events: Sequence[NewEvent]) -> list[Event]:
    """Append events and update the service's projections in the caller's transaction (the
    recorder's adapter on ``conn``, for callers that hold a connection rather than a context)."""
    return service.recorder(conn).record(stream_id, expected_version, events)
