"""Composition roots for a service's processes: setup, relay, consumer (``python -m services.X``)."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import threading
import time
from typing import Callable

import psycopg
from kafka.errors import (AuthorizationError, InvalidRecordError, InvalidTopicError, KafkaError,
                          MessageSizeTooLargeError, RecordListTooLargeError)
from psycopg.rows import dict_row

from shared import logs, metrics
from shared.auth import ensure_dev_keys
from shared.clients import consumer_for, producer_for
from shared.config import Settings
from shared.db import BY_KEY, Statistics, ensure_database, migrate
from shared.relay import Relay
from shared.service import ServiceDefinition
from shared.topics import ensure_topics

log = logging.getLogger(__name__)


def setup(service: ServiceDefinition, settings: Settings, **kafka) -> None:
    """Create the service's database, apply its migrations, seed it and create its topics (idempotent)."""
    if service.name not in settings.database_urls:
        if ensure_database(settings.server_url(), settings.database_name(service.name)):
            log.info("created database %s", settings.database_name(service.name))
    with psycopg.connect(settings.database_url(service.name), row_factory=dict_row) as conn:
        migrate(conn, service.store_migrations() + service.projection_migrations())
        if service.seed is not None:
            with conn.transaction():
                # Processes starting together seed one after the other, not into a conflict.
                conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"seed {service.name}",))
                added = service.seed(conn, service.recorder(conn))
            if added:
                log.info("%s: seeded %d reference records", service.name, added)
    ensure_topics(settings.kafka_bootstrap, service.topics(settings), settings.topic_partitions,
                  settings.topic_replication, settings.min_insync, **kafka)


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or SIGINT, so loops finish their batch and exit cleanly."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop


RECOVERABLE = (KafkaError, psycopg.OperationalError)
# Kafka errors about what is sent, not about reaching the broker: a retry meets them again.
NEVER_SUCCEEDS = (MessageSizeTooLargeError, RecordListTooLargeError, InvalidRecordError,
                  InvalidTopicError, AuthorizationError)
# How long one try to reach Kafka lasts (kafka-python's default is 30 s), so that a process waiting
# for the broker says so every few seconds.
BOOTSTRAP_TIMEOUT_MS = 3000
_LONG_RUN = 60.0  # seconds: a run that lasted this long failed in a new outage, not the same one


def supervise(run: Callable[[threading.Event], None], stop: threading.Event, *,
              what: str, max_backoff: float = 5.0) -> None:
    """Run ``run`` until it returns; while PostgreSQL or Kafka cannot be reached, wait and retry.

    No outage makes the process exit (under honcho that would stop every process): it logs that it
    waits, every few seconds, and starts afresh. Nothing was committed for a failed batch, so the
    fresh start resumes from the stored position. Any other error is a bug or a record the code
    did not foresee, which no retry mends: it propagates.
    """
    backoff = 1.0
    while not stop.is_set():
        started = time.monotonic()
        try:
            run(stop)
            return
        except RECOVERABLE as exc:
            if isinstance(exc, NEVER_SUCCEEDS):
                raise
            if time.monotonic() - started > _LONG_RUN:
                backoff = 1.0
            metrics.report_ready("dependencies", False)
            log.error("%s waiting for %s (%s); trying again in %.0f s", what,
                      "PostgreSQL" if isinstance(exc, psycopg.Error) else "Kafka", exc, backoff)
            stop.wait(backoff)
            backoff = min(backoff * 2, max_backoff)


def run_relay(service: ServiceDefinition, settings: Settings, stop: threading.Event) -> None:
    """Publish the service's events table to its topic until stopped."""
    producer = producer_for(settings.kafka_bootstrap, settings.producer,
                            client_id=f"{service.name}-relay",
                            bootstrap_timeout_ms=BOOTSTRAP_TIMEOUT_MS)
    try:
        Relay(settings.database_url(service.name), producer, service.events_topic(settings),
              service.source, name=service.relay_name,
              batch_size=settings.producer.relay_batch).run(stop)
    finally:
        producer.close(timeout=10)


def run_consumer(service: ServiceDefinition, settings: Settings, stop: threading.Event) -> None:
    """Apply the events of the topics the service reads until stopped."""
    if not service.consumes:
        log.info("%s consumes no topics; nothing to do", service.name)
        return
    producer = producer_for(settings.kafka_bootstrap, client_id=f"{service.name}-dlq",
                            bootstrap_timeout_ms=BOOTSTRAP_TIMEOUT_MS)
    try:
        # The group is named like the topics: platforms sharing a broker under different
        # ASN_TOPIC_PREFIXes (tests, benchmarks, agencies) never rebalance each other.
        consumer = consumer_for(settings.kafka_bootstrap,
                                f"{settings.topic_prefix}{service.consumer_name}",
                                gather_ms=settings.consumer_gather_ms,
                                client_id=service.consumer_name,
                                bootstrap_timeout_ms=BOOTSTRAP_TIMEOUT_MS)
        try:
            _consume(service, settings, producer, consumer, stop)
        finally:
            consumer.close(autocommit=False)
    finally:
        producer.close(timeout=10)


def _consume(service: ServiceDefinition, settings: Settings, producer, consumer,
             stop: threading.Event) -> None:
    with psycopg.connect(settings.database_url(service.name), row_factory=dict_row) as conn:
        runner = service.consumer_runner(conn, settings, dlq_producer=producer)
        # A period's tables grow from empty faster than autovacuum may analyze them, and
        # statements planned on empty tables walk whole periods (shared/db.py Statistics): the
        # sizes looked at every 10 s, a table analyzed each time it has doubled.
        statistics = Statistics(conn, "public", skip=BY_KEY, every=10.0)
        runner.run(consumer, service.consumed_topics(settings), stop, statistics)
        log.info("%s stopped: %s", service.consumer_name, runner.totals)


def main(service: ServiceDefinition, argv: list[str] | None = None) -> int:
    """``python -m services.<name> setup|relay|consume``."""
    parser = argparse.ArgumentParser(prog=f"python -m services.{service.name}",
                                     description=f"Processes of the {service.name} service.")
    parser.add_argument("command", choices=["setup", "relay", "consume"],
                        help="setup: database, migrations, topics (and a development key pair"
                             " when no identity provider is set); relay: publish the events "
                             "table to Kafka; consume: apply other services' events")
    args = parser.parse_args(argv)
    logs.configure(service.name, "consumer" if args.command == "consume" else args.command)
    # pg_stat_activity (and the relay's warning about a transaction holding it) names the
    # process behind each connection: libpq reads PGAPPNAME, unless the deployment set it.
    os.environ.setdefault("PGAPPNAME", f"asn-{service.name}-{args.command}")
    settings = Settings.from_env()
    if args.command == "setup":
        if settings.jwt_jwks_url is None and ensure_dev_keys(settings.jwt_private_key_file,
                                                             settings.jwt_public_key_file):
            log.info("created a development signing key in %s", settings.jwt_private_key_file.parent)
        setup(service, settings)
        return 0
    if settings.metrics_port:
        metrics.serve(settings.metrics_port)  # first, so /ready answers while the process waits
        log.info("metrics on port %d", settings.metrics_port)
    stop = stop_on_signals()
    run = run_relay if args.command == "relay" else run_consumer
    done = []

    def set_up_then_run(s: threading.Event) -> None:
        if not done:  # set-up needs both servers too: it waits for them like the rest
            setup(service, settings, bootstrap_timeout_ms=BOOTSTRAP_TIMEOUT_MS)
            done.append(True)
        run(service, settings, s)
    supervise(set_up_then_run, stop, what=f"{service.name} {args.command}")
    return 0
