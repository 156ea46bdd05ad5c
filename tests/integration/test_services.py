"""The three services' processes on the real servers: setup, probes, relay and consumer entry points."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid

import psycopg
import pytest
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType

from services.assessment.app import create_app as assessment_app
from services.feedback.app import create_app as feedback_app
from services.training.app import create_app as training_app
from tools.cli.main import main as asn
from shared.config import REPO_ROOT, SERVICES
from shared.db import drop_database
from services.platform import definition as service_definition
from shared.topics import delete_topics

APPS = {"assessment": assessment_app, "feedback": feedback_app, "training": training_app}


@pytest.fixture(scope="module")
def platform(infra, tmp_path_factory):
    """All three services set up with `asn setup` in databases and topics of their own."""
    unique = uuid.uuid4().hex[:8]
    keys = tmp_path_factory.mktemp("keys")
    settings = infra.with_(database_prefix=f"asntest_{unique}_", topic_prefix=f"test.{unique}.",
                           jwt_private_key_file=keys / "private.pem",
                           jwt_public_key_file=keys / "public.pem")
    env = _env(settings)
    result = subprocess.run([sys.executable, "-m", "tools.cli", "setup"], env=env, cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    yield settings
    topics = [t for s in SERVICES for t in service_definition(s).topics(settings)]
    for service in SERVICES:
        drop_database(settings.server_url(), settings.database_name(service))
    delete_topics(settings.kafka_bootstrap, topics)


def _env(settings) -> dict:
    return {**os.environ, "ASN_DATABASE_PREFIX": settings.database_prefix,
            "ASN_TOPIC_PREFIX": settings.topic_prefix,
            "ASN_TOPIC_PARTITIONS": str(settings.topic_partitions),
            "ASN_JWT_PRIVATE_KEY_FILE": str(settings.jwt_private_key_file),
            "ASN_JWT_PUBLIC_KEY_FILE": str(settings.jwt_public_key_file)}


def test_setup_makes_databases_migrations_topics_forever_and_keys(platform):
    assert platform.jwt_private_key_file.exists()
    for service in SERVICES:
        with psycopg.connect(platform.database_url(service)) as conn:
            tables = {r[0] for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
            encoding = conn.execute("SELECT pg_encoding_to_char(encoding) FROM pg_database"
                                    " WHERE datname = current_database()").fetchone()[0]
        assert {"events", "relay_cursor", "consumer_offsets", "processed_events"} <= tables
        assert encoding == "UTF8", "whatever the cluster's default encoding"
    admin = KafkaAdminClient(bootstrap_servers=platform.kafka_bootstrap)
    try:
        topics = [t for s in SERVICES for t in service_definition(s).topics(platform)]
        assert sorted(topics) == sorted(platform.topic(n) for n in (
            "assessment.events", "feedback.events", "feedback.dlq", "training.events", "training.dlq"))
        described = {t["name"]: len(t["partitions"]) for t in admin.describe_topics(topics)}
        assert set(described.values()) == {platform.topic_partitions}
        configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, t) for t in topics])
        for topic in topics:
            found = configs["topic"][topic]
            assert (found["retention.ms"]["value"], found["retention.bytes"]["value"]) == ("-1", "-1")
    finally:
        admin.close()


def test_setup_twice_changes_nothing(platform):
    assert asn_in(platform, "setup", "feedback") == 0


def test_setup_seeds_the_competency_dictionary_once_as_events(platform):
    def seeded():
        with psycopg.connect(platform.database_url("assessment")) as conn:
            return conn.execute("SELECT count(*) FROM events WHERE type = %s",
                                ("assessment.CompetencyDefined.v1",)).fetchone()[0], \
                conn.execute("SELECT array_agg(code ORDER BY code) FROM competencies").fetchone()[0]
    assert seeded() == (9, ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"])
    assert asn_in(platform, "setup", "assessment") == 0
    assert seeded()[0] == 9


def asn_in(settings, *argv) -> int:
    saved = dict(os.environ)
    os.environ.update(_env(settings))
    try:
        return asn(list(argv))
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_answers_health_ready_and_openapi(platform, service):
    app = APPS[service](platform)
    client = app.test_client()
    assert client.get("/health").json == {"status": "ok"}
    ready = client.get("/ready")
    assert ready.status_code == 200, ready.json
    assert ready.json["checks"] == {"database": True, "broker": True}
    spec = client.get("/api-docs/openapi.json").json
    assert "/ready" in spec["paths"]
    app.extensions["asn.pool"].close()


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_serves_a_docs_page_that_needs_no_internet(platform, service):
    app = APPS[service](platform)
    client = app.test_client()
    page = client.get("/api-docs/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "://" not in html, "every asset comes from the service itself"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert {a.rsplit("/", 1)[-1] for a in assets} >= {"swagger-ui.css", "swagger-ui-bundle.js"}
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200 and len(response.data) > 1000, asset
    assert client.get("/api-docs/assets/../../shared/config.py").status_code == 404
    assert '"/api-docs/openapi.json"' in html
    app.extensions["asn.pool"].close()


def test_ready_says_503_when_the_database_is_missing(platform):
    app = feedback_app(platform.with_(database_prefix="asntest_absent_"))
    response = app.test_client().get("/ready")
    assert response.status_code == 503
    assert response.json["checks"]["database"] is False
    app.extensions["asn.pool"].close()


@pytest.mark.parametrize("service, command", [("feedback", "consume"), ("training", "relay")])
def test_entry_points_run_and_stop_cleanly_on_sigterm(platform, service, command):
    process = subprocess.Popen([sys.executable, "-m", f"services.{service}", command],
                               env=_env(platform), cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    assert process.poll() is None, process.stderr.read()
    process.send_signal(signal.SIGTERM)
    assert process.wait(20) == 0


def test_a_process_names_its_database_connections(platform):
    """pg_stat_activity says whose a connection is: asn-<service>-<command> unless PGAPPNAME
    was set by the deployment."""
    env = {k: v for k, v in _env(platform).items() if k != "PGAPPNAME"}
    process = subprocess.Popen([sys.executable, "-m", "services.feedback", "consume"], env=env,
                               cwd=REPO_ROOT, stderr=subprocess.DEVNULL)
    try:
        with psycopg.connect(platform.server_url(), autocommit=True) as conn:
            names: set = set()
            for _ in range(100):
                names = {row[0] for row in conn.execute(
                    "SELECT application_name FROM pg_stat_activity WHERE datname = %s",
                    (platform.database_name("feedback"),))}
                if names:
                    break
                time.sleep(0.1)
        assert names == {"asn-feedback-consume"}
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(20)
    app = feedback_app(platform)
    with app.extensions["asn.pool"].connection() as conn:
        assert conn.execute("SHOW application_name").fetchone()["application_name"] == (
            os.environ.get("PGAPPNAME") or "asn-feedback-web")
    app.extensions["asn.pool"].close()


def test_replay_command_on_a_fresh_service_says_equal(platform, capsys):
    assert asn_in(platform, "replay", "training") == 0
    assert "verdict: projections equal the replay" in capsys.readouterr().out
