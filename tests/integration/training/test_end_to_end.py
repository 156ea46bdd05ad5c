"""End to end on the real servers: an AssessmentSubmitted on Kafka becomes a TrainingAssigned on the
training topic, through the running consumer (with its reactors) and the running relay."""
from __future__ import annotations

import threading

from services.training.definition import SERVICE
from shared.envelope import from_record
from shared.runtime import run_consumer, run_relay
from tests.integration.training.conftest import ORG, submitted
from tests.support import people
from tests.support.kafka import read_topic


def test_a_supervisor_assessment_on_kafka_becomes_training_assigned_on_the_training_topic(training_env):
    env = training_env
    boss = submitted(levels={"M.03": 2, "M.08": 2, "M.04": 5})
    seeded = len(env.events())  # the catalogue (38 ProgrammeDefined), published as well
    stop = threading.Event()
    threads = [threading.Thread(target=run, args=(SERVICE, env.settings, stop), daemon=True)
               for run in (run_consumer, run_relay)]
    for thread in threads:
        thread.start()
    try:
        env.publish(ORG + [submitted(role="self"), boss])
        records = read_topic(env.bootstrap, SERVICE.events_topic(env.settings), at_least=seeded + 3,
                             timeout=60)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    events = [from_record(r.headers, r.value, SERVICE.registry) for r in records]
    assigned = [e for e in events if e.type == "training.TrainingAssigned.v1"]
    assert sorted(e.data["competency"] for e in assigned) == ["M.03", "M.08"]
    for event, record in zip(events, records):
        if event.type == "training.TrainingAssigned.v1":
            assert record.key == people.EMPLOYEE.encode()
            assert event.data["reason"]["source_event_id"] == str(boss.id)
            assert event.metadata["causationid"] == str(boss.id)
            assert event.metadata["actor"] == "training-consumer"
    assert [e.data["competency"] for e in events
            if e.type == "training.DevelopmentOpportunityIdentified.v1"] == ["M.04"]
