"""Events of the assessment service (``assessment.*``): organisation, standards, periods, assessments.

Kafka key = ``subject``: the employee's NIP for everything about an employee; the unit, position,
competency or period code for events about those.
"""
from __future__ import annotations

from marshmallow import fields, validate

from services.assessment.contract_annual import ANNUAL_EVENTS, ANNUAL_POLICIES
from services.assessment.contract_behaviour import (BEHAVIOUR_EVENTS, INPUT_CHOICES, NOTE_KINDS,
                                                    RELATIONS)
from services.assessment.contract_curve import (CLAUSE_KINDS, CURVE_EVENTS, PREDIKATS,
                                                UNIT_PREDIKATS)
from services.assessment.contract_plan import PLAN_EVENTS
from shared.events.fields import (code as _code, level as _level, nip as _nip, period as _period,
                                  text as _text)
from shared.events.registry import EventSchema, Registry
from shared.prerequisites import Known, Refers

# The published contract: every event type this service writes, by ce_type.
EVENTS = Registry()
__all__ = ["EVENTS", "ANNUAL_POLICIES", "EXPECTATIONS", "PREDIKATS", "UNIT_PREDIKATS", "CLAUSE_KINDS",
           "COMPETENCY_KINDS", "ASSESSMENT_ROLES", "PERIOD_KINDS", "EMPLOYEE_FIELDS"]
__all__ += ["NOTE_KINDS", "INPUT_CHOICES", "RELATIONS"]  # work behaviour (contract_behaviour.py)

EXPECTATIONS = ("DI_ATAS", "SESUAI", "DI_BAWAH")
COMPETENCY_KINDS = ("managerial", "sociocultural", "technical")
ASSESSMENT_ROLES = ("self", "supervisor")
PERIOD_KINDS = ("quarterly", "annual", "monthly")
EMPLOYEE_FIELDS = ("name", "position_code", "unit_code", "supervisor_nip")

# What the topic announces before its other events name it (shared/prerequisites.py), for the
# consumers, which keep them in ``employees (nip)`` and ``periods (period_id)``. An employee's
# registration shares the partition of everything about the employee (key = NIP): unknown there
# means never announced. A period is keyed by its id, on another partition: an assessment may
# arrive before it, and then waits for it.
EMPLOYEE = Known("employee", "employees", "nip", {"assessment.EmployeeRegistered.v1": "nip"})
PERIOD = Known("period", "periods", "period_id",
               {"assessment.AppraisalPeriodOpened.v1": "period_id"})
ABOUT_AN_ASSESSMENT = (Refers("nip", EMPLOYEE, same_partition=True),
                       Refers("period_id", PERIOD, same_partition=False))


class LocalText(EventSchema):
    """A text in Bahasa Indonesia and English."""
    id = _text(400, required=True)
    en = _text(400, required=True)


class CompetencyLevel(EventSchema):
    level = _level(required=True)
    title = fields.Nested(LocalText, required=True)
    indicators = fields.List(_text(300), required=True, validate=validate.Length(min=1, max=10))


@EVENTS.event("assessment.CompetencyDefined", version=1)
class CompetencyDefinedV1(EventSchema):
    """A competency entered the dictionary (kamus kompetensi), or its wording was revised."""
    code = _code(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(COMPETENCY_KINDS))
    name = fields.Nested(LocalText, required=True)
    definition = fields.Nested(LocalText, required=True)
    levels = fields.List(fields.Nested(CompetencyLevel), required=True,
                         validate=validate.Length(equal=5))


@EVENTS.event("assessment.UnitRegistered", version=1)
class UnitRegisteredV1(EventSchema):
    """A work unit (unit kerja) was registered, under its parent unit if it has one."""
    code = _code(required=True)
    name = _text(200, required=True)
    parent_code = _code(required=True, allow_none=True)


class Requirement(EventSchema):
    competency = _code(required=True)
    required_level = _level(required=True)


@EVENTS.event("assessment.CompetencyStandardSet", version=1)
class CompetencyStandardSetV1(EventSchema):
    """A position's competency standard was set: its whole list of required levels."""
    position_code = _code(required=True)
    title = _text(200, required=True)
    job_level = _code(required=True)
    standard = fields.List(fields.Nested(Requirement), required=True,
                           validate=validate.Length(min=1, max=60))


