"""Assessment events on the real Kafka, racing submissions on the real PostgreSQL, replay of the trail."""
from __future__ import annotations

import threading
import uuid

import pytest

from services.assessment.definition import SERVICE
from shared.envelope import from_record
from services.platform import REGISTRY
from shared.replay import replay
from shared.runtime import run_relay
from shared.topics import delete_topics, ensure_topics
from tests.support import people
from tests.support.kafka import read_topic
from tests.support.people import PERIOD, assessment
from tests.support.races import released_together

BOSS = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/supervisor/submission"
SELF = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/self/submission"


@pytest.fixture
def published(org):
    """The relay running for this test's database, into topics of this test's own."""
    settings = org.settings.with_(topic_prefix=f"test.{uuid.uuid4().hex[:8]}.")
    ensure_topics(settings.kafka_bootstrap, SERVICE.topics(settings), settings.topic_partitions)
    stop = threading.Event()
    relay = threading.Thread(target=run_relay, args=(SERVICE, settings, stop), daemon=True)
    relay.start()
    yield settings
    stop.set()
    relay.join(timeout=30)
    delete_topics(settings.kafka_bootstrap, SERVICE.topics(settings))


def test_events_reach_kafka_as_cloudevents_keyed_by_nip(org, published):
    assert org.caller(people.EMPLOYEE, "employee").post(SELF, json=assessment()).status_code == 201
    assert org.caller(people.SUPERVISOR, "employee").post(BOSS, json=assessment()).status_code == 201
    stored = org.events()
    records = read_topic(published.kafka_bootstrap, SERVICE.events_topic(published),
                         at_least=len(stored))
    assert len(records) == len(stored)
    by_id = {str(e["event_id"]): e for e in stored}
    for record in records:
        headers = dict(record.headers)
        event = from_record(record.headers, record.value, REGISTRY)
        row = by_id[str(event.id)]
        assert headers["ce_specversion"] == b"1.0" and headers["content-type"] == b"application/json"
        assert event.type == row["type"] and event.source == "/asn/assessment"
        assert record.key == row["subject"].encode() == event.subject.encode()
        assert event.data == row["data"]
    submitted = [r for r in records if dict(r.headers)["ce_type"] == b"assessment.AssessmentSubmitted.v1"]
    assert {r.key for r in submitted} == {people.EMPLOYEE.encode()}
    assert len({r.partition for r in submitted}) == 1  # one employee, one partition, in order
    in_order = sorted(submitted, key=lambda r: r.offset)
    assert [from_record(r.headers, r.value, REGISTRY).data["role"] for r in in_order] == [
        "self", "supervisor"]
    assert [dict(r.headers)["ce_actor"] for r in in_order] == [
        people.EMPLOYEE.encode(), people.SUPERVISOR.encode()]  # who did it, for the audit trail



def test_two_racing_supervisor_submissions_make_one_event_and_one_409(org):
    """Both read the stream at version 0, then wait on the period row this test holds; released
    together, one appends version 1 and the other meets the unique (stream, version)."""
    results = []
    released_together(org, [lambda level=level: results.append(
        org.caller(people.SUPERVISOR, "employee").post(BOSS, json=assessment(level)))
        for level in (2, 4)])
    assert sorted(r.status_code for r in results) == [201, 409]
    loser = next(r for r in results if r.status_code == 409)
    assert loser.get_json()["code"] == "conflict" and loser.mimetype == "application/problem+json"
    assert len(org.events("AssessmentSubmitted")) == 1


def test_replay_rebuilds_the_same_projections(org):
    org.caller(people.EMPLOYEE, "employee").post(SELF, json=assessment())
    org.caller(people.SUPERVISOR, "employee").post(BOSS, json=assessment(4, "DI_ATAS", "DI_ATAS"))
    hr = org.caller(people.HR, "hr_admin")
    hr.post(f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/supervisor/reopen", json={"reason": "cek"})
    hr.patch(f"/employees/{people.PEER}", json={"unit_code": "BKPSDM"})
    hr.post(f"/periods/{PERIOD}/close")
    report = replay(SERVICE, org.settings)
    assert report.equal, report


def test_the_loser_of_a_race_is_refused_at_its_commit_and_leaves_nothing(org):
    """Two self-assessments of one employee, each with an Idempotency-Key, both past their context
    query: the loser's event INSERT goes out with its projections, its key's response and its
    COMMIT without waiting, and the conflict comes at that closing sync: a 409 problem, and no
    event, projection row or stored response of the loser's."""
    results, keys = {}, {2: "race-loser-or-winner-2", 4: "race-loser-or-winner-4"}

    def submit(level: int) -> None:
        results[level] = org.caller(people.EMPLOYEE, "employee").post(
            SELF, json=assessment(level), headers={"Idempotency-Key": keys[level]})
    released_together(org, [lambda level=level: submit(level) for level in keys])
    assert sorted(r.status_code for r in results.values()) == [201, 409]
    won = next(level for level, r in results.items() if r.status_code == 201)
    lost = results[6 - won]
    assert lost.mimetype == "application/problem+json" and lost.get_json()["code"] == "conflict"
    assert "is no longer at version 0" in lost.get_json()["detail"]
    [event] = org.events("AssessmentSubmitted")
    assert {r["level"] for r in event["data"]["ratings"]} == {won}
    [row] = org.rows("SELECT ratings, version FROM assessments WHERE nip = %s AND role = 'self'",
                     people.EMPLOYEE)
    assert {r["level"] for r in row["ratings"]} == {won} and row["version"] == 1
    assert [r["key"] for r in org.rows("SELECT key FROM idempotency_keys")] == [keys[won]]
    # The loser's key was never kept: sent again it is a new request, refused as a repeat.
    again = org.caller(people.EMPLOYEE, "employee").post(
        SELF, json=assessment(6 - won), headers={"Idempotency-Key": keys[6 - won]})
    assert again.status_code == 409 and again.get_json()["code"] == "already_submitted"
    assert "Idempotent-Replayed" not in again.headers
