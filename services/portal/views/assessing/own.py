"""Penilaian diri: the signed-in employee's own assessment of the open (or a named) period."""
from __future__ import annotations

from flask import render_template

from services.portal.pages import api, signed_in
from services.portal.views.assessing import flow
from services.portal.views.assessing.common import Side, blp, open_period, period


def own_side(period_id: str) -> Side:
    """The signed-in employee's self-assessment of ``period_id``."""
    me = api().get("assessment", "/me")["employee"]
    return Side(period(period_id), me["nip"], "self", me["name"], me["position_code"])


@blp.get("/penilaian-diri", defaults={"period_id": None})
@blp.get("/penilaian-diri/<period_id>")
@signed_in
def self_assessment(period_id):
    """The form (or, once submitted, the answers sent) of the open period unless one is named."""
    if period_id is None:
        opened = open_period()
        if opened is None:
            return render_template("assessing/no_period.html")
        period_id = opened["period_id"]
    return flow.form_page(own_side(period_id))


@blp.post("/penilaian-diri/<period_id>/draf")
@signed_in
def self_save(period_id):
    return flow.save(own_side(period_id))


@blp.get("/penilaian-diri/<period_id>/periksa")
@signed_in
def self_check(period_id):
    return flow.check_page(own_side(period_id))


@blp.post("/penilaian-diri/<period_id>/kirim")
@signed_in
def self_submit(period_id):
    return flow.submit(own_side(period_id))


@blp.get("/penilaian-diri/<period_id>/terkirim")
@signed_in
def self_done(period_id):
    return flow.done_page(own_side(period_id))
