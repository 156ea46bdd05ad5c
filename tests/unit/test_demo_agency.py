"""The demo agency and its ratings: deterministic from a seed, valid for the assessment service."""
from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

import pytest

from demo.agency import ROOT, generate
from demo.conflicts import ImportConflict, afresh
from demo.drive import current_quarter, pending_submissions
from demo.ratings import assessments
from demo.texts import texts
from services.assessment import importing
from services.assessment.domain import Rating, check_ratings, nip_problem
from services.assessment.reference import job_levels
from shared.config import Settings


def test_the_same_seed_gives_the_same_agency_and_another_seed_another():
    assert generate(200, 10, seed=7) == generate(200, 10, seed=7)
    assert generate(200, 10, seed=7).to_csv() == generate(200, 10, seed=7).to_csv()
    assert {e.nip for e in generate(200, 10, 7).employees} != {e.nip for e in
                                                                generate(200, 10, 8).employees}


@pytest.mark.parametrize("employees, units", [(200, 10), (20, 4), (5, 1), (50, 3)])
def test_about_n_employees_in_m_units_with_valid_unique_nips(employees, units):
    agency = generate(employees, units, seed=1)
    assert len(agency.employees) == employees
    assert len(agency.units) == units
    nips = [e.nip for e in agency.employees]
    assert len(set(nips)) == len(nips)
    assert [n for n in nips if nip_problem(n)] == []
    assert {e.unit_code for e in agency.employees} == {u.code for u in agency.units}


def test_the_units_form_one_tree_under_the_head_office():
    units = {u.code: u for u in generate(200, 10, seed=1).units}
    assert [c for c, u in units.items() if u.parent_code is None] == [ROOT]
    for unit in units.values():
        seen, code = set(), unit.code
        while units[code].parent_code:
            assert code not in seen
            seen.add(code)
            code = units[code].parent_code
        assert code == ROOT
    assert any(u.parent_code not in (None, ROOT) for u in units.values()), "UPT under a bidang"


def test_everyone_but_the_head_reports_to_their_unit_head_or_the_head_of_the_agency():
    agency = generate(200, 10, seed=3)
    head, nips = agency.head, {e.nip for e in agency.employees}
    assert head.supervisor_nip is None and head.unit_code == ROOT
    unit_heads = {e.unit_code: e for e in agency.employees[1:] if e.supervisor_nip == head.nip
                  and e.unit_code != ROOT}
    assert set(unit_heads) == {u.code for u in agency.units} - {ROOT}
    for e in agency.employees[1:]:
        assert e.supervisor_nip in nips and e.supervisor_nip != e.nip
        boss = unit_heads.get(e.unit_code, head)
        assert e.supervisor_nip == (head.nip if e is boss else boss.nip)


def test_positions_use_known_job_levels_and_one_title_per_code():
    agency = generate(200, 10, seed=1)
    levels = set(job_levels())
    positions = {(e.position.code, e.position.title, e.position.job_level) for e in agency.employees}
    assert {p[2] for p in positions} <= levels
    assert len({p[0] for p in positions}) == len(positions)


def test_the_csv_is_the_siasn_shape_the_import_takes():
    agency = generate(20, 4, seed=1)
    rows = list(csv.DictReader(io.StringIO(agency.to_csv())))
    assert len(rows) == 20
    assert rows[0]["NIP_ATASAN"] == "" and rows[0]["UNOR_INDUK_ID"] == ""
    assert {r["NIP_BARU"] for r in rows} == {e.nip for e in agency.employees}


def test_ratings_are_complete_valid_and_spread_with_blind_spots_and_hidden_strengths():
    agency = generate(200, 10, seed=1)
    standard = {c: 2 for c in ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08",
                               "SK.01")}
    differences, predikats = Counter(), Counter()
    for e in agency.employees:
        own, boss = assessments(standard, e.nip, seed=1)
        assert (own, boss) == assessments(standard, e.nip, seed=1)
        for body in (own, boss):
            check_ratings([Rating(r["competency"], r["level"]) for r in body["ratings"]], standard,
                          complete=True)
        for mine, theirs in zip(own["ratings"], boss["ratings"]):
            differences[mine["level"] - theirs["level"]] += 1
        predikats[(boss["work_result"], boss["work_behaviour"])] += 1
    total = sum(differences.values())
    assert differences[0] / total > 0.5, "most agree"
    assert sum(n for d, n in differences.items() if d >= 2) > 0.02 * total, "blind spots"
    assert sum(n for d, n in differences.items() if d <= -2) > 0.005 * total, "hidden strengths"
    assert predikats[("SESUAI", "SESUAI")] > 0.4 * len(agency.employees)
    assert len(predikats) >= 5


