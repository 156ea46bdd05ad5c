"""An objection's handlers (file, explain, decide) on both store adapters: the same bodies run on
the in-memory store and on PostgreSQL (fixture ``store``)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from services.assessment import objecting
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from tests.integration.assessment.handlers import organisation
from tests.integration.assessment.test_handlers_curve import assess
from tests.support import people

FILED, ASKED = "assessment.ObjectionFiled.v1", "assessment.ObjectionExplanationRequested.v1"
EXPLAINED, DECIDED = "assessment.ObjectionExplained.v1", "assessment.ObjectionDecided.v1"
TODAY = date.today()  # the result is received now (the events' time): object within 14 days


def on(store, day: date):
    """The store's context with ``day`` as the agency's today."""
    store.context = replace(store.context, today=lambda: day)
    return store


def file(store, nip=people.EMPLOYEE, caller=people.EMPLOYEE, reasons="Target tercapai semua"):
    return objecting.file(store.context, caller, people.PERIOD, nip, reasons)


def test_the_employee_objects_and_the_official_is_asked_to_explain(store):
    store.given(*organisation())
    assess(store, people.EMPLOYEE, "BAIK")
    on(store, TODAY)
    file(store)
    [(t1, s1, filed), (t2, s2, asked)] = store.recorded()[-2:]
    assert (t1, s1, t2, s2) == (FILED, people.EMPLOYEE, ASKED, people.EMPLOYEE)
    assert filed == {"period_id": people.PERIOD, "nip": people.EMPLOYEE, "predikat": "BAIK",
                     "reasons": "Target tercapai semua", "official_nip": people.SUPERVISOR,
                     "superior_nip": people.HEAD, "received_on": filed["received_on"],
                     "filed_on": TODAY.isoformat(),
                     "decide_by": (TODAY + timedelta(days=14)).isoformat()}
    assert abs((date.fromisoformat(filed["received_on"]) - TODAY).days) <= 1
    assert asked == {"period_id": people.PERIOD, "nip": people.EMPLOYEE,
                     "official_nip": people.SUPERVISOR, "requested_by": people.HEAD}


@pytest.mark.parametrize("nip, caller, day, refusal, code", [
    (people.EMPLOYEE, people.PEER, TODAY, Forbidden, "not_your_own"),
    (people.PEER, people.PEER, TODAY, Conflict, "not_assessed"),
    (people.EMPLOYEE, people.EMPLOYEE, TODAY + timedelta(days=16), Conflict, "objection_late"),
    (people.SUPERVISOR, people.SUPERVISOR, TODAY, Conflict, "no_official_superior"),
])
def test_an_objection_is_refused_to_others_late_and_without_a_result(store, nip, caller, day,
                                                                     refusal, code):
    store.given(*organisation())
    assess(store, people.EMPLOYEE, "BAIK")
    assess(store, people.SUPERVISOR, "BAIK")  # by the head, who has no superior
    mark = len(store.recorded())
    with pytest.raises(refusal) as refused:
        file(on(store, day), nip=nip, caller=caller)
    assert refused.value.code == code and len(store.recorded()) == mark


def test_the_official_explains_and_the_superior_changes_the_result_finally(store):
    store.given(*organisation())
    assess(store, people.EMPLOYEE, "BAIK")
    on(store, TODAY)
    with pytest.raises(NotFound):
        objecting.explain(store.context, people.SUPERVISOR, people.PERIOD, people.EMPLOYEE, "x")
    file(store)
    file_twice = pytest.raises(Conflict)
    with file_twice as refused:
        file(store)
    assert refused.value.code == "objection_exists"
    with pytest.raises(Forbidden):
        objecting.explain(store.context, people.HEAD, people.PERIOD, people.EMPLOYEE, "x")
    objecting.explain(store.context, people.SUPERVISOR, people.PERIOD, people.EMPLOYEE,
                      "Dua target belum didukung bukti")
    with pytest.raises(Forbidden) as refused:
        objecting.decide(store.context, people.SUPERVISOR, people.PERIOD, people.EMPLOYEE,
                         "upheld", None, "x")
    assert refused.value.code == "not_the_superior"
    with pytest.raises(Invalid):
        objecting.decide(store.context, people.HEAD, people.PERIOD, people.EMPLOYEE, "changed",
                         "BAIK", "sama")
    objecting.decide(on(store, TODAY + timedelta(days=15)).context, people.HEAD, people.PERIOD,
                     people.EMPLOYEE, "changed", "SANGAT_BAIK", "Bukti lengkap setelah diperiksa")
    (ce_type, _, data) = store.recorded()[-1]
    assert ce_type == DECIDED and data == {
        "period_id": people.PERIOD, "nip": people.EMPLOYEE, "decision": "changed",
        "previous": "BAIK", "predikat": "SANGAT_BAIK", "reason": "Bukti lengkap setelah diperiksa",
        "decided_by": people.HEAD, "decided_on": (TODAY + timedelta(days=15)).isoformat(),
        "late": True}
    assert store.store.curve_state(people.PERIOD).assessed == (("BKPSDM", "SANGAT_BAIK"),)
    state, _ = store.store.objection_state(people.PERIOD, people.EMPLOYEE)
    assert (state.status, state.predikat, state.version) == ("decided", "SANGAT_BAIK", 4)
    for attempt in (lambda: objecting.decide(store.context, people.HEAD, people.PERIOD,
                                             people.EMPLOYEE, "upheld", None, "lagi"),
                    lambda: objecting.explain(store.context, people.SUPERVISOR, people.PERIOD,
                                              people.EMPLOYEE, "lagi")):
        with pytest.raises(Conflict) as refused:
            attempt()
        assert refused.value.code == "objection_decided"


def test_an_upheld_result_stands_and_is_on_time(store):
    store.given(*organisation())
    assess(store, people.EMPLOYEE, "BUTUH_PERBAIKAN")
    file(on(store, TODAY))
    objecting.decide(store.context, people.HEAD, people.PERIOD, people.EMPLOYEE, "upheld",
                     "SANGAT_BAIK", "Penilaian sudah sesuai bukti")
    data = store.recorded()[-1][2]
    assert (data["decision"], data["previous"], data["predikat"], data["late"]) == (
        "upheld", "BUTUH_PERBAIKAN", "BUTUH_PERBAIKAN", False)
    assert store.store.curve_state(people.PERIOD).assessed == (("BKPSDM", "BUTUH_PERBAIKAN"),)
