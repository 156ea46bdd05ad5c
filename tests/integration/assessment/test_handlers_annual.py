"""The annual appraisal's handler on both store adapters: the year's periodic results (quarters
and a month, in their order) propose the annual predikat by the agency's policy; the appraising
official confirms it or gives another with a reason; it then stands on the annual assessment
(what the curve reads); every refusal records nothing."""
from __future__ import annotations

from dataclasses import replace

import pytest

from services.assessment import assessing, confirming_annual
from services.assessment.domain_annual import AnnualPolicy
from services.assessment.domain_periods import AppraisalPeriodOpened, MonthlyPeriodOpened
from shared.errors import Conflict, Forbidden, Invalid
from tests.integration.assessment.handlers import organisation
from tests.integration.assessment.test_handlers_curve import RATINGS
from tests.support import people

CONFIRMED = "assessment.AnnualPredikatConfirmed.v1"
YEAR = "2026"


def periods():
    return [AppraisalPeriodOpened("2026-Q2", "quarterly", 2026, 2, "2026-04-01", "2026-06-30"),
            MonthlyPeriodOpened("2026-M07", "monthly", 2026, None, "2026-07-01", "2026-07-31", 7),
            AppraisalPeriodOpened(YEAR, "annual", 2026, None, "2026-01-01", "2026-12-31")]


def assess(store, period_id: str, predikat: str, nip=people.EMPLOYEE) -> None:
    work_result, behaviour = RATINGS[predikat]
    ratings = [{"competency": c, "level": 3} for c in ("M.01", "M.02", "SK.01")]
    assessing.submit(store.context, assessing.form(people.SUPERVISOR, period_id, nip, "supervisor", {
        "ratings": ratings, "work_result": work_result, "work_behaviour": behaviour}))


@pytest.fixture
def year(store):
    """Q1 Baik, Q2 Sangat Baik, July Sangat Baik; the annual assessment submitted as Baik."""
    store.given(*organisation(), *periods())
    for period_id, predikat in ((people.PERIOD, "BAIK"), ("2026-Q2", "SANGAT_BAIK"),
                                ("2026-M07", "SANGAT_BAIK"), (YEAR, "BAIK")):
        assess(store, period_id, predikat)
    store.given()
    return store


def confirm(store, predikat, reason=None, caller=people.SUPERVISOR, nip=people.EMPLOYEE):
    return confirming_annual.confirm(store.context, caller, YEAR, nip, predikat, reason)


def test_the_official_confirms_the_proposal_and_it_stands_on_the_annual_assessment(year):
    state = year.store.annual_state(YEAR, people.EMPLOYEE)
    assert [(r.period_id, r.predikat) for r in state.periodic] == [
        (people.PERIOD, "BAIK"), ("2026-Q2", "SANGAT_BAIK"), ("2026-M07", "SANGAT_BAIK")]
    confirm(year, "SANGAT_BAIK")
    assert year.recorded() == [(CONFIRMED, people.EMPLOYEE, {
        "period_id": YEAR, "nip": people.EMPLOYEE, "unit_code": "BKPSDM", "policy": "mode",
        "periodic": [{"period_id": people.PERIOD, "predikat": "BAIK"},
                     {"period_id": "2026-Q2", "predikat": "SANGAT_BAIK"},
                     {"period_id": "2026-M07", "predikat": "SANGAT_BAIK"}],
        "proposed": "SANGAT_BAIK", "previous": "BAIK", "predikat": "SANGAT_BAIK", "reason": None,
        "confirmed_by": people.SUPERVISOR})]
    assert year.store.curve_state(YEAR).assessed == (("BKPSDM", "SANGAT_BAIK"),)
    assert year.store.annual_state(YEAR, people.EMPLOYEE).version == 1


def test_the_confirmed_annual_predikat_is_the_result_an_objection_counts_from(year):
    _, submitted = year.store.objection_state(YEAR, people.EMPLOYEE)
    confirm(year, "SANGAT_BAIK")
    state, received = year.store.objection_state(YEAR, people.EMPLOYEE)
    assert state.predikat == "SANGAT_BAIK" and received >= submitted
    assert received > submitted or year.adapter == "postgresql"  # one transaction: one now()


def test_another_predikat_needs_a_reason_and_the_policy_is_the_agencys(year):
    with pytest.raises(Invalid) as refused:
        confirm(year, "BAIK")
    assert refused.value.code == "reason_required" and year.recorded() == []
    confirm(year, "BAIK", "Dua target utama tahun ini tidak tercapai")
    latest = replace(year.context, annual=AnnualPolicy("latest"))
    confirming_annual.confirm(latest, people.SUPERVISOR, YEAR, people.EMPLOYEE, "SANGAT_BAIK",
                              None)
    assert [(d["proposed"], d["previous"], d["predikat"], d["reason"])
            for _, _, d in year.recorded()] == [
        ("SANGAT_BAIK", "BAIK", "BAIK", "Dua target utama tahun ini tidak tercapai"),
        ("SANGAT_BAIK", "BAIK", "SANGAT_BAIK", None)]


def test_refusals_record_nothing(year):
    assess(year, YEAR, "BAIK", nip=people.PEER)  # an annual assessment, no periodic result
    year.given()
    for kwargs, refusal, code in (({"caller": people.HEAD}, Forbidden, "not_the_official"),
                                  ({"nip": people.PEER}, Conflict, "no_periodic_results")):
        with pytest.raises(refusal) as refused:
            confirm(year, "BAIK", **kwargs)
        assert refused.value.code == code
    with pytest.raises(Invalid) as refused:
        confirming_annual.confirm(year.context, people.SUPERVISOR, "2026-Q2", people.EMPLOYEE,
                                  "BAIK", None)
    assert refused.value.code == "not_annual"
    assert year.recorded() == []
