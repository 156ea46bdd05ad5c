"""Relays and consumers started while Kafka or PostgreSQL is unreachable wait, say so, and go on.

Each dependency is reached through a port where nothing listens at first; a TCP proxy to the real
server then opens on that port. (Kafka's bootstrap goes through the proxy; its metadata then
names the real broker, which is enough to show the process recovers.)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from shared.db import drop_database, make_pool
from shared.runtime import setup
from shared.service import record
from shared.topics import delete_topics, ensure_topics
from tests.support.kafka import publish, read_topic
from tests.support.sample import NIP, SAMPLE, noted_event, recorded
from tests.support.tcpproxy import TcpProxy, free_port

ROOT = Path(__file__).resolve().parents[2]
WAITED = 36  # a process used to exit after about 31 s


@contextmanager
def sample_service(infra):
    """A sample service set up in a database and topics of its own."""
    unique = uuid.uuid4().hex[:8]
    settings = infra.with_(database_prefix=f"asntest_{unique}_", topic_prefix=f"test.{unique}.")
    setup(SAMPLE, settings)
    ensure_topics(settings.kafka_bootstrap, SAMPLE.consumed_topics(settings),
                  settings.topic_partitions)
    try:
        yield settings
    finally:
        drop_database(settings.server_url(), settings.database_name(SAMPLE.name))
        delete_topics(settings.kafka_bootstrap,
                      SAMPLE.topics(settings) + SAMPLE.consumed_topics(settings))


def psycopg_connect(settings) -> psycopg.Connection:
    return psycopg.connect(settings.database_url(SAMPLE.name), row_factory=dict_row)


def start(command: str, settings, log: Path, **env) -> subprocess.Popen:
    environment = {**os.environ, "ASN_DATABASE_PREFIX": settings.database_prefix,
                   "ASN_TOPIC_PREFIX": settings.topic_prefix, "ASN_LOG_FORMAT": "text",
                   "ASN_PG_PORT": str(settings.pg_port),
                   "ASN_KAFKA_BOOTSTRAP": settings.kafka_bootstrap, **env}
    return subprocess.Popen([sys.executable, "-m", "tests.support.sample_main", command], cwd=ROOT,
                            env=environment, stdout=subprocess.DEVNULL, stderr=log.open("w"))


def ready(port: int) -> tuple[int, dict]:
    """The status and checks of a process's /ready."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=5) as r:
            return r.status, json.load(r)["checks"]
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)["checks"]


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@contextmanager
def both_outages(infra, command: str, tmp_path: Path):
    """``command`` twice: one with Kafka unreachable, one with PostgreSQL; yields after WAITED s
    with the proxies open, as (settings, process) pairs."""
    kafka_host, kafka_port = infra.kafka_bootstrap.split(",")[0].rsplit(":", 1)
    ports, metrics = (free_port(), free_port()), (free_port(), free_port())
    with sample_service(infra) as no_kafka, sample_service(infra) as no_pg:
        processes = [
            start(command, no_kafka, tmp_path / "kafka.log", ASN_METRICS_PORT=str(metrics[0]),
                  ASN_KAFKA_BOOTSTRAP=f"127.0.0.1:{ports[0]}"),
            start(command, no_pg, tmp_path / "pg.log", ASN_PG_PORT=str(ports[1]),
                  ASN_METRICS_PORT=str(metrics[1]))]
        proxies = []
        try:
            time.sleep(WAITED)
            for process, name in zip(processes, ("kafka", "pg")):
                assert process.poll() is None, f"the {name} case exited"
                lines = [line for line in (tmp_path / f"{name}.log").read_text().splitlines()
                         if "waiting for" in line]
                assert len(lines) >= 4, f"{name}: a line every few seconds, got {lines}"
            assert [ready(port) for port in metrics] == [(503, {"dependencies": False})] * 2
            proxies = [TcpProxy(ports[0], (kafka_host, int(kafka_port))),
                       TcpProxy(ports[1], (infra.pg_host, infra.pg_port))]
            yield [(no_kafka, processes[0]), (no_pg, processes[1])]
            for port in metrics:
                assert wait_for(lambda: ready(port)[0] == 200, timeout=10)
        finally:
            for process in processes:
                process.terminate()
                process.wait(15)
            for proxy in proxies:
                proxy.close()


@pytest.mark.timeout(90)
def test_a_relay_waits_for_kafka_and_postgresql_then_publishes(infra, tmp_path):
    with both_outages(infra, "relay", tmp_path) as cases:
        for settings, _ in cases:
            with psycopg_connect(settings) as conn:
                record(conn, SAMPLE, "after-outage", 0, [recorded(NIP, amount=3)])
                conn.commit()
        for settings, process in cases:
            assert wait_for(lambda: len(read_topic(settings.kafka_bootstrap,
                                                   SAMPLE.events_topic(settings), timeout=1)) == 1,
                            timeout=20), "published once the dependency is back"


@pytest.mark.timeout(90)
def test_a_consumer_waits_for_kafka_and_postgresql_then_applies(infra, tmp_path):
    with both_outages(infra, "consume", tmp_path) as cases:
        for settings, _ in cases:
            publish(settings.kafka_bootstrap, SAMPLE.consumed_topics(settings)[0],
                    [noted_event(NIP)])

        def applied(settings) -> bool:
            with psycopg_connect(settings) as conn:
                return conn.execute("SELECT count(*) AS n FROM sample_notes").fetchone()["n"] == 1
        for settings, _ in cases:
            assert wait_for(lambda: applied(settings), timeout=20), "applied once it is back"


def test_a_pool_never_lends_a_connection_the_server_has_ended(infra):
    """After a PostgreSQL restart every pooled connection is dead; each used to fail one request
    (a 500 under make chaos) before the pool replaced it. Ending the pool's own backends stands in
    for the restart."""
    name = f"pool-test-{uuid.uuid4().hex[:8]}"
    url = infra.server_url()
    pool = make_pool(f"{url}{'&' if '?' in url else '?'}application_name={name}",
                     min_size=3, max_size=3)
    try:
        pool.wait(timeout=10)
        with psycopg.connect(url, autocommit=True) as admin:
            ended = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                  " WHERE application_name = %s", (name,)).fetchone()[0]
        assert ended == 3
        time.sleep(0.2)  # the notices reach the sockets
        for _ in range(3):
            with pool.connection() as conn:
                assert conn.execute("SELECT 1 AS one").fetchone()["one"] == 1
    finally:
        pool.close()
