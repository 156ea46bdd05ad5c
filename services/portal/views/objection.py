"""Keberatan (PP 30/2019 Pasal 59): the employee objects to their result from Hasil; the
appraising official explains and the official's superior decides on Keberatan; HR follows the
deadlines. The pages decide nothing: who may do what, the days and the finality are the
assessment service's, and its refusals are shown in words."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, refusal
from services.portal.views.hr.common import hr_page
from tools.apiclient import ApiError

blp = Blueprint("objection", __name__)
PREDIKATS = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")


def _path(period_id: str, nip: str) -> str:
    return f"/periods/{period_id}/assessments/{nip}/supervisor/objection"


def _found(period_id: str, nip: str) -> dict | None:
    try:
        return api().get("assessment", _path(period_id, nip))
    except ApiError as error:
        if error.status == 404 and error.code == "unknown_objection":
            return None
        raise


def _send(path: str, body: dict, page, errors_of) -> tuple | None:
    """Send a form; a refusal is the page again with the service's words (None: sent)."""
    try:
        api().send("assessment", "POST", path, body)
    except ApiError as error:
        if error.status not in (403, 404, 409, FIELD_REFUSED):
            raise
        return page(errors=errors_of(error), refused=refusal(error, "objection")), error.status
    return None


@blp.route("/hasil/<period_id>/keberatan", methods=["GET", "POST"])
@signed_in
def employee(period_id):
    """The employee's objection to their result: the form, or how far it is."""
    nip = g.person.nip

    def page(**extra):
        return render_template("objection/employee.html", period_id=period_id,
                               objection=_found(period_id, nip), values=values, **extra)
    values = {"reasons": request.form.get("reasons", "").strip()}
    if request.method == "GET":
        return page(errors={})
    if not values["reasons"]:
        return page(errors={"reasons": t("objection.error.reasons")}), 422
    refused = _send(_path(period_id, nip), values, page,
                    lambda e: {"reasons": t("objection.error.too_long")}
                    if e.status == FIELD_REFUSED else {})
    if refused:
        return refused
    flash(t("objection.flash.filed"), "success")
    return redirect(url_for(".employee", period_id=period_id))


@blp.get("/keberatan")
@signed_in
def waiting():
    """The objections waiting for the person: to explain as the official, to decide as the
    official's superior."""
    return render_template("objection/waiting.html",
                           objections=api().get("assessment", "/me/objections"))


@blp.route("/keberatan/<period_id>/<nip>", methods=["GET", "POST"])
@signed_in
def one(period_id, nip):
    """Both sides of one objection, and the official's or the superior's form."""
    values = {k: request.form.get(k, "").strip()
              for k in ("explanation", "decision", "predikat", "reason")}

    def page(**extra):
        return render_template("objection/one.html", objection=_found(period_id, nip),
                               values=values, predikats=PREDIKATS, **extra)
    if request.method == "GET":
        return page(errors={})
    explaining = request.form.get("action") == "explain"
    needed = ("explanation",) if explaining else ("decision", "reason") + (
        ("predikat",) if values["decision"] == "changed" else ())
    errors = {name: t(f"objection.error.{name}") for name in needed if not values[name]}
    if errors:
        return page(errors=errors), 422
    body = ({"explanation": values["explanation"]} if explaining else
            {"decision": values["decision"], "reason": values["reason"],
             "predikat": values["predikat"] or None})
    refused = _send(_path(period_id, nip) + ("/explanation" if explaining else "/decision"),
                    body, page, lambda e: {})
    if refused:
        return refused
    flash(t("objection.flash.explained" if explaining else "objection.flash.decided"), "success")
    return redirect(url_for(".one", period_id=period_id, nip=nip))


@blp.get("/keberatan-bkpsdm")
@signed_in
@hr_page
def hr_list():
    """Every objection with its deadline, the overdue ones marked (HR)."""
    return render_template("objection/hr.html", objections=api().get("assessment", "/objections"))
