"""The comparison reactor on both adapters of the store (memory, PostgreSQL): the same bodies."""
from __future__ import annotations

from dataclasses import replace

from services.feedback.reactors import on_submitted
from services.feedback.reference import Rules
from tests.support import assessment_events as ae
from tests.support.people import CORE, EMPLOYEE, PERIOD, SUPERVISOR

COMPARISONS = f"comparison-{PERIOD}-{EMPLOYEE}"
FIRST, SECOND = f"{PERIOD}.{EMPLOYEE}.1", f"{PERIOD}.{EMPLOYEE}.2"


def _sides(adapter, own: dict, boss: dict, submission: int = 1):
    own = ae.submitted(EMPLOYEE, "self", EMPLOYEE, own, submission=submission)
    boss = ae.submitted(EMPLOYEE, "supervisor", SUPERVISOR, boss, submission=submission)
    adapter.given(*[ae.competency(code) for code in CORE],
                  ae.employee(EMPLOYEE, "UNIT", SUPERVISOR), own, boss)
    return own, boss


def test_nothing_is_decided_until_both_sides_stand(adapter):
    own = ae.submitted(EMPLOYEE, "self", EMPLOYEE, {"M.01": 5})
    adapter.given(own)
    on_submitted(adapter.context, own)
    assert adapter.recorded() == []
    state = adapter.context.store.comparison_state(PERIOD, EMPLOYEE)
    assert (set(state.sides), state.latest, state.version) == ({"self"}, None, 0)


def test_a_comparison_records_its_discrepancies_and_opens_a_dialogue(adapter):
    _, boss = _sides(adapter, {"M.01": 5, "M.03": 2, "M.05": 4}, {"M.01": 2, "M.03": 4, "M.05": 3})
    on_submitted(adapter.context, boss)
    recorded = adapter.recorded()
    assert [(stream, version, type_) for stream, version, type_, _ in recorded] == [
        (COMPARISONS, 1, "feedback.RatingsCompared.v1"),
        (COMPARISONS, 2, "feedback.RatingDiscrepancyDetected.v1"),
        (COMPARISONS, 3, "feedback.RatingDiscrepancyDetected.v1"),
        (f"dialogue-{FIRST}", 1, "feedback.FeedbackDialogueOpened.v1")]
    compared, *detected, opened = [data for *_, data in recorded]
    assert (compared["comparison"], compared["threshold"], len(compared["competencies"])) == (1, 2, 9)
    assert [(d["competency"], d["size"], d["direction"], d["threshold"]) for d in detected] == [
        ("M.01", 3, "blind_spot", 2), ("M.03", 2, "hidden_strength", 2)]
    assert (opened["dialogue_id"], opened["supersedes"], opened["supervisor_nip"]) == (
        FIRST, None, SUPERVISOR)
    assert [i["aspect"] for i in opened["agenda"]][:2] == ["M.01", "M.03"]
    assert {e["metadata"]["causationid"] for e in adapter.events()} == {str(boss.id)}
    assert {e["metadata"]["actor"] for e in adapter.events()} == {"feedback-consumer"}
    state = adapter.context.store.comparison_state(PERIOD, EMPLOYEE)
    assert (state.latest, state.open_discrepancies, state.open_dialogue, state.version) == (
        (1, 1, 1), ("M.01", "M.03"), FIRST, 3)
    assert adapter.context.store.dialogue(FIRST).status == "opened"


def test_the_threshold_is_the_one_the_context_carries(adapter):
    _, boss = _sides(adapter, {"M.03": 4}, {"M.03": 3})
    on_submitted(replace(adapter.context, rules=Rules(discrepancy_threshold=1)), boss)
    detected = [data for _, _, type_, data in adapter.recorded() if "Detected" in type_]
    assert [(d["competency"], d["size"], d["threshold"]) for d in detected] == [("M.03", 1, 1)]


def test_a_resubmission_supersedes_the_open_discrepancies_and_dialogue(adapter):
    _, boss = _sides(adapter, {"M.01": 5, "M.02": 5}, {"M.01": 2, "M.02": 2})
    on_submitted(adapter.context, boss)
    before = adapter.recorded()
    resubmitted = ae.submitted(EMPLOYEE, "self", EMPLOYEE, {"M.01": 5}, submission=2)
    adapter.given(ae.reopened(EMPLOYEE, "self"))
    assert set(adapter.context.store.comparison_state(PERIOD, EMPLOYEE).sides) == {"supervisor"}
    adapter.given(resubmitted)
    on_submitted(adapter.context, resubmitted)
    recorded = adapter.recorded(before)
    assert [(version, type_.split(".")[1]) for _, version, type_, _ in recorded] == [
        (4, "DiscrepancyResolved"), (5, "DiscrepancyResolved"), (6, "RatingsCompared"),
        (7, "RatingDiscrepancyDetected"), (1, "FeedbackDialogueOpened")]
    resolved = [data for _, _, type_, data in recorded if "Resolved" in type_]
    assert [(r["competency"], r["comparison"], r["by_comparison"], r["reason"])
            for r in resolved] == [("M.01", 1, 2, "superseded"), ("M.02", 1, 2, "superseded")]
    assert recorded[-1][3]["supersedes"] == FIRST
    state = adapter.context.store.comparison_state(PERIOD, EMPLOYEE)
    assert (state.latest, state.open_discrepancies, state.open_dialogue) == (
        (2, 2, 1), ("M.01",), SECOND)
    assert adapter.context.store.dialogue(FIRST).status == "superseded"


def test_the_same_pair_is_never_compared_twice(adapter):
    own, boss = _sides(adapter, {"M.04": 5}, {"M.04": 2})
    on_submitted(adapter.context, boss)
    before = adapter.recorded()
    on_submitted(adapter.context, boss)
    on_submitted(adapter.context, own)
    again = ae.submitted(EMPLOYEE, "self", EMPLOYEE, {"M.04": 5})  # the same facts, a new id
    adapter.given(again)
    on_submitted(adapter.context, again)
    assert adapter.recorded() == before


def test_two_assessments_without_a_common_competency_are_not_compared(adapter):
    own = ae.submitted(EMPLOYEE, "self", EMPLOYEE, 3, codes=("M.01",))
    boss = ae.submitted(EMPLOYEE, "supervisor", SUPERVISOR, 3, codes=("M.02",))
    adapter.given(own, boss)
    on_submitted(adapter.context, boss)
    assert adapter.recorded() == []
