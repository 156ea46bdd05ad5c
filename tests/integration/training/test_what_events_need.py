"""What a consumed event needs before training applies it (shared/prerequisites.py), on the real
PostgreSQL and Kafka: its topic's own producer, an employee the topic announced, a period that may
be announced later, and the cause of a feedback decision read from the other topic."""
from __future__ import annotations

from dataclasses import replace

from services.training.definition import SERVICE
from shared.replay import replay
from tests.integration.training.conftest import discrepancy, period, submitted
from tests.support import people
from tests.support.kafka import read_topic


def assigned(env) -> list[tuple]:
    return [(r["nip"], r["competency"], r["programme_code"], r["reason_kind"]) for r in env.rows(
        "SELECT nip, competency, programme_code, reason_kind FROM assignments ORDER BY nip,"
        " competency")]


def reasons(env, at_least: int) -> list[str]:
    dead = read_topic(env.bootstrap, SERVICE.dlq_topic(env.settings), at_least=at_least)
    return [dict(r.headers)["dlq_reason"].decode() for r in dead]


def test_an_event_from_a_service_that_does_not_write_the_topic_is_dead_lettered(org):
    forged = replace(submitted(levels={"M.03": 1}), source="/x/intruder")
    result = org.consume([forged])
    assert (result.applied, result.dead_lettered) == (0, 1)
    assert assigned(org) == []
    assert reasons(org, 1) == ["unprocessable: foreign source: '/x/intruder' does not write "
                               f"{org.topic('assessment')} (only '/asn/assessment' does)"]


def test_an_assessment_of_an_employee_the_topic_never_announced_is_dead_lettered(org):
    stranger = "199912312020121999"
    result = org.consume([submitted(nip=stranger, levels={"M.03": 1})])
    assert result.dead_lettered == 1
    assert assigned(org) == []
    assert reasons(org, 1) == [
        f"unprocessable: unknown employee '{stranger}': {org.topic('assessment')} never announced"
        " it before this assessment.AssessmentSubmitted.v1 (nip)"]


def test_an_assessment_waits_for_a_period_announced_on_another_partition(org):
    early = submitted(levels={"M.03": 2}, period_id="2026-Q2")
    result = org.consume([early])
    assert (result.applied, result.parked) == (0, 1)
    assert assigned(org) == []
    result = org.consume([period("2026-Q2", quarter=2)])
    assert (result.applied, result.released) == (1, 1)
    assert assigned(org) == [(people.EMPLOYEE, "M.03", "PLT-PUBLIC-SPEAKING", "gap")]
    assert org.rows("SELECT count(*) AS n FROM parked_events")[0]["n"] == 0


def test_a_blind_spot_read_before_its_cause_is_decided_after_it(org):
    """Read in causal order, the supervisor's gap in M.03 gets the classical programme and the blind
    spot adds no coaching (one open assignment per competency, docs/training.md). Read the other
    way round, the coaching used to come first and took the gap's place."""
    boss = submitted(levels={"M.03": 2})
    blind_spot = discrepancy("M.03", supervisor_level=2, cause=boss)
    result = org.consume([blind_spot], service="feedback")
    assert (result.applied, result.parked) == (0, 1)
    result = org.consume([boss])
    assert result.released == 1
    assert assigned(org) == [(people.EMPLOYEE, "M.03", "PLT-PUBLIC-SPEAKING", "gap")]
    report = replay(SERVICE, org.settings, progress=False)
    assert report.equal, [t for t in report.tables if not t.equal]


def test_what_another_copy_applied_while_an_event_was_parked_releases_it_at_the_next_batch(
        org, monkeypatch):
    """Two copies of the consumer: one parks an assessment for its period while the other applies
    the period in a transaction that cannot see the park (emulated: it reads nothing waiting).
    The wait is over but nothing released it; the next batch, even an empty one, does."""
    parker, other = org.runner(), org.runner()
    org.publish([submitted(levels={"M.03": 2}, period_id="2026-Q2")])
    assert parker.process(org.records()).parked == 1
    monkeypatch.setattr(other.ledger, "waited_for", set)
    org.publish([period("2026-Q2", quarter=2)])
    assert (other.process(org.records()).applied, assigned(org)) == (1, [])
    result = parker.process([])  # the idle runner's sweep
    assert result.released == 1
    assert assigned(org) == [(people.EMPLOYEE, "M.03", "PLT-PUBLIC-SPEAKING", "gap")]
    assert org.rows("SELECT count(*) AS n FROM parked_events")[0]["n"] == 0
