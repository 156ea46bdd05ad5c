"""Rencana kinerja tim: the appraising official's list of their reports' plans, and one report's
plan to agree, with a special expectation (ekspektasi khusus pimpinan) per BerAKHLAK value, or to
return with a note. The service decides who is the official and what may be done."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.assessing.common import period
from services.portal.views.dialogue_support import refusal
from services.portal.views.plan import plan_path, send

blp = Blueprint("plan_review", __name__)


@blp.get("/rencana-tim", defaults={"period_id": None})
@blp.get("/rencana-tim/<period_id>")
@signed_in
def team(period_id):
    """The official's direct reports and their plans, those waiting for agreement first."""
    found = period(period_id)
    if found is None:
        return render_template("assessing/no_period.html")
    plans = api().get("assessment", f"/periods/{found['period_id']}/team-plans")
    return render_template("plan/team.html", period=found, plans=plans)


@blp.route("/rencana-tim/<period_id>/<nip>", methods=["GET", "POST"])
@signed_in
def review(period_id, nip):
    """A report's plan with its versions and evidence; the official agrees or returns it."""
    found = period(period_id)
    plan = api().get("assessment", plan_path(period_id, nip))
    typed = {k: v.strip() for k, v in request.form.items() if k.startswith("exp_")}
    note = request.form.get("note", "").strip()

    def page(status=200, **extra):
        return render_template("plan/review.html", plan=plan, period=found, typed=typed,
                               note=note, **{"errors": {}, **extra}), status
    if request.method == "GET":
        return page()
    if request.form.get("action") == "realise":
        return _realise(period_id, nip, page)
    returning = request.form.get("action") == "return"
    if returning and not note:
        return page(422, errors={"note": t("plan.error.note")})
    body = ({"note": note} if returning else
            {"expectations": {k[4:]: v for k, v in typed.items() if v}})
    refused = send(plan_path(period_id, nip) + ("/return" if returning else "/agreement"), body)
    if refused:
        return page(refused.status, refused=refusal(refused, "plan"))
    flash(t("plan.flash.returned" if returning else "plan.flash.agreed"), "success")
    return redirect(url_for(".review", period_id=period_id, nip=nip))


def _realise(period_id: str, nip: str, page):
    """An RHK's realisation from the official's form (its choice asked for first)."""
    rhk, level = request.form.get("rhk", ""), request.form.get("realisation", "")
    if not level or not rhk.isdigit():
        return page(422, errors={f"realisation-{rhk}": t("plan.error.realisation")})
    refused = send(f"{plan_path(period_id, nip)}/results/{rhk}/realisation",
                   {"realisation": level, "note": request.form.get("note", "").strip()})
    if refused:
        return page(refused.status, refused=refusal(refused, "plan"))
    flash(t("plan.flash.realised"), "success")
    return redirect(url_for(".review", period_id=period_id, nip=nip) + "#realisasi")
