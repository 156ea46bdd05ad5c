"""HR's monitoring as the portal reads it: progress per unit as a tree, and the people still
missing a side with their position, unit and supervisor by name, sortable by name."""
from __future__ import annotations

from tests.support import people
from tests.support.people import PERIOD, assessment


def _submit(org, nip: str, role: str, assessor: str) -> None:
    r = org.caller(assessor, "employee").post(
        f"/periods/{PERIOD}/assessments/{nip}/{role}/submission", json=assessment())
    assert r.status_code == 201, r.get_json()


def test_progress_per_unit_is_a_tree_with_own_and_total_counts(org, hr):
    _submit(org, people.EMPLOYEE, "self", people.EMPLOYEE)
    _submit(org, people.PEER, "self", people.PEER)
    _submit(org, people.EMPLOYEE, "supervisor", people.SUPERVISOR)
    r = hr.get(f"/periods/{PERIOD}/progress/units")
    assert r.status_code == 200
    body = r.get_json()
    assert (body["employees"], body["self_submitted"], body["supervisor_expected"],
            body["supervisor_submitted"]) == (5, 2, 4, 1)
    assert body["self_share"] == 0.4 and body["supervisor_share"] == 0.25
    assert [(u["unit_code"], u["depth"]) for u in body["units"]] == [
        ("BKPSDM", 0), ("BKPSDM.MUTASI", 1), ("DISKOMINFO", 0)]
    bkpsdm, mutasi = body["units"][0], body["units"][1]
    assert mutasi["parent_code"] == "BKPSDM" and mutasi["name"] == "Bidang Mutasi"
    assert bkpsdm["own"] == {"employees": 1, "self_submitted": 0, "supervisor_expected": 0,
                             "supervisor_submitted": 0, "self_share": 0.0,
                             "supervisor_share": 0.0}
    assert (bkpsdm["total"]["employees"], bkpsdm["total"]["self_submitted"],
            bkpsdm["total"]["supervisor_expected"], bkpsdm["total"]["supervisor_submitted"]) == (
        4, 2, 3, 1)
    assert mutasi["own"] == mutasi["total"] and mutasi["total"]["self_share"] == round(2 / 3, 4)
    assert hr.get("/periods/2030/progress/units").status_code == 404
    assert org.caller(people.SUPERVISOR, "employee").get(
        f"/periods/{PERIOD}/progress/units").status_code == 403


def test_who_has_not_submitted_with_names_the_missing_sides_and_an_order_by_name(org, hr):
    _submit(org, people.EMPLOYEE, "self", people.EMPLOYEE)
    rows = hr.get(f"/periods/{PERIOD}/progress?pending=either&sort=name&page_size=100").get_json()
    assert [r["name"] for r in rows] == ["Ayu Lestari, S.Psi.", "Budi Santoso, S.Sos.",
                                         "Dewi Kartika", "Dr. Siti Rahmawati", "Rudi Hartono"]
    by_nip = {r["nip"]: r for r in rows}
    ayu = by_nip[people.EMPLOYEE]
    assert ayu["missing"] == ["supervisor"]
    assert (ayu["position_title"], ayu["unit_name"], ayu["supervisor_name"]) == (
        "Analis SDM Aparatur", "Bidang Mutasi", "Budi Santoso, S.Sos.")
    assert by_nip[people.PEER]["missing"] == ["self", "supervisor"]
    head = by_nip[people.HEAD]
    assert head["missing"] == ["self"] and head["supervisor_name"] is None
    only_boss = hr.get(f"/periods/{PERIOD}/progress?pending=supervisor&page_size=100").get_json()
    assert people.HEAD not in {r["nip"] for r in only_boss}, "nobody assesses the head"
    assert people.EMPLOYEE in {r["nip"] for r in only_boss}
    by_unit = hr.get(f"/periods/{PERIOD}/progress?page_size=100").get_json()
    assert [r["unit_code"] for r in by_unit] == sorted(r["unit_code"] for r in by_unit)
    assert hr.get(f"/periods/{PERIOD}/progress?sort=nip").status_code == 422
