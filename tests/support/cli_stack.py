"""The services' web apps answering on real ports (in threads), their relays and consumers run on
demand: what the operator command line talks to in its tests. Unlike tests/support/platform.py
(every process running), a test decides when events are published and consumed, so it can leave
a backlog for `asn lag` to find or publish while `asn follow` listens."""
from __future__ import annotations

import importlib
import threading
import time
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Iterator

import psycopg
from psycopg.rows import dict_row
from werkzeug.serving import make_server

from shared.auth import ensure_dev_keys
from shared.config import Settings
from shared.db import drop_database
from shared.clients import producer_for
from shared.outbox import unpublished
from shared.relay import Relay
from shared.runtime import setup
from services.platform import definition as service_definition
from shared.topics import delete_topics, ensure_topics
from tests.support.kafka import read_topic


@contextmanager
def serving(app) -> Iterator[str]:
    """``app`` served by werkzeug on a free port until the block ends; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)


@dataclass
class CliStack:
    settings: Settings
    urls: dict[str, str] = field(default_factory=dict)

    def environ(self) -> dict[str, str]:
        """The ASN_* variables that make ``Settings.from_env()`` (so the CLI) find this stack."""
        s = self.settings
        return {"ASN_DATABASE_PREFIX": s.database_prefix, "ASN_TOPIC_PREFIX": s.topic_prefix,
                "ASN_TOPIC_PARTITIONS": str(s.topic_partitions),
                "ASN_JWT_PRIVATE_KEY_FILE": str(s.jwt_private_key_file),
                "ASN_JWT_PUBLIC_KEY_FILE": str(s.jwt_public_key_file),
                **{f"ASN_{name.upper()}_URL": url for name, url in self.urls.items()}}

    def connect(self, service: str) -> psycopg.Connection:
        return psycopg.connect(self.settings.database_url(service), row_factory=dict_row)

    def rows(self, service: str, query: str, *params) -> list[dict]:
        with self.connect(service) as conn:
            return conn.execute(query, params).fetchall()

    def relay(self, service: str, timeout: float = 30.0) -> None:
        """Run the service's relay until every stored event is on Kafka."""
        definition = service_definition(service)
        producer = producer_for(self.settings.kafka_bootstrap)
        relay = Relay(self.settings.database_url(service), producer,
                      definition.events_topic(self.settings), definition.source,
                      name=definition.relay_name, poll_interval=0.1)
        stop = threading.Event()
        thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
        thread.start()
        try:
            deadline = time.monotonic() + timeout
            while self._unpublished(service) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not self._unpublished(service), f"the {service} relay did not catch up"
        finally:
            stop.set()
            thread.join(10)
            producer.close()

    def _unpublished(self, service: str) -> int:
        with self.connect(service) as conn:
            return unpublished(conn, service_definition(service).relay_name)

    def consume(self, service: str) -> None:
        """Let the service's consumer apply everything on the topics it reads."""
        definition = service_definition(service)
        records = [r for t in definition.consumed_topics(self.settings)
                   for r in read_topic(self.settings.kafka_bootstrap, t)]
        producer = producer_for(self.settings.kafka_bootstrap)
        with self.connect(service) as conn:
            definition.consumer_runner(conn, self.settings, dlq_producer=producer).process(records)
        producer.close()


@contextmanager
def cli_stack(infra: Settings, keys_dir, services: tuple[str, ...]) -> Iterator[CliStack]:
    """``services`` set up in databases and topics of their own, each app on a free port."""
    unique = uuid.uuid4().hex[:8]
    settings = infra.with_(database_prefix=f"asntest_{unique}_", topic_prefix=f"test.{unique}.",
                           jwt_private_key_file=keys_dir / "private.pem",
                           jwt_public_key_file=keys_dir / "public.pem")
    ensure_dev_keys(settings.jwt_private_key_file, settings.jwt_public_key_file)
    definitions = [service_definition(name) for name in services]
    topics = sorted({t for d in definitions for t in d.topics(settings) + d.consumed_topics(settings)})
    for d in definitions:
        setup(d, settings)
    ensure_topics(settings.kafka_bootstrap, topics, settings.topic_partitions)
    stack, apps = CliStack(settings), []
    try:
        with ExitStack() as running:
            for d in definitions:
                apps.append(importlib.import_module(f"services.{d.name}.app").create_app(settings))
                stack.urls[d.name] = running.enter_context(serving(apps[-1]))
            yield stack
    finally:
        for app in apps:
            app.extensions["asn.pool"].close()
        for d in definitions:
            drop_database(settings.server_url(), settings.database_name(d.name))
        delete_topics(settings.kafka_bootstrap, topics)

