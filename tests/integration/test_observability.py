"""Metrics and the request id on the real PostgreSQL and Kafka: HTTP edge, event store, relay, consumer."""
from __future__ import annotations

import socket
import threading
import time
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import replace

from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from shared import metrics
from shared.clients import consumer_for
from shared.clients import producer_for
from shared.outbox import unpublished
from shared.relay import Relay
from shared.topics import delete_topics, ensure_topics
# The assessment service's app on a database of its own, as its HTTP tests use it.
from tests.integration.assessment.conftest import assessment_env, assessment_template  # noqa: F401
from tests.support import people
from tests.support.kafka import publish, publish_raw, read_topic
from tests.support.sample import SAMPLE, noted_event, recorded

SERVICE = "assessment"


def sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@contextmanager
def relay_running(url: str, topic: str, source: str, bootstrap: str, name: str = "relay"):
    producer = producer_for(bootstrap)
    relay = Relay(url, producer, topic, source, name=name, poll_interval=0.2)
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield relay
    finally:
        stop.set()
        thread.join(10)
        producer.close()


def test_metrics_count_requests_by_route_rule_not_raw_path(assessment_env):
    client = assessment_env.app.test_client()
    health = dict(service=SERVICE, method="GET", route="/health", status="200")
    before = sample("asn_http_requests_total", **health)
    assert client.get("/health").status_code == 200
    assert client.get("/employees/199001012020121999").status_code == 401  # no token
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    families = {f.name: f for f in text_string_to_metric_families(response.get_data(as_text=True))}
    requests = families["asn_http_requests"].samples
    assert any(s.labels == health and s.value == before + 1 for s in requests)
    assert any(s.labels["route"] == "/employees/<nip>" and s.labels["status"] == "401"
               for s in requests)
    assert not any("199001012020121999" in s.labels["route"] for s in requests)
    assert "asn_http_request_duration_seconds" in families


def test_the_request_id_goes_from_the_header_into_the_event_and_its_kafka_record(assessment_env):
    requestid = f"obs-{uuid.uuid4().hex}"
    hr = assessment_env.caller(people.HR, "hr_admin")
    appended = sample("asn_events_appended_total", service=SERVICE, type="assessment.UnitRegistered.v1")
    response = hr.post("/units", json={"code": "OBS", "name": "Unit Observasi"},
                       headers={"X-Request-ID": requestid})
    assert response.status_code == 201 and response.headers["X-Request-ID"] == requestid
    assert sample("asn_events_appended_total", service=SERVICE,
                  type="assessment.UnitRegistered.v1") == appended + 1
    [event] = assessment_env.events("UnitRegistered")
    assert event["metadata"] == {"actor": people.HR, "requestid": requestid}

    settings, topic = assessment_env.settings, f"test.obs.{uuid.uuid4().hex[:8]}"
    ensure_topics(settings.kafka_bootstrap, [topic], 1)
    try:
        published = sample("asn_relay_events_published_total", service=SERVICE, topic=topic)
        with relay_running(assessment_env.url, topic, "/asn/assessment", settings.kafka_bootstrap) as relay:
            total = len(assessment_env.events())
            assert wait_for(lambda: relay.published == total)
        assert sample("asn_relay_events_published_total", service=SERVICE, topic=topic) == published + total
        assert sample("asn_relay_backlog_events", service=SERVICE) == 0
        records = read_topic(settings.kafka_bootstrap, topic, at_least=total)
        [mine] = [dict(r.headers) for r in records if dict(r.headers)["ce_id"] == str(event["event_id"]).encode()]
        assert mine["ce_requestid"] == requestid.encode()
    finally:
        delete_topics(settings.kafka_bootstrap, [topic])


def test_an_unusable_request_id_is_replaced_and_problems_quote_it(assessment_env):
    client = assessment_env.app.test_client()
    response = client.get("/units", headers={"X-Request-ID": "no spaces; please"})
    given = response.headers["X-Request-ID"]
    assert response.status_code == 401 and given != "no spaces; please" and len(given) == 32
    assert response.get_json()["requestid"] == given


def test_the_consumer_counts_outcomes_and_reactor_events_keep_the_request_id(sample_env, runner_for):
    topic, bootstrap = sample_env.other_topic, sample_env.bootstrap
    cause = replace(noted_event(note="record:7"), metadata={"requestid": "req-from-web"})
    publish(bootstrap, topic, [cause, cause])  # the second is a republished duplicate
    publish_raw(bootstrap, topic, b"k", b"not json", [])
    labels = dict(service=SAMPLE.consumer_name, topic=topic)
    names = ("consumed", "applied", "duplicate", "dead_lettered")
    before = {n: sample(f"asn_consumer_records_{n}_total", **labels) for n in names}
    runner_for().process(read_topic(bootstrap, topic, at_least=3))
    after = {n: sample(f"asn_consumer_records_{n}_total", **labels) - before[n] for n in names}
    assert after == {"consumed": 3, "applied": 1, "duplicate": 1, "dead_lettered": 1}
    with sample_env.connect() as conn:
        [decided] = conn.execute("SELECT metadata FROM events").fetchall()
    assert decided["metadata"]["requestid"] == "req-from-web"
    assert decided["metadata"]["causationid"] == str(cause.id)


def test_a_running_consumer_reports_its_lag_and_a_process_serves_metrics(sample_env, runner_for):
    topic = sample_env.other_topic
    publish(sample_env.bootstrap, topic, [noted_event(f"19850505201001{n:04d}") for n in range(12)])
    runner, stop = runner_for(), threading.Event()
    consumer = consumer_for(sample_env.bootstrap, f"g-{uuid.uuid4().hex[:6]}")
    thread = threading.Thread(target=runner.run, args=(consumer, [topic], stop), daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: runner.totals.applied == 12)
        lag = lambda p: REGISTRY.get_sample_value(  # noqa: E731
            "asn_consumer_lag_records", dict(service=SAMPLE.consumer_name, topic=topic, partition=p))
        partitions = [str(p) for p in range(sample_env.settings.topic_partitions)]
        assert wait_for(lambda: all(lag(p) == 0 for p in partitions))
    finally:
        stop.set()
        thread.join(10)
        consumer.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    metrics.serve(port)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        assert f'asn_consumer_lag_records{{partition="0",service="{SAMPLE.consumer_name}"' \
               f',topic="{topic}"}} 0.0' in answer.read().decode()


def test_relay_backlog_counts_what_is_not_yet_published(sample_env):
    store = SAMPLE.event_store()
    with sample_env.connect(autocommit=True) as conn:
        for n in range(3):
            store.append(conn, f"backlog-{n}", 0, [recorded()])
        assert unpublished(conn, SAMPLE.relay_name) == 3
        with relay_running(sample_env.url, sample_env.events_topic, SAMPLE.source,
                           sample_env.bootstrap, SAMPLE.relay_name) as relay:
            assert wait_for(lambda: relay.published == 3)
        assert unpublished(conn, SAMPLE.relay_name) == 0
    assert sample("asn_relay_backlog_events", service=SAMPLE.name) == 0
