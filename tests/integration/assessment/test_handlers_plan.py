"""A plan's handlers (propose, return, agree, revise) and evidence's (add, attach) on both store
adapters: the same bodies run on the in-memory store and on PostgreSQL (fixture ``store``)."""
from __future__ import annotations

import hashlib

import pytest

from services.assessment import domain_periods, evidencing, planning
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from tests.integration.assessment.handlers import organisation
from tests.support import people

P, E, S = people.PERIOD, people.EMPLOYEE, people.SUPERVISOR


def rhk(text, rhk=None, main=False, supports=None, target=None):
    return {"rhk": rhk, "text": text, "main": main, "supports": supports, "indicators": [
        {"text": f"Indikator {text}", "quantity": "12 dokumen", "quality": "100% sesuai SOP",
         "time": "3 bulan", "target": target, "unit": "dokumen" if target else None}]}


def propose(store, nip=E, caller=None, *results):
    results = results or (rhk("Layanan mutasi", main=True, target=12),)
    return planning.propose(store.context, caller or nip, P, nip, planning.results(results))


def agreed(store):
    store.given(*organisation())
    propose(store)
    planning.agree(store.context, S, P, E, {"akuntabel": "Laporan tepat waktu"})


def test_the_employee_proposes_and_the_official_agrees_with_expectations(store):
    store.given(*organisation())
    propose(store, S, S, rhk("Program mutasi", main=True))  # the official's own plan
    propose(store, E, E, rhk("Layanan mutasi", main=True, supports=1, target=12),
            rhk("Laporan bulanan"))
    planning.agree(store.context, S, P, E, {"akuntabel": " Laporan tepat waktu ", "loyal": ""})
    [(t1, s1, proposed), (t2, s2, agreed_)] = store.recorded()[-2:]
    assert (t1, s1, t2, s2) == ("assessment.PlanProposed.v1", E, "assessment.PlanAgreed.v1", E)
    assert proposed["official_nip"] == S and proposed["revision"] == 1
    assert [(r["rhk"], r["main"], r["supports"]) for r in proposed["results"]] == [
        (1, True, 1), (2, False, None)]
    assert proposed["results"][0]["indicators"][0] == {
        "text": "Indikator Layanan mutasi", "quantity": "12 dokumen",
        "quality": "100% sesuai SOP", "time": "3 bulan", "target": 12, "unit": "dokumen"}
    assert agreed_ == {"period_id": P, "nip": E, "official_nip": S, "revision": 1,
                       "expectations": [{"value": "akuntabel",
                                         "expectation": "Laporan tepat waktu"}]}
    state = store.store.plan_state(P, E)
    assert (state.status, state.revision, state.results, state.agreed_revision,
            state.superior_results, state.version) == ("agreed", 1, (1, 2), 1, (1,), 2)


def test_a_returned_plan_is_proposed_again_and_an_agreed_one_revised_keeping_numbers(store):
    store.given(*organisation())
    propose(store, E, E, rhk("A"), rhk("B"))
    planning.return_plan(store.context, S, P, E, "Tambahkan target waktu")
    assert store.recorded()[-1][2] == {"period_id": P, "nip": E, "official_nip": S,
                                       "revision": 1, "note": "Tambahkan target waktu"}
    propose(store, E, E, rhk("B diperbaiki", rhk=2), rhk("C"))
    planning.agree(store.context, S, P, E, {})
    with pytest.raises(Conflict) as refused:
        propose(store)
    assert refused.value.code == "plan_agreed"
    planning.revise(store.context, E, P, E, planning.results([rhk("C", rhk=3), rhk("D")]),
                    "Tugas tambahan dari pimpinan")
    revised = store.recorded()[-1]
    assert revised[0] == "assessment.PlanRevised.v1"
    assert ([r["rhk"] for r in revised[2]["results"]], revised[2]["revision"],
            revised[2]["reason"]) == ([3, 4], 3, "Tugas tambahan dari pimpinan")
    state = store.store.plan_state(P, E)
    assert (state.status, state.revision, state.results, state.last_rhk,
            state.agreed_revision) == ("proposed", 3, (3, 4), 4, 2)