class _EmployeeState(EventSchema):
    nip = _nip(required=True)
    name = _text(200, required=True)
    position_code = _code(required=True)
    unit_code = _code(required=True)
    supervisor_nip = _nip(required=True, allow_none=True)


@EVENTS.event("assessment.EmployeeRegistered", version=1)
class EmployeeRegisteredV1(_EmployeeState):
    """An employee (ASN) was registered with a position, a unit and a direct supervisor."""


@EVENTS.event("assessment.EmployeeUpdated", version=1)
class EmployeeUpdatedV1(_EmployeeState):
    """An employee's name, position, unit or direct supervisor changed; the data is the new state."""
    changed = fields.List(fields.String(validate=validate.OneOf(EMPLOYEE_FIELDS)), required=True,
                          validate=validate.Length(min=1))


@EVENTS.event("assessment.AppraisalPeriodOpened", version=1)
class AppraisalPeriodOpenedV1(EventSchema):
    """HR opened an appraisal period (periode penilaian): monthly, quarterly or annual (the month
    only on a monthly one; absent on periods opened before months were known)."""
    period_id = _period(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(PERIOD_KINDS))
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100))
    quarter = fields.Integer(required=True, allow_none=True, validate=validate.Range(1, 4))
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    month = fields.Integer(allow_none=True, validate=validate.Range(1, 12))


@EVENTS.event("assessment.AppraisalPeriodClosed", version=1)
class AppraisalPeriodClosedV1(EventSchema):
    """HR closed an appraisal period; no submission is accepted for it any more."""
    period_id = _period(required=True)


class RatedCompetency(EventSchema):
    competency = _code(required=True)
    level = _level(required=True)
    required_level = _level(required=True)
    evidence = _text(2000, required=True)
    comment = _text(1000, required=True)


@EVENTS.event("assessment.AssessmentSubmitted", version=1)
class AssessmentSubmittedV1(EventSchema):
    """A self-assessment (penilaian diri) or supervisor assessment (penilaian atasan) was submitted.

    Each rating carries the position's required level beside the assessed one; ``predikat`` is the
    official PermenPANRB 6/2022 predicate, set on the supervisor's assessment only.
    """
    period_id = _period(required=True)
    nip = _nip(required=True)
    role = fields.String(required=True, validate=validate.OneOf(ASSESSMENT_ROLES))
    assessor_nip = _nip(required=True)
    position_code = _code(required=True)
    job_level = _code(required=True)
    unit_code = _code(required=True)
    submission = fields.Integer(required=True, validate=validate.Range(1, 1000))
    ratings = fields.List(fields.Nested(RatedCompetency), required=True,
                          validate=validate.Length(min=1, max=60))
    work_result = fields.String(required=True, validate=validate.OneOf(EXPECTATIONS))
    work_behaviour = fields.String(required=True, validate=validate.OneOf(EXPECTATIONS))
    predikat = fields.String(required=True, allow_none=True, validate=validate.OneOf(PREDIKATS))
    # Added in v1 (docs/plan.md): on a supervisor's submission whose employee's plan proposed the
    # hasil kerja rating, the proposal, and the reason when ``work_result`` differs from it.
    work_result_proposed = fields.String(validate=validate.OneOf(EXPECTATIONS))
    work_result_reason = _text(1000, allow_none=True)


@EVENTS.event("assessment.AssessmentReopened", version=1)
class AssessmentReopenedV1(EventSchema):
    """HR reopened a submitted assessment, with a reason; it must be submitted again."""
    period_id = _period(required=True)
    nip = _nip(required=True)
    role = fields.String(required=True, validate=validate.OneOf(ASSESSMENT_ROLES))
    reason = _text(1000, required=True)
    reopened_by = _nip(required=True)



# The distribution curve, calibration and objection (contract_curve.py), in the same registry.
EVENTS = Registry.combine(EVENTS, CURVE_EVENTS)
EVENTS = Registry.combine(EVENTS, ANNUAL_EVENTS)
# Work behaviour against BerAKHLAK: notes, peer and subordinate input (contract_behaviour.py).
EVENTS = Registry.combine(EVENTS, BEHAVIOUR_EVENTS)
# The plan (SKP) and its evidence (contract_plan.py), in the same registry.
EVENTS = Registry.combine(EVENTS, PLAN_EVENTS)
