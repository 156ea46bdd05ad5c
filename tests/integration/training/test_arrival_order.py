"""Training decides the same whatever order its two topics are read in (issue: arrival order).

One period's events: per employee, the assessment topic's partition (self and supervisor
submissions) and the feedback topic's partition (the discrepancies feedback found once both were
in, caused by the later of the two). Kafka keeps each partition's order and nothing else, and
redelivers after a failure. Hypothesis draws interleavings of the four partitions, batch
boundaries, redeliveries of whole batches (same offsets) and republished events (the relay sent
one again: same id, new offset), and every run must end with the projections and the decided
events of the causal order (each assessment before what feedback decided on it).
"""
from __future__ import annotations

from types import SimpleNamespace

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from psycopg.rows import dict_row

from services.training.definition import SERVICE
from shared.consumer import ConsumerRunner
from shared.db import drop_database
from shared.envelope import to_record
from tests.integration.training.conftest import ORG, discrepancy, submitted
from tests.support import assessment_events as ae
from tests.support import databases, people

LOW = {code: 1 for code in people.CORE} | {"M.04": 4}  # gaps beyond the 80 JP cap, one strength
EMPLOYEE_SELF = submitted(role="self", levels={code: 4 for code in people.CORE})
EMPLOYEE_BOSS = submitted(levels=LOW)
PEER_BOSS = submitted(nip=people.PEER, levels={"M.07": 2, "M.02": 4})
PEER_SELF = submitted(nip=people.PEER, role="self", levels={"M.07": 4, "M.02": 2})
# (topic, partition, events in partition order); feedback's are caused by the later submission
PARTITIONS = [
    ("assessment", 0, [EMPLOYEE_SELF, EMPLOYEE_BOSS]),
    ("assessment", 1, [PEER_BOSS, PEER_SELF]),
    ("feedback", 0, [discrepancy(code, self_level=4, supervisor_level=1, cause=EMPLOYEE_BOSS)
                     for code in ("M.03", "M.06", "SK.01")]),
    ("feedback", 1, [discrepancy("M.07", self_level=4, supervisor_level=2, nip=people.PEER,
                                 cause=PEER_SELF),
                     discrepancy("M.02", "hidden_strength", self_level=2, supervisor_level=4,
                                 nip=people.PEER, cause=PEER_SELF)]),
]
OUTCOME = {
    "assignments": "SELECT nip, competency, programme_code, jp, year, status, reason_kind, reason,"
                   " period_id, comparison FROM assignments ORDER BY assignment_id",
    "unmet_needs": "SELECT nip, period_id, competency, year, reason, assessed, required"
                   " FROM unmet_needs ORDER BY nip, competency",
    "opportunities": "SELECT nip, period_id, competency, assessed, required FROM opportunities"
                     " ORDER BY nip, competency",
    "decided": "SELECT type, stream_id, version, subject, data, metadata FROM events"
               " WHERE metadata->>'causationid' IS NOT NULL ORDER BY stream_id, version",
    "parked": "SELECT count(*) AS n FROM parked_events",
}


@pytest.fixture(scope="module")
def org_template(training_template):
    """A training database that knows the organisation and the period, copied for every run."""
    template = databases.copy(SERVICE, training_template)
    records = [SimpleNamespace(**{**vars(r), "partition": 2})  # clear of the runs' partitions
               for r in ae.Records(template.topic("assessment.events"))(*ORG)]
    with psycopg.connect(template.database_url("training"), row_factory=dict_row) as conn:
        SERVICE.consumer_runner(conn, template).process(records)
    yield template
    drop_database(template.server_url(), template.database_name("training"))


def _records(template) -> list[list[SimpleNamespace]]:
    """Each partition's records, offsets numbered from 0, on the topics' real names."""
    return [[SimpleNamespace(topic=template.topic(f"{topic}.events"), partition=partition,
                             offset=offset, **dict(zip(("key", "value", "headers"), to_record(e))))
             for offset, e in enumerate(events)] for topic, partition, events in PARTITIONS]


def _republish(partition: list, index: int) -> list:
    """The record at ``index`` sent again by the relay: the same event at the partition's end."""
    again = SimpleNamespace(**{**vars(partition[index]), "offset": len(partition)})
    return partition + [again]


def _run(template, batches: list[list]) -> dict:
    run = databases.copy(SERVICE, template)
    try:
        with psycopg.connect(run.database_url("training"), row_factory=dict_row) as conn:
            runner = SERVICE.consumer_runner(conn, run)
            for batch in batches:
                runner.process(batch)
            return {name: conn.execute(query).fetchall() for name, query in OUTCOME.items()}
    finally:
        drop_database(run.server_url(), run.database_name("training"))


@st.composite
def deliveries(draw, partitions: list[list]) -> list[list]:
    """An interleaving of the partitions cut into batches, with republished and redelivered ones."""
    partitions = [list(p) for p in partitions]
    for i, p in enumerate(partitions):
        for index in draw(st.lists(st.integers(0, len(p) - 1), max_size=1)):
            partitions[i] = _republish(p, index)
    turns = draw(st.permutations([i for i, p in enumerate(partitions) for _ in p]))
    position = [0] * len(partitions)
    stream = []
    for i in turns:
        stream.append(partitions[i][position[i]])
        position[i] += 1
    batches, start = [], 0
    while start < len(stream):
        size = draw(st.integers(1, 4))
        batches.append(stream[start:start + size])
        start += size
        if draw(st.integers(0, 4)) == 0:  # a failure after the commit: the batch comes again
            batches.append(batches[-1])
    return batches


def test_every_arrival_order_decides_as_the_causal_order(org_template):
    partitions = _records(org_template)
    causal = _run(org_template, [[r for p in partitions for r in p]])
    assert causal["parked"] == [{"n": 0}]
    assert len(causal["decided"]) > 10 and any(
        n["reason"] == "cap_reached" for n in causal["unmet_needs"])  # the cap is in play

    @settings(max_examples=30, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(deliveries(partitions))
    def any_order(batches):
        assert _run(org_template, batches) == causal

    any_order()


def test_one_batch_decides_on_the_fast_path_as_one_record_at_a_time(org_template, monkeypatch):
    """The batch's situations are loaded together (services/training/store_batch.py) and its
    decisions written together: the same outcome, without falling back to the careful path."""
    in_order = [r for p in _records(org_template) for r in p]
    careful = []
    transaction = ConsumerRunner._transaction
    monkeypatch.setattr(ConsumerRunner, "_transaction", lambda runner, items, isolate: (
        careful.append(isolate), transaction(runner, items, isolate))[1])
    together = _run(org_template, [in_order])
    assert careful and not any(careful)
    assert _run(org_template, [[record] for record in in_order]) == together
