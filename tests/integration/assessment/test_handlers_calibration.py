"""Calibration's handlers (a unit's session, a change of predikat) on both store adapters: the
same bodies run on the in-memory store and on PostgreSQL (fixture ``store``)."""
from __future__ import annotations

import pytest

from services.assessment import calibrating, organisation as commands
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from tests.integration.assessment.handlers import organisation
from tests.integration.assessment.test_handlers_curve import assess, set_baik
from tests.support import people

OPENED, CLOSED = "assessment.CalibrationOpened.v1", "assessment.CalibrationClosed.v1"
CALIBRATED = "assessment.PredikatCalibrated.v1"
SESSION = f"{people.PERIOD}-BKPSDM-1"


def calibrate(store, nip=people.EMPLOYEE, predikat="BUTUH_PERBAIKAN", caller=people.SUPERVISOR,
              is_hr=False, reason="Target utama triwulan tidak tercapai"):
    return calibrating.calibrate(store.context, caller, is_hr, people.PERIOD, nip, predikat,
                                 reason)


def test_a_session_opens_once_at_a_time_and_is_numbered(store):
    store.given(*organisation())
    calibrating.open_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    with pytest.raises(Conflict) as refused:
        calibrating.open_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    assert refused.value.code == "calibration_open"
    calibrating.close_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    with pytest.raises(Conflict) as refused:
        calibrating.close_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    assert refused.value.code == "no_calibration_session"
    calibrating.open_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    assert [(t, s, d["session_id"]) for t, s, d in store.recorded()] == [
        (OPENED, "BKPSDM", SESSION), (CLOSED, "BKPSDM", SESSION),
        (OPENED, "BKPSDM", f"{people.PERIOD}-BKPSDM-2")]
    assert store.store.session_state(people.PERIOD, "BKPSDM").open_session == \
        f"{people.PERIOD}-BKPSDM-2"


@pytest.mark.parametrize("period, unit, refusal, code", [
    ("2030-Q1", "BKPSDM", NotFound, "unknown_period"),
    (people.PERIOD, "NONE", NotFound, "unknown_unit"),
])
def test_a_session_needs_a_period_and_a_unit(store, period, unit, refusal, code):
    store.given(*organisation())
    with pytest.raises(refusal) as refused:
        calibrating.open_session(store.context, people.HR, period, unit)
    assert refused.value.code == code and store.recorded() == []


def test_the_official_changes_a_predikat_with_a_reason_and_the_curve_follows(store):
    store.given(*organisation())
    set_baik(store)
    for nip in (people.SUPERVISOR, people.EMPLOYEE, people.PEER):
        assess(store, nip, "BAIK")
    with pytest.raises(Conflict):
        commands.close_period(store.context, people.PERIOD)  # 100% Baik: broken
    calibrating.open_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    calibrate(store)
    (ce_type, subject, data) = store.recorded()[-1]
    assert (ce_type, subject) == (CALIBRATED, people.EMPLOYEE)
    assert data == {"period_id": people.PERIOD, "nip": people.EMPLOYEE, "unit_code": "BKPSDM",
                    "session_id": SESSION, "previous": "BAIK", "predikat": "BUTUH_PERBAIKAN",
                    "reason": "Target utama triwulan tidak tercapai",
                    "calibrated_by": people.SUPERVISOR}
    assert sorted(store.store.curve_state(people.PERIOD).assessed) == [
        ("BKPSDM", "BAIK"), ("BKPSDM", "BAIK"), ("BKPSDM", "BUTUH_PERBAIKAN")]
    calibrate(store, predikat="KURANG", caller=people.HR, is_hr=True, reason="Disiplin")
    assert store.store.calibration_state(people.PERIOD, people.EMPLOYEE).version == 2
    commands.close_period(store.context, people.PERIOD)  # 2 of 3 Baik, 1 Kurang: met
    assert store.recorded()[-1][0] == "assessment.AppraisalPeriodClosed.v1"


@pytest.mark.parametrize("change, refusal, code", [
    (dict(caller=people.PEER), Forbidden, "not_the_official"),
    (dict(caller=people.HEAD), Forbidden, "not_the_official"),
    (dict(nip=people.PEER), Conflict, "not_assessed"),
    (dict(predikat="LUAR_BIASA"), Invalid, "unknown_predikat"),
])
def test_a_change_is_refused_to_others_and_without_cause(store, change, refusal, code):
    store.given(*organisation())
    assess(store, people.EMPLOYEE, "BAIK")
    calibrating.open_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    mark = len(store.recorded())
    with pytest.raises(refusal) as refused:
        calibrate(store, **change)
    assert refused.value.code == code and len(store.recorded()) == mark


def test_a_change_needs_an_open_session_and_an_open_period(store):
    store.given(*organisation())
    assess(store, people.EMPLOYEE, "BAIK")
    with pytest.raises(Conflict) as refused:
        calibrate(store)
    assert refused.value.code == "no_calibration_session"
    calibrating.open_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    calibrating.close_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    with pytest.raises(Conflict):
        calibrate(store)
    calibrating.open_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    commands.close_period(store.context, people.PERIOD)
    with pytest.raises(Conflict) as refused:
        calibrate(store)
    assert refused.value.code == "period_not_open"


def test_the_same_predikat_again_is_recorded_as_confirmed(store):
    store.given(*organisation())
    assess(store, people.EMPLOYEE, "BAIK")
    calibrating.open_session(store.context, people.HR, people.PERIOD, "BKPSDM")
    calibrate(store, predikat="BAIK", reason="Dikonfirmasi dalam rapat kalibrasi")
    (ce_type, _, data) = store.recorded()[-1]
    assert (ce_type, data["previous"], data["predikat"]) == (CALIBRATED, "BAIK", "BAIK")
