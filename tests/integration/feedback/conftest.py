"""The feedback service on the real PostgreSQL: a fresh database per test, fed assessment events.

Each test's database is copied from a template set up once per session. ``feed`` runs events
through the real consumer runner (handlers, reactors, offsets, once-only) on that database;
the Kafka path itself has its own end-to-end test.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable

import psycopg
import pytest
from psycopg.rows import dict_row

from services.feedback.app import create_app
from services.feedback.definition import SERVICE
from services.feedback.memory import memory_context
from services.feedback.reference import PHRASES_FILE, RULES_FILE, load_phrases, load_rules
from services.feedback.wiring import Context
from shared.clock import agency_today
from shared.config import Settings
from shared.db import drop_database
from shared.envelope import Event
from tests.support import assessment_events as ae
from tests.support import databases, people
from tests.support.people import CORE


@pytest.fixture(scope="session")
def feedback_template(infra: Settings, tmp_path_factory):
    """Settings whose feedback database is set up once, to be copied by each test."""
    yield from databases.template(SERVICE, infra, tmp_path_factory.mktemp("feedback-keys"))


@dataclass
class FeedbackEnv(databases.ServiceEnv):
    service = SERVICE
    records: ae.Records = field(default_factory=ae.Records)

    def feed(self, *events, again: bool = False):
        """Apply assessment events as the consumer does; ``again`` redelivers the same records."""
        records = self._last if again else self.records(*events)
        self._last = records
        # A consumer reads the agency's files once, at start: this one starts now.
        settings = self.settings.with_(data_files=Settings.from_env().data_files)
        with self.connect() as conn:
            return SERVICE.consumer_runner(conn, settings).process(records)


@pytest.fixture
def feedback_env(feedback_template: Settings):
    settings = databases.copy(SERVICE, feedback_template)
    app = create_app(settings)
    # the records on the topic's real name, so the consumer checks their source as it would live
    yield FeedbackEnv(settings, app, ae.Records(settings.topic("assessment.events")))
    app.extensions["asn.pool"].close()
    drop_database(settings.server_url(), settings.database_name(SERVICE.name))


ORGANISATION = (
    (people.HEAD, "BKPSDM", None),
    (people.SUPERVISOR, "BKPSDM.MUTASI", people.HEAD),
    (people.EMPLOYEE, "BKPSDM.MUTASI", people.SUPERVISOR),
    (people.PEER, "BKPSDM.MUTASI", people.SUPERVISOR),
    (people.OUTSIDER, "DISKOMINFO", people.HEAD),
)


@pytest.fixture
def fb(feedback_env):
    """The small organisation of tests/support/people.py, its dictionary and period 2026-Q1."""
    feedback_env.feed(
        ae.unit("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM"),
        ae.unit("BKPSDM.MUTASI", "Bidang Mutasi", "BKPSDM"),
        ae.unit("DISKOMINFO", "Dinas Komunikasi dan Informatika"),
        *[ae.competency(code, "sociocultural" if code == "SK.01" else "managerial") for code in CORE],
        *[ae.employee(nip, unit, boss) for nip, unit, boss in ORGANISATION],
        ae.period())
    return feedback_env


def pair(nip: str = people.EMPLOYEE, own: dict | int = 3, boss: dict | int = 3, *,
         supervisor: str = people.SUPERVISOR, unit: str = "BKPSDM.MUTASI", **kw) -> list:
    """A self-assessment and the supervisor's assessment of the same employee."""
    return [ae.submitted(nip, "self", nip, own, unit_code=unit, **kw),
            ae.submitted(nip, "supervisor", supervisor, boss, unit_code=unit, **kw)]


# --- The two adapters of the store port, for the handler tests (test_handlers_*.py) -----------

@dataclass
class Adapter:
    """The feedback context on one adapter: consumed events applied as the consumer's handlers
    apply them, the handlers called with ``context``, what they recorded read back."""

    context: Context
    apply: Callable[[Event], None]
    events: Callable[[], list[dict]]

    def given(self, *events: Event) -> None:
        for event in events:
            self.apply(event)

    def recorded(self, since: list[tuple] = ()) -> list[tuple]:
        """(stream, version, type, data) of the events recorded, stream by stream, but for those
        in ``since`` (an earlier answer)."""
        return sorted((e["stream_id"], e["version"], e["type"], e["data"]) for e in self.events()
                      if (e["stream_id"], e["version"], e["type"], e["data"]) not in since)


def _on_memory(settings: Settings) -> Adapter:
    context = memory_context(SERVICE.source, SERVICE.registry, load_rules(RULES_FILE),
                             load_phrases(PHRASES_FILE), partial(agency_today, settings))
    return Adapter(context, context.store.apply, lambda: [
        {"stream_id": e.stream_id, "version": e.version, "type": e.type, "data": e.data,
         "metadata": e.metadata} for e in context.recorder.events()])


@pytest.fixture(params=["memory", "postgresql"])
def adapter(request, infra: Settings):
    """Each test body runs on the in-memory adapter and on PostgreSQL (a fresh database, one
    transaction rolled back at the end), so the fake cannot drift from the real store."""
    if request.param == "memory":
        yield _on_memory(infra)
        return
    settings = databases.copy(SERVICE, request.getfixturevalue("feedback_template"))
    try:
        with psycopg.connect(settings.database_url(SERVICE.name), row_factory=dict_row) as conn:
            yield Adapter(SERVICE.wire(SERVICE, settings)(conn),
                          lambda event: SERVICE.handlers[event.type](conn, event),
                          lambda: conn.execute("SELECT stream_id, version, type, data, metadata"
                                               " FROM events ORDER BY position").fetchall())
            conn.rollback()
    finally:
        drop_database(settings.server_url(), settings.database_name(SERVICE.name))
