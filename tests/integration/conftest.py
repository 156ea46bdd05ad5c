"""Integration fixtures: a fresh database and fresh topics per test, on the real servers."""
from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass

import psycopg
import pytest
from psycopg.rows import dict_row

from shared.config import Settings
from shared.consumer import ConsumerRunner
from shared.db import drop_database
from shared.clients import producer_for
from shared.runtime import setup
from shared.topics import delete_topics, ensure_topics
from tests.support.sample import REGISTRY, SAMPLE

pytestmark = pytest.mark.integration


def _answers(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=2).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def infra(base_settings: Settings) -> Settings:
    """Fail at once, and say what to do, when PostgreSQL or Kafka is not running."""
    host, port = base_settings.kafka_bootstrap.split(",")[0].rsplit(":", 1)
    down = [name for name, ok in (
        (f"PostgreSQL {base_settings.pg_host}:{base_settings.pg_port}",
         _answers(base_settings.pg_host, base_settings.pg_port)),
        (f"Kafka {host}:{port}", _answers(host, int(port)))) if not ok]
    if down:
        pytest.fail(f"not running: {', '.join(down)}; start them with `deploy/infra.sh start`",
                    pytrace=False)
    return base_settings


@dataclass
class SampleEnv:
    settings: Settings
    url: str

    @property
    def bootstrap(self) -> str:
        return self.settings.kafka_bootstrap

    @property
    def events_topic(self) -> str:
        return SAMPLE.events_topic(self.settings)

    @property
    def other_topic(self) -> str:
        return SAMPLE.consumed_topics(self.settings)[0]

    @property
    def dlq_topic(self) -> str:
        return SAMPLE.dlq_topic(self.settings)

    def connect(self, **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.url, row_factory=dict_row, **kwargs)


@pytest.fixture
def sample_env(infra: Settings):
    """The sample service set up in its own database with its own topics."""
    unique = uuid.uuid4().hex[:8]
    settings = infra.with_(database_prefix=f"asntest_{unique}_", topic_prefix=f"test.{unique}.")
    setup(SAMPLE, settings)
    ensure_topics(settings.kafka_bootstrap, SAMPLE.consumed_topics(settings),
                  settings.topic_partitions)
    yield SampleEnv(settings, settings.database_url(SAMPLE.name))
    drop_database(settings.server_url(), settings.database_name(SAMPLE.name))
    delete_topics(settings.kafka_bootstrap, SAMPLE.topics(settings) + SAMPLE.consumed_topics(settings))


@pytest.fixture
def runner_for(sample_env):
    """Makes consumer runners for the sample service, each with its own connection."""
    opened = []

    def make() -> ConsumerRunner:
        conn, producer = sample_env.connect(), producer_for(sample_env.bootstrap)
        opened.append((conn, producer))
        return ConsumerRunner(conn, name=SAMPLE.consumer_name, handlers=SAMPLE.handlers,
                              reactors=SAMPLE.reactors, dlq_producer=producer, dlq_topic=sample_env.dlq_topic,
                              registry=REGISTRY)
    yield make
    for conn, producer in opened:
        conn.close()
        producer.close()
