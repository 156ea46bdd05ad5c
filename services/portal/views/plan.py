"""Rencana kinerja (SKP, PermenPANRB 6/2022 Pasal 5): the employee's own plan of the open (or a
named) period with its versions and evidence, and the form that proposes or revises it. The
pages decide nothing: who may do what and every rule are the assessment service's, and its
refusals are shown in words."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.assessing.common import period
from services.portal.views.dialogue_support import FIELD_REFUSED, refusal
from services.portal.views.plan_form import body_of, check_rows, read_rows, rows_of, with_blanks
from tools.apiclient import ApiError

blp = Blueprint("plan", __name__)


def plan_path(period_id: str, nip: str) -> str:
    """The plan's path in the assessment API."""
    return f"/periods/{period_id}/plans/{nip}"


def send(path: str, body: dict) -> ApiError | None:
    """Send a form to the service; its refusal (403, 404, 409, 422) is returned to be shown."""
    try:
        api().send("assessment", "POST", path, body)
    except ApiError as error:
        if error.status not in (403, 404, 409, FIELD_REFUSED):
            raise
        return error
    return None


@blp.get("/rencana", defaults={"period_id": None})
@blp.get("/rencana/<period_id>")
@signed_in
def mine(period_id):
    """The employee's plan of the open period unless one is named: the RHK with their
    indicators and evidence, the BerAKHLAK expectations, the versions."""
    found = period(period_id)
    if found is None:
        return render_template("assessing/no_period.html")
    plan = api().get("assessment", plan_path(found["period_id"], g.person.nip))
    return render_template("plan/own.html", plan=plan, period=found, errors={}, values={})


@blp.route("/rencana/<period_id>/susun", methods=["GET", "POST"])
@signed_in
def compose(period_id):
    """The form: propose the plan (again after a return) or revise the agreed one with a
    reason; "add a row" shows the form again with one more blank RHK."""
    found = period(period_id)
    plan = api().get("assessment", plan_path(period_id, g.person.nip))
    revising = plan["status"] == "agreed"

    def page(rows, status=200, **extra):
        return render_template("plan/compose.html", plan=plan, period=found, rows=rows,
                               revising=revising, reason=request.form.get("reason", ""),
                               **{"errors": {}, **extra}), status
    if request.method == "GET":
        return page(rows_of(plan["results"]))
    rows = read_rows(request.form)
    if request.form.get("action") == "more":
        return page(with_blanks(rows, 1))
    errors = {k: t(v) for k, v in check_rows(rows).items()}
    if revising and not request.form.get("reason", "").strip():
        errors["reason"] = t("plan.error.reason")
    if errors:
        return page(with_blanks(rows, 0), 422, errors=errors)
    body = {"results": body_of(rows)}
    if revising:
        body["reason"] = request.form["reason"].strip()
    refused = send(plan_path(period_id, g.person.nip) + ("/revision" if revising else "/proposal"),
                   body)
    if refused:
        return page(with_blanks(rows, 0), refused.status, refused=refusal(refused, "plan"))
    flash(t("plan.flash.revised" if revising else "plan.flash.proposed"), "success")
    return redirect(url_for(".mine", period_id=period_id))
