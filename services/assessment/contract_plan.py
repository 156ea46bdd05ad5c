"""Events of the plan (SKP, PermenPANRB 6/2022 Pasal 5) and its evidence (bukti dukung)
(``assessment.*``); ``contract.py`` publishes them in the service's one registry.

Kafka key = ``subject``: the employee's NIP. Stream ``plan-<period>-<nip>``.
"""
from __future__ import annotations

from marshmallow import fields, validate

from shared.events.fields import (ident as _ident, nip as _nip, period as _period,
                                  text as _text)
from shared.events.registry import EventSchema, Registry

PLAN_EVENTS = Registry()
# What a piece of evidence is: a text, a link, or a file kept in the service's own store.
EVIDENCE_KINDS = ("text", "link", "file")
MAX_RESULTS, MAX_INDICATORS = 30, 10
# A realisation against its target, and the hasil kerja rating proposed: as contract.EXPECTATIONS.
REALISATIONS = ("DI_ATAS", "SESUAI", "DI_BAWAH")
URL_PATTERN = r"^https?://[^\s]+(?![\s\S])"


class Indicator(EventSchema):
    """An individual performance indicator (IKI) with its targets: quantity, quality and time
    as the plan words them, and an optional number with its unit."""
    text = _text(500, minimum=1, required=True)
    quantity = _text(200, required=True)
    quality = _text(200, required=True)
    time = _text(200, required=True)
    target = fields.Float(required=True, allow_none=True, allow_nan=False)
    unit = _text(40, required=True, allow_none=True)


class PlannedResult(EventSchema):
    """A rencana hasil kerja (RHK): ``rhk`` its number in the plan (kept across revisions),
    ``main`` whether it is a main result, ``supports`` the number of the appraising official's
    RHK (in the official's plan of the same period) it supports, if any."""
    rhk = fields.Integer(required=True, validate=validate.Range(1, 10_000))
    text = _text(500, minimum=1, required=True)
    main = fields.Boolean(required=True)
    supports = fields.Integer(required=True, allow_none=True, validate=validate.Range(1, 10_000))
    indicators = fields.List(fields.Nested(Indicator), required=True,
                             validate=validate.Length(1, MAX_INDICATORS))


class _AboutAPlan(EventSchema):
    period_id = _period(required=True)
    nip = _nip(required=True)


class _Content(_AboutAPlan):
    official_nip = _nip(required=True)
    revision = fields.Integer(required=True, validate=validate.Range(1, 10_000))
    results = fields.List(fields.Nested(PlannedResult), required=True,
                          validate=validate.Length(1, MAX_RESULTS))


@PLAN_EVENTS.event("assessment.PlanProposed", version=1)
class PlanProposedV1(_Content):
    """The employee proposed their plan (SKP) for the period to the appraising official
    (``official_nip``): the whole list of results; proposed again, it replaces the earlier one
    (``revision`` counts every proposal and revision)."""


@PLAN_EVENTS.event("assessment.PlanReturned", version=1)
class PlanReturnedV1(_AboutAPlan):
    """The appraising official returned the proposed plan with a note; the employee proposes
    it again."""
    official_nip = _nip(required=True)
    revision = fields.Integer(required=True, validate=validate.Range(1, 10_000))
    note = _text(2000, minimum=1, required=True)


class Expectation(EventSchema):
    """The official's special expectation (ekspektasi khusus pimpinan) of one BerAKHLAK value
    (its code in the agency's values file)."""
    value = _ident(required=True)
    expectation = _text(1000, minimum=1, required=True)


@PLAN_EVENTS.event("assessment.PlanAgreed", version=1)
class PlanAgreedV1(_AboutAPlan):
    """The appraising official agreed the plan's ``revision``, with their special expectations
    per BerAKHLAK value (only the values they gave one for)."""
    official_nip = _nip(required=True)
    revision = fields.Integer(required=True, validate=validate.Range(1, 10_000))
    expectations = fields.List(fields.Nested(Expectation), required=True,
                               validate=validate.Length(max=50))


@PLAN_EVENTS.event("assessment.PlanRevised", version=1)
class PlanRevisedV1(_Content):
    """The employee revised an agreed plan, with the reason: the whole new list of results,
    to be agreed again (the earlier revisions stay in the history)."""
    reason = _text(1000, minimum=1, required=True)


@PLAN_EVENTS.event("assessment.EvidenceAdded", version=1)
class EvidenceAddedV1(_AboutAPlan):
    """The employee added evidence (bukti dukung) to an RHK of their agreed plan: a ``text``,
    a ``link`` (``url``), or a ``file`` kept in the service's own store (never in an event: the
    event names its id, name, media type, size in bytes and SHA-256)."""
    evidence_id = _ident(required=True)
    rhk = fields.Integer(required=True, validate=validate.Range(1, 10_000))
    kind = fields.String(required=True, validate=validate.OneOf(EVIDENCE_KINDS))
    text = _text(2000, required=True)
    url = fields.String(required=True, allow_none=True,
                        validate=[validate.Length(max=2000), validate.Regexp(URL_PATTERN)])
    file_id = _ident(required=True, allow_none=True)
    file_name = _text(200, required=True, allow_none=True)
    media_type = _text(100, required=True, allow_none=True)
    size = fields.Integer(required=True, allow_none=True, validate=validate.Range(1))
    sha256 = fields.String(required=True, allow_none=True,
                           validate=validate.Regexp(r"^[0-9a-f]{64}(?![\s\S])"))
    added_by = _nip(required=True)


@PLAN_EVENTS.event("assessment.RealisationRecorded", version=1)
class RealisationRecordedV1(_AboutAPlan):
    """The appraising official recorded an RHK's realisation against its target (above, meets
    or below expectation, with a note; again, it replaces the earlier one). ``proposed`` is the
    hasil kerja rating the plan's realisations now propose (DOMAIN.md's rule, thresholds in
    ``work_result_rules.yaml``), null while an RHK of the plan has none."""
    rhk = fields.Integer(required=True, validate=validate.Range(1, 10_000))
    realisation = fields.String(required=True, validate=validate.OneOf(REALISATIONS))
    note = _text(2000, required=True)
    recorded_by = _nip(required=True)
    proposed = fields.String(required=True, allow_none=True,
                             validate=validate.OneOf(REALISATIONS))
