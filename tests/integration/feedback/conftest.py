"""The feedback service on the real PostgreSQL: a fresh database per test, fed assessment events.

Each test's database is copied from a template set up once per session. ``feed`` runs events
through the real consumer runner (handlers, reactors, offsets, once-only) on that database;
the Kafka path itself has its own end-to-end test.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from services.feedback.app import create_app
from services.feedback.definition import SERVICE
from shared.config import Settings
from shared.db import drop_database
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
