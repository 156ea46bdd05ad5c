"""HTTP schemas of the plan (SKP) and its evidence (bukti dukung)."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from services.assessment.contract_plan import (MAX_INDICATORS, MAX_RESULTS, REALISATIONS,
                                               URL_PATTERN)
from services.assessment.queries_plan_list import STATUSES
from services.assessment.schemas_organisation import CODE
from shared.strict import TEXT, Strict


class IndicatorInSchema(Strict):
    text = fields.String(required=True, validate=validate.Length(1, 500))
    quantity = fields.String(load_default="", validate=validate.Length(max=200),
                             metadata={"description": "the quantity target, as words"})
    quality = fields.String(load_default="", validate=validate.Length(max=200))
    time = fields.String(load_default="", validate=validate.Length(max=200))
    target = fields.Float(load_default=None, allow_none=True, allow_nan=False,
                          validate=validate.Range(-1e12, 1e12),
                          metadata={"description": "an optional numeric target"})
    unit = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 40))


class ResultInSchema(Strict):
    rhk = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 10_000),
                         metadata={"description": "the RHK's number when it is already in the"
                                   " plan (absent: a new RHK)"})
    text = fields.String(required=True, validate=validate.Length(1, 500))
    main = fields.Boolean(load_default=False, metadata={"description": "a main result"})
    supports = fields.Integer(load_default=None, allow_none=True,
                              validate=validate.Range(1, 10_000),
                              metadata={"description": "the number of the official's RHK it"
                                        " supports"})
    indicators = fields.List(fields.Nested(IndicatorInSchema), required=True,
                             validate=validate.Length(1, MAX_INDICATORS))


class ProposalInSchema(Strict):
    results = fields.List(fields.Nested(ResultInSchema), required=True,
                          validate=validate.Length(1, MAX_RESULTS))


class RevisionInSchema(ProposalInSchema):
    reason = fields.String(required=True, validate=validate.Length(1, 1000))


class AgreementInSchema(Strict):
    expectations = fields.Dict(keys=fields.String(),
                               values=fields.String(validate=[validate.Length(max=1000),
                                                              TEXT]),
                               load_default=dict,
                               metadata={"description": "special expectation per BerAKHLAK"
                                         " value code (ekspektasi khusus pimpinan)"})


class ReturnInSchema(Strict):
    note = fields.String(required=True, validate=validate.Length(1, 2000))


class EvidenceInSchema(Strict):
    text = fields.String(load_default="", validate=validate.Length(max=2000))
    url = fields.String(load_default=None, allow_none=True,
                        validate=[validate.Length(max=2000), validate.Regexp(URL_PATTERN)],
                        metadata={"description": "an http(s) link"})


class RealisationInSchema(Strict):
    realisation = fields.String(required=True, validate=validate.OneOf(REALISATIONS),
                                metadata={"description": "above (DI_ATAS), meets (SESUAI) or"
                                          " below (DI_BAWAH) its target"})
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class FileArgsSchema(Strict):
    name = fields.String(required=True, validate=validate.Length(1, 200),
                         metadata={"description": "the file's name"})
    text = fields.String(load_default="", validate=validate.Length(max=2000))


class PlanValueSchema(ma.Schema):
    code = fields.String()
    name = fields.String()
    behaviours = fields.List(fields.String())
    expectation = fields.String(allow_none=True,
                                metadata={"description": "the official's special expectation"})


class PlanIndicatorSchema(ma.Schema):
    text = fields.String()
    quantity = fields.String()
    quality = fields.String()
    time = fields.String()
    target = fields.Float(allow_none=True)
    unit = fields.String(allow_none=True)


class PlanEvidenceSchema(ma.Schema):
    evidence_id = fields.String()
    rhk = fields.Integer()
    kind = fields.String(metadata={"description": "text, link or file"})
    text = fields.String()
    url = fields.String(allow_none=True)
    file_id = fields.String(allow_none=True, metadata={"description": "GET /evidence-files/<id>"})
    file_name = fields.String(allow_none=True)
    media_type = fields.String(allow_none=True)
    size = fields.Integer(allow_none=True)
    sha256 = fields.String(allow_none=True)
    added_by = fields.String()
    added_at = fields.DateTime()


class PlannedResultSchema(ma.Schema):
    rhk = fields.Integer()
    text = fields.String()
    main = fields.Boolean()
    supports = fields.Integer(allow_none=True)
    indicators = fields.List(fields.Nested(PlanIndicatorSchema))


class PlanRealisationSchema(ma.Schema):
    realisation = fields.String(metadata={"description": "DI_ATAS, SESUAI or DI_BAWAH"})
    note = fields.String()
    recorded_by = fields.String()
    recorded_at = fields.DateTime()


class PlanResultSchema(PlannedResultSchema):
    evidence = fields.List(fields.Nested(PlanEvidenceSchema))
    realisation = fields.Nested(PlanRealisationSchema, allow_none=True)


class PlanRevisionSchema(ma.Schema):
    revision = fields.Integer()
    kind = fields.String(metadata={"description": "proposed or revised"})
    official_nip = fields.String()
    results = fields.List(fields.Nested(PlannedResultSchema))
    reason = fields.String(allow_none=True)
    proposed_at = fields.DateTime()
    outcome = fields.String(allow_none=True, metadata={"description": "agreed, returned or null"})
    outcome_by = fields.String(allow_none=True)
    outcome_at = fields.DateTime(allow_none=True)
    note = fields.String(allow_none=True)
    expectations = fields.List(fields.Dict(), allow_none=True)


class PlanSchema(ma.Schema):
    period_id = fields.String()
    nip = fields.String()
    name = fields.String()
    status = fields.String(allow_none=True, metadata={"description": "proposed, returned or"
                                                      " agreed; null: no plan yet"})
    official_nip = fields.String(allow_none=True)
    official_name = fields.String(allow_none=True)
    revision = fields.Integer(allow_none=True)
    agreed_revision = fields.Integer(allow_none=True)
    results = fields.List(fields.Nested(PlanResultSchema), metadata={
        "description": "the current RHK, each with its indicators and evidence"})
    values = fields.List(fields.Nested(PlanValueSchema))
    revisions = fields.List(fields.Nested(PlanRevisionSchema), metadata={
        "description": "every revision, newest first, with its outcome"})
    work_result_proposed = fields.String(allow_none=True, metadata={
        "description": "the hasil kerja rating the realisation proposes (null: incomplete)"})
    work_result = fields.String(allow_none=True, metadata={
        "description": "the supervisor's submitted hasil kerja rating on this proposal"})
    work_result_reason = fields.String(allow_none=True)
    official_results = fields.List(fields.Nested(PlannedResultSchema), metadata={
        "description": "the RHK of the official's own plan in the period, to link to"})


class TeamPlanSchema(ma.Schema):
    nip = fields.String()
    name = fields.String()
    status = fields.String(allow_none=True)
    revision = fields.Integer(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)


class PlanListFilterSchema(Strict):
    unit = fields.String(**CODE)
    subunits = fields.Boolean(load_default=True, metadata={"description": "include units below"})
    status = fields.String(validate=validate.OneOf(STATUSES), metadata={
        "description": "none (no plan yet), proposed, returned, agreed or revising (a revision"
                       " of an agreed plan waiting for agreement)"})


class PlanRowSchema(TeamPlanSchema):
    unit_code = fields.String()
    unit_name = fields.String(allow_none=True)
    official_nip = fields.String(allow_none=True)
    official_name = fields.String(allow_none=True)
    agreed_revision = fields.Integer(allow_none=True)
    results = fields.Integer(metadata={"description": "the number of RHK (0: no plan)"})
    realised = fields.Boolean(metadata={"description": "every RHK has a realisation"})


class PlanCountsSchema(ma.Schema):
    period_id = fields.String()
    unit_code = fields.String(allow_none=True)
    employees = fields.Integer()
    statuses = fields.List(fields.Dict(), metadata={
        "description": "{status, count} for none, proposed, returned, agreed, revising"})
