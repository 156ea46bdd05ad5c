"""The annual predikat the official confirmed is what talent reads: after an
AnnualPredikatConfirmed on Kafka, the 9-box of the annual period places the employee by it, not
by the annual assessment's first predikat."""
from __future__ import annotations

from datetime import date

from tests.integration.training.conftest import ORG, event, period, submitted
from tests.support import people


def confirmed(predikat: str) -> object:
    return event("assessment.AnnualPredikatConfirmed.v1", people.EMPLOYEE, {
        "period_id": "2026", "nip": people.EMPLOYEE, "unit_code": "BKPSDM.MUTASI",
        "policy": "mode", "periodic": [{"period_id": people.PERIOD, "predikat": predikat}],
        "proposed": predikat, "previous": "BAIK", "predikat": predikat, "reason": None,
        "confirmed_by": people.SUPERVISOR}, stream=f"annual-2026-{people.EMPLOYEE}")


def test_the_talent_box_of_the_year_reads_the_confirmed_annual_predikat(training_env):
    annual = period("2026", 2026, None)
    annual.data.update(starts_on=date(2026, 1, 1).isoformat(), ends_on="2026-12-31")
    training_env.consume(ORG + [annual, submitted(period_id="2026")])
    hr = training_env.caller(people.HR, "hr_admin")
    grid = hr.get("/units/BKPSDM.MUTASI/talent?period=2026").get_json()
    placed = {p["nip"]: p for p in grid["placed"]}
    assert placed[people.EMPLOYEE]["predikat"] == "BAIK"
    training_env.consume([confirmed("SANGAT_BAIK")])
    grid = hr.get("/units/BKPSDM.MUTASI/talent?period=2026").get_json()
    nine = next(b for b in grid["boxes"] if b["box"] == 9)
    assert [p["nip"] for p in nine["people"]] == [people.EMPLOYEE]
