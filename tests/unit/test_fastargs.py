"""The compiled fast check of request bodies accepts and refuses exactly what marshmallow does."""
from __future__ import annotations

import copy

import marshmallow as ma
import pytest

from services.assessment.schemas import AssessmentInSchema, EmployeeInSchema, PeriodInSchema
from shared.fastargs import fast_validator
from tests.support.people import assessment

GOOD_EMPLOYEE = {"nip": "199003032015021003", "name": "Ayu", "position_code": "ANALIS",
                 "unit_code": "BKPSDM"}


def rated(**change):
    body = assessment()
    body["ratings"][0] = {**body["ratings"][0], **change}
    return body


CASES = [
    (AssessmentInSchema, assessment()),
    (AssessmentInSchema, {"ratings": [{"competency": "M.01", "level": 2}]}),  # defaults filled
    (AssessmentInSchema, rated(level=6)), (AssessmentInSchema, rated(level=None)),
    (AssessmentInSchema, rated(competency="M 01")), (AssessmentInSchema, rated(extra=1)),
    (AssessmentInSchema, rated(evidence="x" * 2001)), (AssessmentInSchema, {"ratings": "M.01"}),
    (AssessmentInSchema, {**assessment(), "work_result": "BAGUS"}),
    (AssessmentInSchema, {**assessment(), "work_result": None}), (AssessmentInSchema, {}),
    (EmployeeInSchema, GOOD_EMPLOYEE), (EmployeeInSchema, {**GOOD_EMPLOYEE, "nip": "1234"}),
    (EmployeeInSchema, {**GOOD_EMPLOYEE, "supervisor_nip": None}),
    (EmployeeInSchema, {**GOOD_EMPLOYEE, "name": ""}), (EmployeeInSchema, {**GOOD_EMPLOYEE, "nip": 1}),
    (PeriodInSchema, {"kind": "annual", "year": 2026}), (PeriodInSchema, {"kind": "annual", "year": 1999}),
    (PeriodInSchema, {"kind": "monthly", "year": 2026, "quarter": 1}),
]


@pytest.mark.parametrize("schema, body", CASES)
def test_fast_check_agrees_with_marshmallow(schema, body):
    check = fast_validator(schema)
    assert check is not None
    try:
        expected = schema().load(copy.deepcopy(body))
    except ma.ValidationError:
        expected = None
    try:
        fast = check(copy.deepcopy(body))
    except Exception:
        fast = None
    if fast is None and expected is not None:
        return  # the fast check may be stricter (say, "3" for 3): marshmallow then decides
    assert fast == expected


def test_schemas_that_transform_are_left_to_marshmallow():
    class WithDate(ma.Schema):
        on = ma.fields.Date()

    class Renamed(ma.Schema):
        name = ma.fields.String(data_key="NAMA")

    assert fast_validator(WithDate) is None and fast_validator(Renamed) is None
