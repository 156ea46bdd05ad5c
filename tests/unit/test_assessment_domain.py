"""The assessment rules without a database: predikat matrix, NIP, completeness, blindness, cycles."""
from __future__ import annotations

from datetime import date

import pytest

from services.assessment import domain
from services.assessment.domain import ABOVE, BELOW, MEETS, Rating
from shared.errors import Conflict, Forbidden, Invalid

STANDARD = {"M.01": 3, "M.02": 3, "SK.01": 2}


@pytest.mark.parametrize("work_result, behaviour, expected", [
    (ABOVE, ABOVE, "SANGAT_BAIK"), (ABOVE, MEETS, "BAIK"), (ABOVE, BELOW, "KURANG"),
    (MEETS, ABOVE, "BAIK"), (MEETS, MEETS, "BAIK"), (MEETS, BELOW, "KURANG"),
    (BELOW, ABOVE, "BUTUH_PERBAIKAN"), (BELOW, MEETS, "BUTUH_PERBAIKAN"),
    (BELOW, BELOW, "SANGAT_KURANG"),
])
def test_predikat_matrix_of_permenpanrb_6_2022(work_result, behaviour, expected):
    assert domain.predikat(work_result, behaviour) == expected


def test_predikat_refuses_an_unknown_rating():
    with pytest.raises(Invalid):
        domain.predikat("BAGUS", MEETS)


@pytest.mark.parametrize("nip", ["199001012020121001", "198503152023212001"])  # PNS, PPPK
def test_valid_nips(nip):
    assert domain.nip_problem(nip) is None


@pytest.mark.parametrize("nip, says", [
    ("19900101202012100", "18 digits"), ("19900101202012100a", "18 digits"),
    ("199013012020121001", "birth date"), ("199002302020121001", "birth date"),
    ("199001012020131001", "appointment"), ("199001011980121001", "appointment"),
    ("199001012020123001", "gender"), ("199001012020121000", "serial"),
])
def test_invalid_nips_say_why(nip, says):
    assert says in domain.nip_problem(nip)


TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("nip, problem", [
    ("199001012026121001", None),                    # appointed this month
    ("199001012027011001", "appointment"),           # next month
    ("199001012030061001", "appointment"),           # years ahead
    ("199001012026212001", None),                    # PPPK of this year
    ("199001012027212001", "appointment"),           # PPPK of next year
    ("202612012026121001", None),                    # born today, appointed this month
    ("202612022026121001", "birth date"),            # born tomorrow
])
def test_no_date_in_a_nip_lies_after_today(nip, problem):
    found = domain.nip_problem(nip, today=TODAY)
    assert (found is None) if problem is None else problem in found, found


def ratings(*codes, level=3):
    return [Rating(code, level) for code in codes]


def test_complete_ratings_pass():
    domain.check_ratings(ratings("M.01", "M.02", "SK.01"), STANDARD, complete=True)


@pytest.mark.parametrize("given, code", [
    (ratings("M.01", "M.01", "M.02", "SK.01"), "duplicate_competency"),
    (ratings("M.01", "M.02", "SK.01", "M.03"), "unknown_competency"),
    (ratings("M.01", "M.02", "SK.01", level=6), "level_out_of_range"),
    (ratings("M.01", "M.02", "SK.01", level=0), "level_out_of_range"),
    (ratings("M.01", "SK.01"), "incomplete_assessment"),
])
def test_bad_ratings_are_refused(given, code):
    with pytest.raises(Invalid) as refused:
        domain.check_ratings(given, STANDARD, complete=True)
    assert refused.value.code == code


def test_a_draft_may_leave_competencies_out_but_not_break_other_rules():
    domain.check_ratings(ratings("M.01"), STANDARD, complete=False)
    with pytest.raises(Invalid):
        domain.check_ratings(ratings("M.09"), STANDARD, complete=False)


def test_missing_competencies_are_named():
    with pytest.raises(Invalid) as refused:
        domain.check_ratings(ratings("M.02"), STANDARD, complete=True)
    assert refused.value.extra["missing"] == ["M.01", "SK.01"]


def test_a_submission_names_every_missing_rating_at_once():
    with pytest.raises(Invalid) as refused:
        domain.check_complete(ratings("M.02"), STANDARD, {"work_result": "SESUAI",
                                                          "work_behaviour": None})
    assert refused.value.extra["missing"] == ["M.01", "SK.01", "work_behaviour"]
    domain.check_complete(ratings("M.01", "M.02", "SK.01"), STANDARD,
                          {"work_result": "SESUAI", "work_behaviour": "DI_ATAS"})


def test_only_the_employee_and_the_current_supervisor_assess():
    domain.check_assessor("self", "A", "A", "B")
    domain.check_assessor("supervisor", "B", "A", "B")
    for role, caller in (("self", "B"), ("supervisor", "A"), ("supervisor", "C")):
        with pytest.raises(Forbidden):
            domain.check_assessor(role, caller, "A", "B")


@pytest.mark.parametrize("role, viewer, both, visible", [
    ("self", "A", False, True), ("supervisor", "B", False, True),      # own side
    ("supervisor", "A", False, False), ("self", "B", False, False),    # blind
    ("supervisor", "A", True, True), ("self", "B", True, True),        # both submitted
    ("self", "C", True, False), ("supervisor", "C", True, False),      # strangers never
])
def test_blindness(role, viewer, both, visible):
    assert domain.may_read(role, viewer, "A", "B", both) is visible


def test_state_folds_submissions_and_reopenings():
    submitted, reopened = "assessment.AssessmentSubmitted.v1", "assessment.AssessmentReopened.v1"
    assert domain.fold([]) == domain.AssessmentState(0, domain.NOT_STARTED, 0)
    assert domain.fold([submitted, reopened, submitted]) == domain.AssessmentState(3, "submitted", 2)
    assert domain.fold([submitted, reopened]).status == "reopened"


def test_submittable_only_in_an_open_period_and_once():
    domain.check_submittable(domain.AssessmentState(), "open")
    domain.check_submittable(domain.AssessmentState(2, domain.REOPENED, 1), "open")
    with pytest.raises(Conflict):
        domain.check_submittable(domain.AssessmentState(), "closed")
    with pytest.raises(Conflict):
        domain.check_submittable(domain.AssessmentState(1, domain.SUBMITTED, 1), "open")
    with pytest.raises(Conflict):
        domain.check_reopenable(domain.AssessmentState())


def test_reporting_cycles_are_found():
    assert domain.reporting_cycle({"a": "b", "b": None, "c": "b"}) is None
    assert domain.reporting_cycle({"a": "b", "b": "c", "c": "a"}) == ["a", "b", "c", "a"]
    assert domain.reporting_cycle({"x": None, "a": "a"}) == ["a", "a"]
    assert domain.reporting_cycle({"d": "a", "a": "b", "b": "a"}) == ["a", "b", "a"]


def test_period_bounds():
    assert domain.period_bounds("quarterly", 2026, 2) == ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30))
    assert domain.period_bounds("quarterly", 2026, 4)[2] == date(2026, 12, 31)
    assert domain.period_bounds("annual", 2026, None) == ("2026", date(2026, 1, 1), date(2026, 12, 31))
    for kind, quarter in (("annual", 1), ("quarterly", None), ("quarterly", 5)):
        with pytest.raises(Invalid):
            domain.period_bounds(kind, 2026, quarter)
