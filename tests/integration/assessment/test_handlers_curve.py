"""The curve's handlers (a unit's predikat, HR's exception, closing a period) on both store
adapters: the same bodies run on the in-memory store and on PostgreSQL (fixture ``store``)."""
from __future__ import annotations

import pytest

from services.assessment import assessing, distribution, organisation as commands
from services.assessment import domain_periods
from services.assessment.domain_distribution import UnitCurve
from shared.errors import Conflict, Invalid, NotFound
from tests.integration.assessment.handlers import organisation
from tests.support import people

SET = "assessment.UnitPredicateSet.v1"
EXCEPTION = "assessment.CurveExceptionRecorded.v1"
CLOSED = "assessment.AppraisalPeriodClosed.v1"
# (hasil kerja, perilaku) giving each predikat
RATINGS = {"BAIK": ("SESUAI", "SESUAI"), "BUTUH_PERBAIKAN": ("DI_BAWAH", "SESUAI"),
           "SANGAT_BAIK": ("DI_ATAS", "DI_ATAS")}


def assess(store, nip: str, predikat: str) -> None:
    """The supervisor's assessment of a report, giving ``predikat``."""
    boss, codes = ((people.HEAD, people.CORE) if nip == people.SUPERVISOR
                   else (people.SUPERVISOR, ("M.01", "M.02", "SK.01")))
    work_result, behaviour = RATINGS[predikat]
    ratings = [{"competency": c, "level": 3} for c in codes]
    assessing.submit(store.context, assessing.form(boss, people.PERIOD, nip, "supervisor", {
        "ratings": ratings, "work_result": work_result, "work_behaviour": behaviour}))


def set_baik(store, basis="Keputusan Kepala Daerah 800/12/2026"):
    return distribution.set_unit_predicate(store.context, people.HR, people.PERIOD, "BKPSDM",
                                           "BAIK", basis)


def test_the_unit_predikat_is_recorded_and_set_again_replaces_it(store):
    store.given(*organisation())
    set_baik(store)
    distribution.set_unit_predicate(store.context, people.HR, people.PERIOD, "BKPSDM",
                                    "ISTIMEWA", "Revisi keputusan")
    assert [(t, s) for t, s, _ in store.recorded()] == [(SET, "BKPSDM"), (SET, "BKPSDM")]
    assert store.recorded()[0][2] == {"period_id": people.PERIOD, "unit_code": "BKPSDM",
                                      "predikat": "BAIK", "set_by": people.HR,
                                      "basis": "Keputusan Kepala Daerah 800/12/2026"}
    assert store.store.curve_state(people.PERIOD).curves == {"BKPSDM": UnitCurve("ISTIMEWA",
                                                                                 False, 2)}


@pytest.mark.parametrize("period, unit, predikat, refusal, code", [
    ("2030-Q1", "BKPSDM", "BAIK", NotFound, "unknown_period"),
    (people.PERIOD, "NONE", "BAIK", NotFound, "unknown_unit"),
    (people.PERIOD, "BKPSDM", "LUAR_BIASA", Invalid, "unknown_unit_predicate"),
])
def test_a_unit_predikat_is_refused_for_what_does_not_exist(store, period, unit, predikat,
                                                              refusal, code):
    store.given(*organisation())
    with pytest.raises(refusal) as refused:
        distribution.set_unit_predicate(store.context, people.HR, period, unit, predikat, "x")
    assert refused.value.code == code
    assert store.recorded() == []


def test_a_closed_period_takes_no_unit_predikat(store):
    store.given(*organisation(), domain_periods.AppraisalPeriodClosed(people.PERIOD))
    with pytest.raises(Conflict) as refused:
        set_baik(store)
    assert refused.value.code == "period_not_open"


def test_the_curve_counts_the_supervisors_predikat_and_forgets_a_reopened_one(store):
    store.given(*organisation())
    assess(store, people.EMPLOYEE, "BAIK")
    assess(store, people.PEER, "BUTUH_PERBAIKAN")
    assessing.reopen(store.context, people.HR, people.PERIOD, people.PEER, "supervisor", "salah")
    assert store.store.curve_state(people.PERIOD).assessed == (("BKPSDM", "BAIK"),)


def test_closing_is_refused_while_a_unit_breaks_its_pattern(store):
    store.given(*organisation())
    set_baik(store)
    for nip in (people.SUPERVISOR, people.EMPLOYEE, people.PEER):
        assess(store, nip, "BAIK")  # 100% Baik and no Butuh Perbaikan/Kurang
    mark = len(store.recorded())
    with pytest.raises(Conflict) as refused:
        commands.close_period(store.context, people.PERIOD)
    assert (refused.value.code, refused.value.extra) == ("curve_broken", {"units": ["BKPSDM"]})
    assert len(store.recorded()) == mark


def test_a_unit_that_follows_its_pattern_lets_the_period_close(store):
    store.given(*organisation())
    set_baik(store)
    assess(store, people.SUPERVISOR, "SANGAT_BAIK")
    assess(store, people.EMPLOYEE, "BAIK")
    assess(store, people.PEER, "BUTUH_PERBAIKAN")  # 1 of 3 each: Baik ties, 33% <= 70%
    with pytest.raises(Conflict) as refused:
        distribution.record_exception(store.context, people.HR, people.PERIOD, "BKPSDM", "x")
    assert refused.value.code == "curve_not_broken"
    commands.close_period(store.context, people.PERIOD)
    assert store.recorded()[-1][0] == CLOSED


def test_without_a_unit_predikat_nothing_holds_closing_back(store):
    store.given(*organisation())
    assess(store, people.EMPLOYEE, "BAIK")
    with pytest.raises(Conflict) as refused:
        distribution.record_exception(store.context, people.HR, people.PERIOD, "BKPSDM", "x")
    assert refused.value.code == "no_unit_predicate"
    commands.close_period(store.context, people.PERIOD)
    assert store.recorded()[-1][0] == CLOSED


def test_an_exception_lets_a_broken_unit_close_until_its_predikat_is_set_again(store):
    store.given(*organisation())
    set_baik(store)
    assess(store, people.EMPLOYEE, "BAIK")
    assess(store, people.PEER, "BAIK")
    distribution.record_exception(store.context, people.HR, people.PERIOD, "BKPSDM",
                                  "Unit baru dibentuk; dua pegawai saja")
    (ce_type, subject, data) = store.recorded()[-1]
    assert (ce_type, subject) == (EXCEPTION, "BKPSDM")
    assert data == {"period_id": people.PERIOD, "unit_code": "BKPSDM", "unit_predikat": "BAIK",
                    "reason": "Unit baru dibentuk; dua pegawai saja", "recorded_by": people.HR,
                    "employees": 2, "broken": [
                        {"kind": "max_percent", "band": ["BAIK"], "value": 70, "limit": 1,
                         "count": 2},
                        {"kind": "min_count", "band": ["BUTUH_PERBAIKAN", "KURANG"], "value": 1,
                         "limit": 1, "count": 0}]}
    assert store.store.curve_state(people.PERIOD).curves["BKPSDM"] == UnitCurve("BAIK", True, 2)
    set_baik(store, "Keputusan yang dibetulkan")  # withdraws the exception
    with pytest.raises(Conflict):
        commands.close_period(store.context, people.PERIOD)
    distribution.record_exception(store.context, people.HR, people.PERIOD, "BKPSDM", "Lagi")
    commands.close_period(store.context, people.PERIOD)
    assert store.recorded()[-1][0] == CLOSED
