"""The training service's composition root: rules, suggestions and clock read once per process,
and the context each transaction's handlers are handed (the store adapter, the recorder...)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

import psycopg

from services.training.reference import RULES_FILE, Rules, load_rules, load_suggestions
from services.training.store import PgStore, Store
from shared.batchview import BATCH
from shared.clock import agency_today
from shared.config import Settings
from shared.envelope import Event
from shared.recording import Recorder, decided
from shared.service import ServiceDefinition


def record(recorder: Recorder, decision: Any, expected_version: int = 0,
           metadata: dict | None = None) -> Event:
    """Record a domain's decided event on its stream, after ``expected_version``."""
    return recorder.record(decision.stream, expected_version,
                           [decided(decision, decision.subject, metadata)])[0]


@dataclass(frozen=True)
class Context:
    """What a command handler or a reactor needs, handed in: never read from globals."""

    store: Store
    recorder: Recorder
    rules: Rules
    suggestions: dict[str, dict]
    today: Callable[[], date]

    def record(self, decision: Any, expected_version: int = 0,
               metadata: dict | None = None) -> Event:
        """Record a domain's decided event on its stream, after ``expected_version``."""
        return record(self.recorder, decision, expected_version, metadata)


def wire(definition: ServiceDefinition, settings: Settings) -> Callable[[psycopg.Connection], Context]:
    """Read the agency's rules once; return the builder of a transaction's context."""
    rules = load_rules(settings.data_file("training_rules", RULES_FILE))
    suggestions = load_suggestions()

    def today() -> date:
        return agency_today(settings)

    def on(conn: psycopg.Connection) -> Context:
        return Context(PgStore(conn, BATCH.get()), definition.recorder(conn), rules, suggestions,
                       today)
    return on
