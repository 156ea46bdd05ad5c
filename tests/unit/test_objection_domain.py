"""Objection (keberatan) without a database: the filing days at their boundary, the decision's
deadline and finality, who may do what, and the agency's rules file."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from services.assessment import domain_objection as rules
from services.assessment.reference import objection_rules
from shared.errors import Conflict, Forbidden, Invalid, NotFound

EMPLOYEE, OFFICIAL, SUPERIOR = "199003032015021003", "198002022005011002", "197001011995031001"
RECEIVED = date(2026, 4, 6)
RESULT = rules.ObjectionState("BAIK", OFFICIAL, SUPERIOR, RECEIVED)
FILED = replace(RESULT, status=rules.FILED, decide_by=date(2026, 4, 30), version=2)
RULES = rules.ObjectionRules(14, 14)


def file(state=RESULT, today=date(2026, 4, 20), caller=EMPLOYEE):
    return rules.file(state, "2026-Q1", EMPLOYEE, caller, "Target tercapai", today, RULES)


def test_the_bundled_file_says_14_days_to_file_and_14_to_decide():
    assert objection_rules() == rules.ObjectionRules(14, 14)


def test_the_fourteenth_day_after_receiving_is_the_last():
    filed, asked = file(today=date(2026, 4, 20))
    assert (filed.received_on, filed.filed_on, filed.decide_by) == (
        "2026-04-06", "2026-04-20", "2026-05-04")
    assert (asked.official_nip, asked.requested_by) == (OFFICIAL, SUPERIOR)
    with pytest.raises(Conflict) as refused:
        file(today=date(2026, 4, 21))
    assert (refused.value.code, refused.value.extra) == ("objection_late",
                                                         {"last_day": "2026-04-20"})


@pytest.mark.parametrize("state, caller, refusal, code", [
    (RESULT, OFFICIAL, Forbidden, "not_your_own"),
    (rules.ObjectionState(), EMPLOYEE, Conflict, "not_assessed"),
    (FILED, EMPLOYEE, Conflict, "objection_exists"),
    (replace(RESULT, superior_nip=None), EMPLOYEE, Conflict, "no_official_superior"),
])
def test_filing_is_refused(state, caller, refusal, code):
    with pytest.raises(refusal) as refused:
        file(state, caller=caller)
    assert refused.value.code == code


def test_a_decision_on_the_deadline_is_on_time_and_the_day_after_late():
    on_time = rules.decide(FILED, "2026-Q1", EMPLOYEE, SUPERIOR, "upheld", None, "ok",
                           date(2026, 4, 30))
    late = rules.decide(FILED, "2026-Q1", EMPLOYEE, SUPERIOR, "changed", "SANGAT_BAIK", "ok",
                        date(2026, 5, 1))
    assert (on_time.predikat, on_time.late, late.predikat, late.late) == (
        "BAIK", False, "SANGAT_BAIK", True)


@pytest.mark.parametrize("state, caller, decision, predikat, refusal, code", [
    (RESULT, SUPERIOR, "upheld", None, NotFound, "unknown_objection"),
    (replace(FILED, status=rules.DECIDED), SUPERIOR, "upheld", None, Conflict,
     "objection_decided"),
    (FILED, OFFICIAL, "upheld", None, Forbidden, "not_the_superior"),
    (FILED, SUPERIOR, "changed", "BAIK", Invalid, "bad_decision"),
    (FILED, SUPERIOR, "changed", None, Invalid, "bad_decision"),
    (FILED, SUPERIOR, "maybe", "KURANG", Invalid, "bad_decision"),
])
def test_a_decision_is_the_superiors_once(state, caller, decision, predikat, refusal, code):
    with pytest.raises(refusal) as refused:
        rules.decide(state, "2026-Q1", EMPLOYEE, caller, decision, predikat, "x", date(2026, 4, 21))
    assert refused.value.code == code


def test_only_the_official_explains_until_the_decision():
    assert rules.explain(FILED, "2026-Q1", EMPLOYEE, OFFICIAL, "Bukti kurang").explanation == \
        "Bukti kurang"
    with pytest.raises(Forbidden):
        rules.explain(FILED, "2026-Q1", EMPLOYEE, SUPERIOR, "x")
    with pytest.raises(Conflict):
        rules.explain(replace(FILED, status=rules.DECIDED), "2026-Q1", EMPLOYEE, OFFICIAL, "x")
