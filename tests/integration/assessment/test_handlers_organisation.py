"""The organisation handlers (periods, standards, employees, the dictionary) on both store
adapters: the same bodies run on the in-memory store and on PostgreSQL (fixture ``store``)."""
from __future__ import annotations

import pytest

from services.assessment import organisation as handlers
from services.assessment.domain_organisation import Employee
from shared.errors import Conflict, Invalid, NotFound
from tests.integration.assessment.handlers import organisation
from tests.support import people

NEWCOMER = "199505052020122005"
LEVELS = {"M.01": 2, "M.02": 2, "SK.01": 2}


def test_a_period_is_opened_once_then_closed_once(store):
    handlers.open_period(store.context, "quarterly", 2026, 2)
    assert store.recorded() == [("assessment.AppraisalPeriodOpened.v1", "2026-Q2", {
        "period_id": "2026-Q2", "kind": "quarterly", "year": 2026, "quarter": 2,
        "starts_on": "2026-04-01", "ends_on": "2026-06-30"})]
    assert store.store.period_status("2026-Q2") == "open"
    with pytest.raises(Conflict) as refused:
        handlers.open_period(store.context, "quarterly", 2026, 2)
    assert refused.value.code == "period_exists"
    handlers.close_period(store.context, "2026-Q2")
    assert store.recorded()[-1] == ("assessment.AppraisalPeriodClosed.v1", "2026-Q2",
                                    {"period_id": "2026-Q2"})
    assert store.store.period_status("2026-Q2") == "closed"
    with pytest.raises(Conflict) as refused:
        handlers.close_period(store.context, "2026-Q2")
    assert refused.value.code == "period_not_open"
    assert len(store.recorded()) == 2


def test_closing_an_unknown_period_or_opening_a_bad_one_is_refused(store):
    with pytest.raises(NotFound):
        handlers.close_period(store.context, "2030-Q1")
    with pytest.raises(Invalid) as refused:
        handlers.open_period(store.context, "annual", 2026, 3)
    assert refused.value.code == "bad_period"
    assert store.recorded() == []


def test_a_position_gets_its_job_levels_default_then_an_explicit_standard(store):
    handlers.set_standard(store.context, "ANALIS", "Analis", "AHLI_PERTAMA")
    [(ce_type, subject, data)] = store.recorded()
    assert (ce_type, subject, data["job_level"]) == (
        "assessment.CompetencyStandardSet.v1", "ANALIS", "AHLI_PERTAMA")
    assert [r["competency"] for r in data["standard"]] == list(people.CORE)
    assert {r["required_level"] for r in data["standard"]} == {
        store.context.job_levels["AHLI_PERTAMA"].required_level}
    explicit = [{"competency": c, "required_level": level} for c, level in LEVELS.items()]
    handlers.set_standard(store.context, "ANALIS", "Analis SDM", "AHLI_PERTAMA", explicit)
    assert store.recorded()[-1][2]["standard"] == explicit
    assert store.store.standard_facts("ANALIS", ["M.01", "X.99"]) == ({"M.01"}, 2)


@pytest.mark.parametrize("job_level, standard, code", [
    ("NOPE", None, "unknown_job_level"),
    ("AHLI_PERTAMA", [{"competency": "X.99", "required_level": 2}], "unknown_competency"),
    ("AHLI_PERTAMA", [{"competency": "M.01", "required_level": 2}] * 2, "duplicate_competency")])
def test_a_standard_is_refused(store, job_level, standard, code):
    with pytest.raises(Invalid) as refused:
        handlers.set_standard(store.context, "ANALIS", "Analis", job_level, standard)
    assert refused.value.code == code
    assert store.recorded() == []


def test_a_positions_title_and_job_level_change_with_its_standard_at_the_revision_read(store):
    store.given(*organisation())
    explicit = [{"competency": c, "required_level": level} for c, level in LEVELS.items()]
    handlers.set_standard(store.context, "ANALIS", "Analis SDM Ahli Muda", "AHLI_MUDA", explicit,
                          expected_revision=1)
    assert store.recorded() == [("assessment.CompetencyStandardSet.v1", "ANALIS", {
        "position_code": "ANALIS", "title": "Analis SDM Ahli Muda", "job_level": "AHLI_MUDA",
        "standard": explicit})]
    assert store.store.known().positions["ANALIS"] == "AHLI_MUDA"
    assert store.store.standard_facts("ANALIS", [])[1] == 2
    handlers.set_standard(store.context, "BARU", "Jabatan Baru", "PELAKSANA", expected_revision=0)
    assert store.store.standard_facts("BARU", [])[1] == 1


