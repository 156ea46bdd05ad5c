"""On the runner's fast path the handlers' and projectors' writes are kept and applied together
(shared/batchview.py); every read there must see those of the batch's earlier events first. One
batch in which the reactors read what the batch itself wrote: the period opened in it, the
assignments decided on an employee's assessment (read again for the blind spot on the same
employee, and for the resolution that cancels its coaching) must decide what the same records
applied one at a time decide, and without falling back to the careful path."""
from __future__ import annotations

import uuid

import pytest

from services.training.app import create_app
from services.training.definition import SERVICE
from shared.clients import producer_for
from shared.consumer import ConsumerRunner
from shared.db import drop_database
from shared.topics import delete_topics, ensure_topics
from tests.integration.training.conftest import (ORG, TrainingEnv, discrepancy, resolved,
                                                 submitted)
from tests.support import databases, people


@pytest.fixture
def two_envs(training_template):
    envs = []
    for _ in range(2):
        settings = databases.copy(SERVICE, training_template).with_(
            topic_prefix=f"test.{uuid.uuid4().hex[:8]}.")
        topics = SERVICE.consumed_topics(settings) + SERVICE.topics(settings)
        ensure_topics(settings.kafka_bootstrap, topics, settings.topic_partitions)
        env = TrainingEnv(settings, create_app(settings))
        env._opened, env._producer = [], producer_for(settings.kafka_bootstrap)
        envs.append((env, topics))
    yield [env for env, _ in envs]
    for env, topics in envs:
        env.close()
        env.app.extensions["asn.pool"].close()
        drop_database(env.settings.server_url(), env.settings.database_name(SERVICE.name))
        delete_topics(env.settings.kafka_bootstrap, topics)


def _outcome(env: TrainingEnv) -> dict:
    return {
        "events": env.rows("SELECT stream_id, version, type, subject, data FROM events"
                           " WHERE type LIKE 'training.%%' AND type <> 'training.ProgrammeDefined.v1'"
                           " ORDER BY stream_id, version"),
        "assignments": env.rows("SELECT assignment_id, competency, programme_code, status,"
                                " reason_kind, version FROM assignments ORDER BY 1"),
        "opportunities": env.rows("SELECT nip, competency, status FROM opportunities ORDER BY 1, 2"),
        "unmet": env.rows("SELECT nip, competency, reason FROM unmet_needs ORDER BY 1, 2"),
    }


def test_reads_in_a_batch_see_what_the_batch_kept(two_envs, monkeypatch):
    together, one_by_one = two_envs
    careful = []  # a batch redone record by record would hide what the fast path decided
    transaction = ConsumerRunner._transaction
    monkeypatch.setattr(ConsumerRunner, "_transaction", lambda runner, items, isolate: (
        careful.append(isolate), transaction(runner, items, isolate))[1])
    assessment = submitted(levels={"M.01": 1, "M.02": 1})  # two gaps: two assignments
    feedback = [discrepancy("M.03", cause=assessment),  # coaching for M.03
                discrepancy("M.01", cause=assessment),  # M.01 has an open assignment: nothing
                resolved("M.03", comparison=1, by=2, cause=assessment)]  # cancels the coaching
    together.publish([*ORG, assessment])  # the period is opened in the same batch
    together.publish(feedback, "feedback")
    result = together.runner().process(together.records())
    assert (result.applied, result.parked, result.dead_lettered) == (len(ORG) + 4, 0, 0)
    assert not any(careful)
    for event in [*ORG, assessment]:
        one_by_one.consume([event])
    for event in feedback:
        one_by_one.consume([event], "feedback")
    expected = _outcome(one_by_one)
    assert [(a["competency"], a["status"]) for a in expected["assignments"]
            if a["reason_kind"] == "blind_spot"] == [("M.03", "cancelled")]
    assert len(expected["assignments"]) == 3 and expected["events"]
    assert _outcome(together) == expected
    assert people.EMPLOYEE in {e["subject"] for e in expected["events"]}
