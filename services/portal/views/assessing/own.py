"""Penilaian diri: the signed-in employee's own assessment of the open (or a named) period."""
from __future__ import annotations

from flask import render_template

from services.portal.pages import signed_in
from services.portal.views.assessing.flow import check_page, done_page, form_page, save, submit
from services.portal.views.assessing.common import Side, blp, period, reads


def own_side(period_id: str | None) -> Side | None:
    """The signed-in employee's self-assessment of ``period_id`` (None: the open period's; None
    when no period is open)."""
    me, known = reads(("assessment", "/me"), ("assessment", "/periods"))
    found = period(period_id, known)
    if found is None:
        return None
    me = me["employee"]
    return Side(found, me["nip"], "self", me["name"], me["position_code"])


@blp.get("/penilaian-diri", defaults={"period_id": None})
@blp.get("/penilaian-diri/<period_id>")
@signed_in
def self_assessment(period_id):
    """The form (or, once submitted, the answers sent) of the open period unless one is named."""
    side = own_side(period_id)
    if side is None:
        return render_template("assessing/no_period.html")
    return form_page(side)


@blp.post("/penilaian-diri/<period_id>/draf")
@signed_in
def self_save(period_id):
    """Save the self-assessment's draft."""
    return save(own_side(period_id))


@blp.get("/penilaian-diri/<period_id>/periksa")
@signed_in
def self_check(period_id):
    """Periksa jawaban: the self-assessment's answers, to check before sending."""
    return check_page(own_side(period_id))


@blp.post("/penilaian-diri/<period_id>/kirim")
@signed_in
def self_submit(period_id):
    """Send the self-assessment."""
    return submit(own_side(period_id))


@blp.get("/penilaian-diri/<period_id>/terkirim")
@signed_in
def self_done(period_id):
    """The confirmation that the self-assessment was sent."""
    return done_page(own_side(period_id))