@pytest.mark.parametrize("act, refusal, code", [
    (lambda s: propose(s, E, people.PEER), Forbidden, "not_your_own"),
    (lambda s: propose(s, E, E, rhk("x", rhk=7)), Invalid, "unknown_rhk"),
    (lambda s: propose(s, E, E, rhk("x", supports=1)), Invalid, "unknown_superior_rhk"),
    (lambda s: propose(s, people.HEAD, people.HEAD), Conflict, "no_appraising_official"),
    (lambda s: propose(s, "199912312020121999"), NotFound, "unknown_employee"),
    (lambda s: planning.agree(s.context, S, P, E, {}), NotFound, "unknown_plan"),
    (lambda s: planning.revise(s.context, E, P, E, planning.results([rhk("x")]), "r"),
     Conflict, "plan_not_agreed"),
])
def test_a_plan_is_refused_to_others_and_to_unknown_numbers(store, act, refusal, code):
    store.given(*organisation())
    mark = len(store.recorded())
    with pytest.raises(refusal) as refused:
        act(store)
    assert refused.value.code == code and len(store.recorded()) == mark


def test_only_the_official_agrees_a_proposed_plan_and_only_known_values(store):
    store.given(*organisation())
    propose(store)
    for caller, expectations, refusal, code in (
            (people.HEAD, {}, Forbidden, "not_the_official"),
            (E, {}, Forbidden, "not_the_official"),
            (S, {"jujur": "x"}, Invalid, "unknown_value")):
        with pytest.raises(refusal) as refused:
            planning.agree(store.context, caller, P, E, expectations)
        assert refused.value.code == code
    planning.return_plan(store.context, S, P, E, "Perbaiki")
    with pytest.raises(Conflict) as refused:
        planning.agree(store.context, S, P, E, {})
    assert refused.value.code == "plan_not_proposed"


def test_a_closed_period_refuses_plans(store):
    store.given(*organisation(), domain_periods.AppraisalPeriodClosed(P))
    with pytest.raises(Conflict) as refused:
        propose(store)
    assert refused.value.code == "period_closed"


def test_evidence_texts_links_and_files_of_an_agreed_plan(store):
    agreed(store)
    evidencing.add(store.context, E, P, E, 1, "SK mutasi 12 pegawai", None)
    evidencing.add(store.context, E, P, E, 1, "", "https://drive.example.go.id/sk.pdf")
    content = b"%PDF-1.4 bukti"
    evidencing.attach(store.context, E, P, E, 1, "Scan SK", "sk mutasi.pdf", "application/pdf",
                      content)
    kinds = [(d["kind"], d["rhk"], d["url"], d["file_name"], d["size"], d["sha256"])
             for _, _, d in store.recorded()[-3:]]
    assert kinds == [("text", 1, None, None, None, None),
                     ("link", 1, "https://drive.example.go.id/sk.pdf", None, None, None),
                     ("file", 1, None, "sk mutasi.pdf", len(content),
                      hashlib.sha256(content).hexdigest())]
    assert "content" not in store.recorded()[-1][2]
    assert store.store.plan_state(P, E).version == 5


@pytest.mark.parametrize("act, refusal, code", [
    (lambda s: evidencing.add(s.context, S, P, E, 1, "x", None), Forbidden, "not_your_own"),
    (lambda s: evidencing.add(s.context, E, P, E, 9, "x", None), NotFound, "unknown_rhk"),
    (lambda s: evidencing.add(s.context, E, P, E, 1, " ", None), Invalid, "empty_evidence"),
    (lambda s: evidencing.attach(s.context, E, P, E, 1, "", "a.exe", "application/x-msdownload",
                                 b"MZ"), Invalid, "file_type_not_allowed"),
    (lambda s: evidencing.attach(s.context, E, P, E, 1, "", "big.pdf", "application/pdf",
                                 b"x" * (5 * 1024 * 1024 + 1)), Invalid, "file_too_large"),
])
def test_evidence_is_refused_to_others_unknown_results_and_bad_files(store, act, refusal, code):
    agreed(store)
    mark = len(store.recorded())
    with pytest.raises(refusal) as refused:
        act(store)
    assert refused.value.code == code and len(store.recorded()) == mark


def test_evidence_waits_for_an_agreed_plan(store):
    store.given(*organisation())
    propose(store)
    with pytest.raises(Conflict) as refused:
        evidencing.add(store.context, E, P, E, 1, "x", None)
    assert refused.value.code == "plan_not_agreed"
