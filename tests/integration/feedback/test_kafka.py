"""From an AssessmentSubmitted pair on Kafka to RatingDiscrepancyDetected on Kafka, and back again.

The real consumer and relay processes' loops run in threads against this test's database and
topics; the test only publishes assessment events and reads what comes out.
"""
from __future__ import annotations

import json
import threading
import time
import uuid

import pytest

from services.feedback.definition import SERVICE
from shared.envelope import from_record, to_record
from services.platform import REGISTRY
from shared.replay import replay
from shared.runtime import run_consumer, run_relay
from shared.topics import delete_topics, ensure_topics
from tests.integration.feedback.conftest import ORGANISATION, pair
from tests.support import assessment_events as ae
from tests.support.kafka import publish, publish_raw, read_topic
from tests.support.people import CORE, EMPLOYEE, PEER


@pytest.fixture
def running(feedback_env):
    """The consumer and the relay running on this test's database and topics of its own."""
    settings = feedback_env.settings.with_(topic_prefix=f"test.{uuid.uuid4().hex[:8]}.")
    topics = SERVICE.topics(settings) + SERVICE.consumed_topics(settings)
    ensure_topics(settings.kafka_bootstrap, topics, settings.topic_partitions)
    stop = threading.Event()
    threads = [threading.Thread(target=run, args=(SERVICE, settings, stop), daemon=True)
               for run in (run_consumer, run_relay)]
    for thread in threads:
        thread.start()
    yield settings
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    delete_topics(settings.kafka_bootstrap, topics)


def wait_for(env, query: str, expected, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while (found := env.rows(query)[0]["n"]) != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def test_a_pair_on_kafka_becomes_discrepancies_on_kafka_once(feedback_env, running):
    source = SERVICE.consumed_topics(running)[0]
    own, boss = pair(EMPLOYEE, own={"M.01": 5, "M.03": 1}, boss={"M.01": 2, "M.03": 4})
    publish(running.kafka_bootstrap, source, [
        ae.unit("BKPSDM.MUTASI", "Bidang Mutasi"),
        *[ae.competency(code) for code in CORE],
        *[ae.employee(nip, unit, supervisor) for nip, unit, supervisor in ORGANISATION],
        ae.period(), boss, own])
    publish_raw(running.kafka_bootstrap, source, EMPLOYEE.encode(), b"{not json", [])
    publish(running.kafka_bootstrap, source, [own, boss])  # delivered again
    publish(running.kafka_bootstrap, source, pair(PEER, own=3, boss=3))

    out = SERVICE.events_topic(running)
    assert wait_for(feedback_env, "SELECT count(*) AS n FROM comparisons", 2) == 2
    records = read_topic(running.kafka_bootstrap, out, at_least=len(feedback_env.events()))
    events = [from_record(r.headers, r.value, REGISTRY) for r in records]
    detected = [(e, r) for e, r in zip(events, records)
                if e.type == "feedback.RatingDiscrepancyDetected.v1"]
    assert sorted((e.data["competency"], e.data["direction"]) for e, _ in detected) == [
        ("M.01", "blind_spot"), ("M.03", "hidden_strength")]
    for event, record in detected:
        assert record.key == EMPLOYEE.encode() and event.subject == EMPLOYEE
        headers = dict(record.headers)
        assert headers["ce_type"] == b"feedback.RatingDiscrepancyDetected.v1"
        assert headers["ce_causationid"] == str(own.id).encode()
        assert headers["ce_actor"] == b"feedback-consumer"
    assert sum(e.type == "feedback.FeedbackDialogueOpened.v1" for e in events) == 2
    dead = read_topic(running.kafka_bootstrap, SERVICE.dlq_topic(running), at_least=1)
    assert [dict(r.headers)["dlq_reason"].decode()[:15] for r in dead] == ["not a CloudEven"]

    report = replay(SERVICE, running, progress=False)
    assert report.equal, [t for t in report.tables if not t.equal]
    assert report.own_events == len(feedback_env.events()) == len(events)


def test_an_assessment_with_u0000_in_a_text_is_dead_lettered_and_the_rest_goes_on(
        feedback_env, running):
    """Valid JSON, valid in every other way: the NUL used to crash the consumer at every start."""
    source = SERVICE.consumed_topics(running)[0]
    publish(running.kafka_bootstrap, source, [
        ae.unit("BKPSDM.MUTASI", "Bidang Mutasi"), *[ae.competency(code) for code in CORE],
        *[ae.employee(nip, unit, supervisor) for nip, unit, supervisor in ORGANISATION],
        ae.period()])
    poisoned = ae.submitted(PEER, "self", PEER, unit_code="BKPSDM.MUTASI")
    data = {**poisoned.data, "ratings": [{**poisoned.data["ratings"][0], "evidence": "a\x00b"},
                                         *poisoned.data["ratings"][1:]]}
    key, _, headers = to_record(poisoned)
    publish_raw(running.kafka_bootstrap, source, key, json.dumps(data).encode(), headers)
    publish(running.kafka_bootstrap, source, pair(EMPLOYEE, own=3, boss=3))
    assert wait_for(feedback_env, "SELECT count(*) AS n FROM comparisons", 1) == 1
    [dead] = read_topic(running.kafka_bootstrap, SERVICE.dlq_topic(running), at_least=1)
    assert dict(dead.headers)["dlq_reason"].decode().startswith(
        "assessment.AssessmentSubmitted.v1 data does not fit its schema: data.ratings[0].evidence")
    report = replay(SERVICE, running, progress=False)
    assert report.equal and [s.offset for s in report.skipped] == [dead_offset(dead)]


def dead_offset(dead) -> int:
    return int(dict(dead.headers)["dlq_offset"])
