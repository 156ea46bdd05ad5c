"""The feedback service's composition root: its rules, phrases and clock read once, and the
context each transaction's command handler or reactor is handed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Callable

import psycopg

from services.feedback.reference import PHRASES_FILE, RULES_FILE, Rules, load_phrases, load_rules
from services.feedback.store import PgStore, Store
from shared.batchview import BATCH
from shared.clock import agency_today
from shared.config import Settings
from shared.recording import Recorder
from shared.service import ServiceDefinition


@dataclass(frozen=True)
class Context:
    """What a feedback handler loads through, records through and decides with."""

    store: Store
    recorder: Recorder
    rules: Rules
    phrases: dict[str, dict]          # the phrase library by code
    today: Callable[[], date]         # the agency's today


def wire(definition: ServiceDefinition, settings: Settings) -> Callable[[psycopg.Connection], Context]:
    """Read the agency's rules and phrases once; return what builds a transaction's context."""
    rules = load_rules(settings.data_file("feedback_rules", RULES_FILE))
    phrases = load_phrases(settings.data_file("feedback_phrases", PHRASES_FILE))
    today = partial(agency_today, settings)

    def on(conn: psycopg.Connection) -> Context:
        return Context(PgStore(conn, BATCH.get()), definition.recorder(conn), rules, phrases,
                       today)
    return on
