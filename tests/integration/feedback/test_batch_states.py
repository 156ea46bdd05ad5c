"""The consumer's fast path loads comparison states for a whole batch (services/feedback/
store_batch.py): what it decides must equal what one record at a time decides."""
from __future__ import annotations

import pytest

from services.feedback.definition import SERVICE
from shared.consumer import ConsumerRunner
from shared.db import drop_database
from tests.integration.feedback.conftest import ORGANISATION, FeedbackEnv, pair
from tests.support import assessment_events as ae
from tests.support import databases
from tests.support.people import CORE, EMPLOYEE, HEAD, OUTSIDER, PEER, SUPERVISOR

MUTASI = "BKPSDM.MUTASI"
# Blind spots, hidden strengths, a reopening and a resubmission, a side alone, a self-assessment
# resubmitted without reopening, interleaved across employees as partitions interleave them.
SCENARIO = [
    ae.submitted(EMPLOYEE, "self", EMPLOYEE, {"M.01": 5, "M.02": 4}, unit_code=MUTASI),
    ae.submitted(PEER, "supervisor", SUPERVISOR, {"M.03": 5}, unit_code=MUTASI),
    ae.submitted(EMPLOYEE, "supervisor", SUPERVISOR, {"M.01": 2}, unit_code=MUTASI),
    ae.submitted(OUTSIDER, "supervisor", HEAD, 4, unit_code="DISKOMINFO"),
    ae.reopened(EMPLOYEE, "supervisor"),
    ae.submitted(PEER, "self", PEER, 3, unit_code=MUTASI),
    ae.submitted(EMPLOYEE, "supervisor", SUPERVISOR, {"M.01": 4}, submission=2, unit_code=MUTASI),
    ae.submitted(PEER, "self", PEER, {"M.03": 2, "M.04": 5}, submission=2, unit_code=MUTASI),
    *pair(SUPERVISOR, own=4, boss={"M.05": 2}, supervisor=HEAD),
]


@pytest.fixture
def two_envs(feedback_template):
    envs = []
    for _ in range(2):
        settings = databases.copy(SERVICE, feedback_template)
        envs.append(FeedbackEnv(settings, None, ae.Records(settings.topic("assessment.events"))))
    yield envs
    for env in envs:
        drop_database(env.settings.server_url(), env.settings.database_name(SERVICE.name))


def _outcome(env: FeedbackEnv) -> dict:
    return {
        "events": env.rows("SELECT stream_id, version, type, subject, data, metadata FROM events"
                           " ORDER BY stream_id, version"),
        "comparisons": env.rows("SELECT period_id, nip, comparison, self_submission,"
                                " supervisor_submission FROM comparisons ORDER BY 1, 2, 3"),
        "discrepancies": env.rows("SELECT nip, comparison, competency, direction, status"
                                  " FROM discrepancies ORDER BY 1, 2, 3"),
        "dialogues": env.rows("SELECT dialogue_id, nip, status, agenda FROM dialogues ORDER BY 1"),
    }


def test_a_whole_batch_decides_as_one_record_at_a_time_does(two_envs, monkeypatch):
    together, one_by_one = two_envs
    careful = []  # a batch redone record by record would hide what the fast path decided
    transaction = ConsumerRunner._transaction
    monkeypatch.setattr(ConsumerRunner, "_transaction", lambda runner, items, isolate: (
        careful.append(isolate), transaction(runner, items, isolate))[1])
    for env in two_envs:
        env.feed(ae.unit("BKPSDM", "BKPSDM"), ae.unit(MUTASI, "Mutasi", "BKPSDM"),
                 ae.unit("DISKOMINFO", "Diskominfo"), *[ae.competency(c) for c in CORE],
                 *[ae.employee(nip, unit, boss) for nip, unit, boss in ORGANISATION], ae.period())
    result = together.feed(*SCENARIO)
    for event in SCENARIO:
        one_by_one.feed(event)
    assert result.applied == len(SCENARIO)
    expected = _outcome(one_by_one)
    assert len(expected["comparisons"]) == 5 and len(expected["discrepancies"]) > 4
    assert _outcome(together) == expected
    assert not any(careful)
