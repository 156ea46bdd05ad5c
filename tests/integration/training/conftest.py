"""The training service on the real PostgreSQL and Kafka: a database copied from a seeded template
per test, topics of the test's own, consumed records built like the assessment service's relay's."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone

import pytest

from services.training.app import create_app
from services.training.definition import SERVICE
from shared.config import Settings
from shared.consumer import ConsumerRunner
from shared.db import drop_database
from shared.envelope import Event
from shared.clients import producer_for
from shared.topics import delete_topics, ensure_topics
from tests.integration.training.adapters import MemoryAdapter, PgAdapter
from tests.support import assessment_events as ae
from tests.support import databases, people
from tests.support.kafka import publish, read_topic

YEAR = 2026


@pytest.fixture(scope="session")
def training_template(infra: Settings, tmp_path_factory):
    """Settings whose training database is set up (migrated, catalogue seeded) once per session."""
    yield from databases.template(SERVICE, infra, tmp_path_factory.mktemp("training-keys"))


def event(ce_type: str, subject: str, data: dict, source: str = "/asn/assessment",
          stream: str | None = None, version: int = 1, cause: Event | None = None) -> Event:
    """Another service's event as it arrives from Kafka; ``cause``: the event it was decided on."""
    return Event(id=uuid.uuid4(), type=ce_type, source=source, subject=subject,
                 time=datetime.now(timezone.utc), data=data, stream_id=stream or subject,
                 version=version, metadata={"causationid": str(cause.id)} if cause else {})


def registered(nip, name, unit, boss, position="ANALIS") -> Event:
    return ae.employee(nip, unit, boss, name, position)


def unit(code, parent=None) -> Event:
    return ae.unit(code, f"Unit {code}", parent)


def period(period_id=people.PERIOD, year=YEAR, quarter=1) -> Event:
    return ae.period(period_id, year, quarter, date(year, 1, 1), date(year, 3, 31))


def submitted(nip=people.EMPLOYEE, role="supervisor", levels: dict | None = None, required=3,
              period_id=people.PERIOD, submission=1, unit_code="BKPSDM.MUTASI") -> Event:
    """A submitted assessment; ``levels`` by code, every other core competency at ``required``."""
    levels = levels or {}
    ratings = [{"competency": c, "level": levels.get(c, required), "required_level": required,
                "evidence": "Bukti", "comment": "Catatan"} for c in people.CORE]
    return event("assessment.AssessmentSubmitted.v1", nip,
                 {"period_id": period_id, "nip": nip, "role": role,
                  "assessor_nip": people.SUPERVISOR if role == "supervisor" else nip,
                  "position_code": "ANALIS", "job_level": "ADMINISTRATOR", "unit_code": unit_code,
                  "submission": submission, "ratings": ratings, "work_result": "SESUAI",
                  "work_behaviour": "SESUAI", "predikat": "BAIK" if role == "supervisor" else None})


def discrepancy(competency="M.03", direction="blind_spot", comparison=1, self_level=4,
                supervisor_level=2, nip=people.EMPLOYEE, cause: Event | None = None) -> Event:
    return event("feedback.RatingDiscrepancyDetected.v1", nip,
                 {"period_id": people.PERIOD, "nip": nip, "comparison": comparison,
                  "supervisor_nip": people.SUPERVISOR, "unit_code": "BKPSDM.MUTASI",
                  "competency": competency, "self_level": self_level,
                  "supervisor_level": supervisor_level, "required_level": 3,
                  "size": abs(self_level - supervisor_level), "direction": direction,
                  "threshold": 1}, source="/asn/feedback", cause=cause)


def resolved(competency="M.03", comparison=1, by=2, nip=people.EMPLOYEE,
             cause: Event | None = None) -> Event:
    return event("feedback.DiscrepancyResolved.v1", nip,
                 {"period_id": people.PERIOD, "nip": nip, "comparison": comparison,
                  "competency": competency, "reason": "superseded", "by_comparison": by},
                 source="/asn/feedback", cause=cause)


@dataclass
class TrainingEnv(databases.ServiceEnv):
    service = SERVICE

    @property
    def bootstrap(self) -> str:
        return self.settings.kafka_bootstrap

    def topic(self, service: str) -> str:
        return self.settings.topic(f"{service}.events")

    def publish(self, events: list[Event], service: str = "assessment") -> None:
        publish(self.bootstrap, self.topic(service), events)

    def records(self) -> list:
        """Every record on the consumed topics so far."""
        return [r for service in SERVICE.consumes for r in read_topic(self.bootstrap, self.topic(service))]

    def runner(self) -> ConsumerRunner:
        conn = self.connect()
        self._opened.append(conn)
        return SERVICE.consumer_runner(conn, self.settings, dlq_producer=self._producer)

    def consume(self, events: list[Event], service: str = "assessment"):
        """Publish ``events`` to the topic and let a consumer runner apply everything there."""
        self.publish(events, service)
        return self.runner().process(self.records())

    def close(self) -> None:
        for conn in self._opened:
            conn.close()
        self._producer.close()


@pytest.fixture
def training_env(training_template: Settings):
    """A database copied from the template, topics of the test's own, the app on both."""
    settings = databases.copy(SERVICE, training_template).with_(
        topic_prefix=f"test.{uuid.uuid4().hex[:8]}.")
    topics = SERVICE.consumed_topics(settings) + SERVICE.topics(settings)
    ensure_topics(settings.kafka_bootstrap, topics, settings.topic_partitions)
    app = create_app(settings)
    env = TrainingEnv(settings, app)
    env._opened, env._producer = [], producer_for(settings.kafka_bootstrap)
    yield env
    env.close()
    app.extensions["asn.pool"].close()
    drop_database(settings.server_url(), settings.database_name(SERVICE.name))
    delete_topics(settings.kafka_bootstrap, topics)


ORG = [unit("BKPSDM"), unit("BKPSDM.MUTASI", "BKPSDM"), unit("DISKOMINFO"),
       registered(people.HEAD, "Dr. Siti Rahmawati", "BKPSDM", None, "KABAN"),
       registered(people.SUPERVISOR, "Budi Santoso", "BKPSDM.MUTASI", people.HEAD, "KABID"),
       registered(people.EMPLOYEE, "Ayu Lestari", "BKPSDM.MUTASI", people.SUPERVISOR),
       registered(people.PEER, "Rudi Hartono", "BKPSDM.MUTASI", people.SUPERVISOR),
       registered(people.OUTSIDER, "Dewi Kartika", "DISKOMINFO", people.HEAD),
       period()]


@pytest.fixture
def org(training_env):
    """The assessment tests' organisation, as the training consumer learnt it from Kafka."""
    training_env.consume(ORG)
    return training_env


@pytest.fixture(scope="module")
def handlers_database(training_template: Settings):
    """A database of the service for a module of handler tests (each test rolls its work back)."""
    settings = databases.copy(SERVICE, training_template)
    yield settings
    drop_database(settings.server_url(), settings.database_name(SERVICE.name))


@pytest.fixture(params=("memory", "postgresql"))
def store(request):
    """Each adapter of the training store in turn, with the context its handlers are called with."""
    if request.param == "memory":
        yield MemoryAdapter()
        return
    adapter = PgAdapter(request.getfixturevalue("handlers_database"))
    yield adapter
    adapter.close()
