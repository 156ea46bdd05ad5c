"""Comparing self and supervisor assessments: order, redelivery, reopening, the agency's threshold."""
from __future__ import annotations

from services.feedback.reference import DATA
from tests.integration.feedback.conftest import pair
from tests.support import assessment_events as ae
from tests.support.people import EMPLOYEE, PEER, SUPERVISOR


def discrepancies(env, status: str = "open") -> dict:
    return {(r["nip"], r["competency"]): (r["self_level"], r["supervisor_level"], r["direction"])
            for r in env.rows("SELECT * FROM discrepancies WHERE status = %s", status)}


def test_a_pair_is_compared_per_competency_and_discrepancies_carry_both_levels(fb):
    own = ae.submitted(EMPLOYEE, "self", EMPLOYEE, {"M.01": 5, "M.03": 2, "M.05": 4},
                       work_result="DI_ATAS")
    boss = ae.submitted(EMPLOYEE, "supervisor", SUPERVISOR, {"M.01": 2, "M.03": 4, "M.05": 3})
    fb.feed(own, boss)
    [compared] = fb.events("RatingsCompared")
    assert compared["subject"] == EMPLOYEE and compared["data"]["threshold"] == 2
    assert {c["competency"]: c["difference"] for c in compared["data"]["competencies"]}["M.05"] == 1
    assert {e["aspect"]: e["self_rating"] for e in compared["data"]["expectations"]} == {
        "work_result": "DI_ATAS", "work_behaviour": "SESUAI"}
    detected = [e["data"] for e in fb.events("RatingDiscrepancyDetected")]
    assert [(d["competency"], d["self_level"], d["supervisor_level"], d["required_level"], d["size"],
             d["direction"]) for d in detected] == [
        ("M.01", 5, 2, 3, 3, "blind_spot"), ("M.03", 2, 4, 3, 2, "hidden_strength")]
    [event] = fb.events("RatingDiscrepancyDetected")[:1]
    assert event["metadata"]["causationid"] == str(boss.id)
    assert event["metadata"]["actor"] == "feedback-consumer"


def test_either_order_gives_the_same_comparison(fb):
    own, boss = pair(own={"M.02": 1}, boss={"M.02": 4})
    fb.feed(boss)
    assert fb.events("feedback.") == [], "nothing to compare with one side only"
    fb.feed(own)
    assert discrepancies(fb) == {(EMPLOYEE, "M.02"): (1, 4, "hidden_strength")}
    assert len(fb.events("RatingsCompared")) == 1


def test_delivered_twice_nothing_doubles(fb):
    fb.feed(*pair(own={"M.04": 5}, boss={"M.04": 2}))
    result = fb.feed(again=True)
    assert (result.applied, result.duplicates) == (0, 2)
    before = len(fb.events("feedback."))
    own, boss = pair(own={"M.04": 5}, boss={"M.04": 2})  # the same facts republished under new ids
    fb.feed(own, boss)
    assert len(fb.events("feedback.")) == before, "a pair already compared is not compared again"


def test_a_reopened_and_resubmitted_assessment_supersedes_the_comparison(fb):
    fb.feed(*pair(own={"M.01": 5, "M.02": 5}, boss={"M.01": 2, "M.02": 2}))
    fb.feed(ae.reopened(EMPLOYEE, "self"))
    assert len(fb.events("RatingsCompared")) == 1, "a reopened side is not compared"
    fb.feed(ae.submitted(EMPLOYEE, "self", EMPLOYEE, {"M.01": 5}, submission=2,
                         unit_code="BKPSDM.MUTASI"))
    resolved = [e["data"] for e in fb.events("DiscrepancyResolved")]
    assert sorted((r["competency"], r["comparison"], r["by_comparison"], r["reason"])
                  for r in resolved) == [("M.01", 1, 2, "superseded"), ("M.02", 1, 2, "superseded")]
    assert discrepancies(fb) == {(EMPLOYEE, "M.01"): (5, 2, "blind_spot")}
    assert {r["comparison"]: r["current"] for r in fb.rows("SELECT * FROM comparisons")} == {
        1: False, 2: True}
    dialogues = {r["dialogue_id"]: (r["status"], r["superseded_by"])
                 for r in fb.rows("SELECT * FROM dialogues")}
    assert dialogues == {f"2026-Q1.{EMPLOYEE}.1": ("superseded", f"2026-Q1.{EMPLOYEE}.2"),
                         f"2026-Q1.{EMPLOYEE}.2": ("opened", None)}


def test_the_threshold_is_the_agencys(fb, monkeypatch, tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text((DATA / "rules.yaml").read_text().replace("threshold: 2", "threshold: 1"))
    monkeypatch.setenv("ASN_FEEDBACK_RULES_FILE", str(rules))
    fb.feed(*pair(own={"M.03": 4}, boss={"M.03": 3}))
    fb.feed(*pair(PEER, own={"M.03": 4}, boss={"M.03": 3}, supervisor=SUPERVISOR))
    detected = [e["data"] for e in fb.events("RatingDiscrepancyDetected")]
    assert [(d["nip"], d["competency"], d["size"], d["threshold"]) for d in detected] == [
        (EMPLOYEE, "M.03", 1, 1), (PEER, "M.03", 1, 1)]
    monkeypatch.delenv("ASN_FEEDBACK_RULES_FILE")
    fb.feed(*pair(EMPLOYEE, own={"M.03": 4}, boss={"M.03": 3}, period_id="2026-Q2"))
    assert len(fb.events("RatingDiscrepancyDetected")) == 2, "the default threshold is 2"


def test_the_dialogue_agenda_orders_discrepancies_expectations_gaps_then_strengths(fb):
    own = {"M.01": 5, "M.02": 3, "M.03": 3, "M.04": 1, "M.05": 3, "M.06": 3, "M.07": 3,
           "M.08": 3, "SK.01": 5}
    boss = {"M.01": 2, "M.02": 1, "M.03": 2, "M.04": 3, "M.05": 4, "M.06": 3, "M.07": 3,
            "M.08": 5, "SK.01": 5}
    fb.feed(ae.submitted(EMPLOYEE, "self", EMPLOYEE, own, work_behaviour="DI_ATAS"),
            ae.submitted(EMPLOYEE, "supervisor", SUPERVISOR, boss))
    [dialogue] = fb.rows("SELECT * FROM dialogues")
    assert [(i["kind"], i["aspect"], i["size"]) for i in dialogue["agenda"]] == [
        ("discrepancy", "M.01", 3), ("discrepancy", "M.02", 2), ("discrepancy", "M.04", 2),
        ("discrepancy", "M.08", 2), ("expectation", "work_behaviour", 1),
        ("gap", "M.03", 1), ("strength", "SK.01", 2), ("strength", "M.05", 1)]
    assert [i["item"] for i in dialogue["agenda"]] == list(range(1, 9))