@pytest.mark.parametrize("code, expected", [("ANALIS", 0), ("ANALIS", 2), ("BARU", 1)])
def test_an_edit_of_a_position_changed_since_it_was_read_records_nothing(store, code, expected):
    store.given(*organisation())
    with pytest.raises(Conflict) as refused:
        handlers.set_standard(store.context, code, "Analis", "AHLI_MUDA", None, expected)
    assert refused.value.code == "standard_changed"
    assert refused.value.extra == {"revision": 1 if code == "ANALIS" else 0}
    assert store.recorded() == []
    assert store.store.known().positions.get("ANALIS") == "AHLI_PERTAMA"


def newcomer(**changes) -> dict:
    return {"nip": NEWCOMER, "name": "Sari", "position_code": "ANALIS", "unit_code": "BKPSDM",
            "supervisor_nip": people.SUPERVISOR, **changes}


def test_an_employee_is_registered_then_updated(store):
    store.given(*organisation())
    handlers.register_employee(store.context, newcomer())
    assert store.recorded() == [("assessment.EmployeeRegistered.v1", NEWCOMER, newcomer())]
    assert store.store.employee(NEWCOMER) == Employee(**newcomer(), version=1)
    with pytest.raises(Conflict) as refused:
        handlers.register_employee(store.context, newcomer())
    assert refused.value.code == "employee_exists"
    assert handlers.update_employee(store.context, NEWCOMER, {"name": "Sari"}) is None
    handlers.update_employee(store.context, NEWCOMER, {"supervisor_nip": people.HEAD})
    assert store.recorded()[-1] == ("assessment.EmployeeUpdated.v1", NEWCOMER,
                                    {**newcomer(supervisor_nip=people.HEAD),
                                     "changed": ["supervisor_nip"]})
    assert store.store.employee(NEWCOMER).version == 2


@pytest.mark.parametrize("changes, code", [
    (dict(nip="19950505202012200"), "invalid_nip"),
    (dict(position_code="NOPE"), "unknown_position"),
    (dict(unit_code="NOPE"), "unknown_unit"),
    (dict(supervisor_nip=NEWCOMER), "reporting_cycle"),
    (dict(supervisor_nip="199901012020121999"), "unknown_supervisor")])
def test_a_registration_is_refused(store, changes, code):
    store.given(*organisation())
    with pytest.raises(Invalid) as refused:
        handlers.register_employee(store.context, newcomer(**changes))
    assert refused.value.code == code
    assert store.recorded() == []


def test_an_update_that_closes_a_reporting_circle_is_refused(store):
    store.given(*organisation())
    with pytest.raises(Invalid) as refused:
        handlers.update_employee(store.context, people.HEAD, {"supervisor_nip": people.EMPLOYEE})
    assert refused.value.code == "reporting_cycle"
    assert refused.value.extra["cycle"] == [people.HEAD, people.EMPLOYEE, people.SUPERVISOR,
                                            people.HEAD]
    with pytest.raises(NotFound):
        handlers.update_employee(store.context, NEWCOMER, {"name": "Sari"})


def test_a_technical_competency_is_defined_and_revised_but_a_core_one_is_not(store):
    data = {"code": "T.01", "name": {"id": "Teknis", "en": "Technical"},
            "definition": {"id": "Definisi", "en": "Definition"},
            "levels": [{"level": n, "title": {"id": f"L{n}", "en": f"L{n}"}, "indicators": ["x"]}
                       for n in range(1, 6)]}
    handlers.define_competency(store.context, data)
    handlers.define_competency(store.context, {**data, "name": {"id": "Baru", "en": "New"}})
    assert [(t, s, d["kind"]) for t, s, d in store.recorded()] == [
        ("assessment.CompetencyDefined.v1", "T.01", "technical")] * 2
    assert store.store.competency("T.01") == ("technical", 2)
    with pytest.raises(Conflict) as refused:
        handlers.define_competency(store.context, {**data, "code": "M.01"})
    assert refused.value.code == "core_competency"
