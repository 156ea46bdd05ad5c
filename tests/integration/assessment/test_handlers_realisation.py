"""Realisation and the proposed hasil kerja rating on both store adapters: the official records
each RHK's realisation, the proposal follows once every RHK has one, and a supervisor's
submission that differs from it needs a reason, kept in the event with the proposal."""
from __future__ import annotations

import pytest

from services.assessment import assessing, planning, realising
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from tests.integration.assessment.handlers import organisation
from tests.integration.assessment.test_handlers_plan import rhk
from tests.support import people

P, E, S = people.PERIOD, people.EMPLOYEE, people.SUPERVISOR
REALISED = "assessment.RealisationRecorded.v1"


def agreed_plan(store):
    store.given(*organisation())
    planning.propose(store.context, E, P, E, planning.results(
        [rhk("Utama", main=True), rhk("Kedua"), rhk("Ketiga")]))
    planning.agree(store.context, S, P, E, {})


def realise(store, number, level, caller=S, note="Sesuai bukti"):
    return realising.record(store.context, caller, P, E, number, level, note)


def submit(store, work_result, reason=None):
    ratings = [{"competency": c, "level": 3} for c in ("M.01", "M.02", "SK.01")]
    return assessing.submit(store.context, assessing.form(S, P, E, "supervisor", {
        "ratings": ratings, "work_result": work_result, "work_behaviour": "SESUAI",
        "work_result_reason": reason}))


def test_the_proposal_follows_once_every_result_is_realised(store):
    agreed_plan(store)
    realise(store, 1, "DI_ATAS")
    realise(store, 2, "DI_ATAS")
    assert store.recorded()[-1][2]["proposed"] is None  # RHK 3 not yet realised
    realise(store, 3, "DI_BAWAH")
    assert store.recorded()[-1] == (REALISED, E, {
        "period_id": P, "nip": E, "rhk": 3, "realisation": "DI_BAWAH", "note": "Sesuai bukti",
        "recorded_by": S, "proposed": "DI_ATAS"})
    realise(store, 3, "DI_ATAS")
    realise(store, 1, "DI_BAWAH")  # the main result below: most above, but not Di Atas
    assert store.recorded()[-1][2]["proposed"] == "SESUAI"
    assert store.store.situation(P, E, "supervisor").work_result_proposal == "SESUAI"
    state = store.store.plan_state(P, E)
    assert (state.mains, state.realised) == ((1,), ((1, "DI_BAWAH"), (2, "DI_ATAS"),
                                                    (3, "DI_ATAS")))


@pytest.mark.parametrize("act, refusal, code", [
    (lambda s: realise(s, 1, "DI_ATAS", caller=E), Forbidden, "not_the_official"),
    (lambda s: realise(s, 1, "DI_ATAS", caller=people.HEAD), Forbidden, "not_the_official"),
    (lambda s: realise(s, 9, "DI_ATAS"), NotFound, "unknown_rhk"),
    (lambda s: realise(s, 1, "BAGUS"), Invalid, "bad_realisation"),
])
def test_realisation_is_the_officials_on_known_results(store, act, refusal, code):
    agreed_plan(store)
    mark = len(store.recorded())
    with pytest.raises(refusal) as refused:
        act(store)
    assert refused.value.code == code and len(store.recorded()) == mark


def test_realisation_waits_for_an_agreed_plan(store):
    store.given(*organisation())
    planning.propose(store.context, E, P, E, planning.results([rhk("A")]))
    with pytest.raises(Conflict) as refused:
        realise(store, 1, "SESUAI")
    assert refused.value.code == "plan_not_agreed"


def test_a_rating_other_than_the_proposal_needs_a_reason_kept_with_it(store):
    agreed_plan(store)
    for number in (1, 2, 3):
        realise(store, number, "SESUAI")
    mark = len(store.recorded())
    with pytest.raises(Invalid) as refused:
        submit(store, "DI_ATAS", reason="  ")
    assert refused.value.code == "work_result_reason_required"
    assert len(store.recorded()) == mark
    submit(store, "DI_ATAS", reason="Tugas tambahan di luar rencana diselesaikan")
    data = store.recorded()[-1][2]
    assert (data["work_result"], data["work_result_proposed"], data["work_result_reason"]) == (
        "DI_ATAS", "SESUAI", "Tugas tambahan di luar rencana diselesaikan")


def test_a_rating_as_proposed_keeps_the_proposal_and_no_reason(store):
    agreed_plan(store)
    for number in (1, 2, 3):
        realise(store, number, "SESUAI")
    submit(store, "SESUAI", reason="ignored")
    data = store.recorded()[-1][2]
    assert (data["work_result_proposed"], data["work_result_reason"]) == ("SESUAI", None)


def test_without_a_proposal_a_submission_is_as_it_was(store):
    agreed_plan(store)
    realise(store, 1, "DI_ATAS")  # incomplete: no proposal
    submit(store, "DI_BAWAH")
    assert "work_result_proposed" not in store.recorded()[-1][2]
