"""The feedback domain without a database: comparing, the agenda, the dialogue rules."""
from __future__ import annotations

from datetime import date

import pytest

from services.feedback import domain
from services.feedback.reference import Rules
from shared.errors import Conflict, Forbidden, Invalid

CODES = ("M.01", "M.02", "M.03")


def side(levels, required=3, result="SESUAI", behaviour="SESUAI", n=1):
    return domain.Submission(n, "x", dict(zip(CODES, levels)), {c: required for c in CODES},
                             {"work_result": result, "work_behaviour": behaviour})


@pytest.mark.parametrize("own, boss, threshold, expected", [
    ((5, 3, 3), (3, 3, 3), 2, [("M.01", "blind_spot", 2)]),
    ((1, 3, 3), (4, 3, 3), 2, [("M.01", "hidden_strength", 3)]),
    ((4, 3, 3), (3, 3, 3), 2, []),
    ((4, 3, 3), (3, 3, 3), 1, [("M.01", "blind_spot", 1)]),
    ((5, 1, 4), (1, 5, 3), 2, [("M.01", "blind_spot", 4), ("M.02", "hidden_strength", 4)]),
])
def test_discrepancies_by_threshold_and_direction(own, boss, threshold, expected):
    result = domain.compare(side(own), side(boss), threshold)
    assert [(c.competency, c.direction, abs(c.difference)) for c in result.discrepancies] == expected
    assert len(result.competencies) == 3


def test_only_competencies_both_rated_are_compared_with_the_supervisors_required_level():
    own = domain.Submission(1, "a", {"M.01": 3, "M.09": 2}, {"M.01": 2, "M.09": 2},
                            {"work_result": "SESUAI", "work_behaviour": "SESUAI"})
    boss = domain.Submission(1, "b", {"M.01": 3, "M.02": 2}, {"M.01": 4, "M.02": 2},
                             {"work_result": "DI_ATAS", "work_behaviour": "SESUAI"})
    result = domain.compare(own, boss, 2)
    assert [(c.competency, c.required_level) for c in result.competencies] == [("M.01", 4)]
    assert result.expectations == [("work_result", "SESUAI", "DI_ATAS"),
                                   ("work_behaviour", "SESUAI", "SESUAI")]


def test_the_agenda_lists_each_competency_once_in_order():
    result = domain.compare(side((5, 3, 1), result="DI_ATAS"), side((2, 4, 1), result="DI_BAWAH"), 2)
    assert [(i["kind"], i["aspect"], i["size"]) for i in domain.agenda(result)] == [
        ("discrepancy", "M.01", 3), ("expectation", "work_result", 2), ("gap", "M.03", 2),
        ("strength", "M.02", 1)]


def test_level_five_is_a_strength_even_when_required():
    result = domain.compare(side((5, 3, 3), required=5), side((5, 3, 3), required=5), 2)
    assert [(i["kind"], i["aspect"], i["size"]) for i in domain.agenda(result)] == [
        ("gap", "M.02", 2), ("gap", "M.03", 2), ("strength", "M.01", 0)]


def test_a_threshold_below_one_is_refused():
    with pytest.raises(ValueError):
        domain.compare(side((3, 3, 3)), side((3, 3, 3)), 0)
    with pytest.raises(ValueError):
        Rules(discrepancy_threshold=5)


def test_dialogue_rules():
    domain.check_supervisor("a", "a")
    with pytest.raises(Forbidden):
        domain.check_supervisor("a", "b")
    for status, code in ((domain.ACKNOWLEDGED, "dialogue_closed"),
                         (domain.SUPERSEDED, "dialogue_superseded")):
        with pytest.raises(Conflict) as refused:
            domain.check_open(status)
        assert refused.value.code == code
    with pytest.raises(Conflict):
        domain.check_acknowledgeable("e", "e", domain.SCHEDULED)
    with pytest.raises(Forbidden):
        domain.check_acknowledgeable("boss", "e", domain.FEEDBACK_GIVEN)
    domain.check_acknowledgeable("e", "e", domain.FEEDBACK_GIVEN)


def test_feedback_checks_items_and_due_dates():
    today = date(2026, 5, 1)
    domain.check_feedback({1, 2}, [{"item": 1, "actions": [{"due_on": today}]}], today)
    for items, code in (([{"item": 3, "actions": []}], "unknown_agenda_item"),
                        ([{"item": 1, "actions": []}, {"item": 1, "actions": []}],
                         "duplicate_agenda_item"),
                        ([{"item": 2, "actions": [{"due_on": date(2026, 4, 30)}]}],
                         "due_in_the_past")):
        with pytest.raises(Invalid) as refused:
            domain.check_feedback({1, 2}, items, today)
        assert refused.value.code == code