def test_only_what_is_not_submitted_is_sent_and_with_keys_from_the_seed():
    agency = generate(5, 2, seed=1)
    standards = {e.position.code: {"M.01": 2} for e in agency.employees}
    first = pending_submissions(agency, {}, standards, "2026-Q4", seed=1)
    assert len(first) == 2 * 5 - 1, "the head has no supervisor assessment"
    rows = {e.nip: {"self_status": "submitted", "supervisor_status": "submitted"}
            for e in agency.employees}
    rows[agency.employees[2].nip]["supervisor_status"] = "reopened"
    again = pending_submissions(agency, rows, standards, "2026-Q4", seed=1)
    assert [(s.nip, s.role, s.assessor, s.key) for s in again] == [
        (agency.employees[2].nip, "supervisor", agency.employees[2].supervisor_nip, None)]
    assert first[0].key == f"demo-1-2026-Q4-{agency.head.nip}-self"


def test_the_default_period_is_the_current_quarter():
    assert current_quarter(date(2026, 11, 28)) == "2026-Q4"
    assert current_quarter(date(2027, 1, 1)) == "2027-Q1"


class _Holding:
    """What the assessment service holds after importing ``agency`` (as the import reads it)."""

    def __init__(self, *agencies) -> None:
        people = [e for a in agencies for e in a.employees]
        self.units = {u.code: u.parent_code for a in agencies for u in a.units}
        self.positions = {e.position.code: e.position.job_level for e in people}
        self.employees = {e.nip: {"supervisor_nip": e.supervisor_nip} for e in people}


@pytest.mark.parametrize("first, then", [
    ((200, 10, 1), (40, 10, 1)), ((40, 10, 1), (200, 10, 1)), ((20, 4, 5), (300, 10, 5)),
    ((200, 10, 1), (10, 3, 1)), ((200, 10, 1), (60, 10, 2)), ((5, 1, 1), (200, 10, 3))])
def test_any_size_imports_over_an_existing_demo_agency(first, then):
    """Another size, unit count or seed over an agency already imported: the import check finds
    nothing to refuse (the same seed and units give the same people first, whatever the size)."""
    held, again = generate(*first), generate(*then)
    rows = importing.parse(again.to_csv())
    assert importing.check(rows, _Holding(held)) == []
    if first[1:] == then[1:]:
        shorter = min(len(held.employees), len(again.employees))
        assert held.employees[:shorter] == again.employees[:shorter]


def test_a_refused_import_names_each_row_and_how_to_start_afresh():
    agency = generate(20, 4, seed=5)
    problem = {"code": "import_rejected", "detail": "2 problem(s); nothing was imported",
               "rows": [{"row": 3, "column": "JENJANG_JABATAN", "code": "inconsistent_position",
                         "message": "KASUBBAG has job level AHLI_MUDA"},
                        {"row": 99, "column": "UNOR_INDUK_ID", "code": "unit_cycle",
                         "message": "goes round in a circle"}]}
    settings = Settings.from_env().with_(database_prefix="asn_")
    lines = ImportConflict(agency, problem).lines(settings, texts("en"))
    second = agency.employees[1]
    assert "(2 problem(s))" in lines[0]
    assert lines[1] == (f"  row 3 (NIP {second.nip}, {second.name}), column JENJANG_JABATAN:"
                        " inconsistent_position: KASUBBAG has job level AHLI_MUDA")
    assert lines[2].startswith("  row 99 (NIP -, -), column UNOR_INDUK_ID: unit_cycle")
    assert "start afresh" in lines[3]
    assert lines[4:] == [f"    {c}" for c in afresh(settings)]
    assert [c.split()[-1] for c in afresh(settings) if c.startswith("dropdb")] == [
        "asn_assessment", "asn_feedback", "asn_training"]
