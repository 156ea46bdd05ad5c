"""Predikat tahunan for the appraising official: the annual results they gave in an open annual
period, and for each the year's periodic results with the annual predikat proposed from them by
the agency's policy, to confirm or to replace with a reason. The assessment service proposes,
checks who may confirm and records; the portal shows and asks."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, field_messages, refusal
from tools.apiclient import ApiError

blp = Blueprint("annual", __name__)
PREDIKATS = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")


def _path(period_id: str, nip: str) -> str:
    return f"/periods/{period_id}/assessments/{nip}/supervisor/annual"


@blp.get("/tim-saya/tahunan")
@signed_in
def mine():
    """The annual results the official gave in open annual periods, confirmed or not yet."""
    return render_template("annual/list.html", people=api().get("assessment", "/me/annual"))


@blp.route("/tim-saya/tahunan/<period_id>/<nip>", methods=["GET", "POST"])
@signed_in
def year(period_id, nip):
    """One report's year and the proposal; the official confirms it or gives another."""
    found = next((p for p in api().get("assessment", "/me/annual")
                  if p["period_id"] == period_id and p["nip"] == nip), None)
    if found is None:  # not a result this person gave in an open annual period
        abort(403)
    the_year = api().get("assessment", _path(period_id, nip))
    if request.method == "GET":
        values = {"predikat": the_year["proposed"] or "", "reason": ""}
        return _page(the_year, values, {})
    values = {"predikat": request.form.get("predikat", ""),
              "reason": request.form.get("reason", "").strip() or None}
    if not values["predikat"]:
        return _page(the_year, values, {"predikat": t("annual.error.predikat")}, status=422)
    try:
        api().send("assessment", "POST", _path(period_id, nip), values)
    except ApiError as error:
        if error.status not in (403, 409, FIELD_REFUSED):
            raise
        errors = field_messages(error, "annual")
        return _page(the_year, values, errors, refusal(error, "annual"), error.status)
    flash(t("annual.flash.confirmed", name=found["name"], predikat=t(
        "curve.predikat." + values["predikat"])), "success")
    return redirect(url_for(".mine"))


def _page(the_year: dict, values: dict, errors: dict, refused: str | None = None,
          status: int = 200):
    return render_template("annual/year.html", year=the_year, values=values, errors=errors,
                           refused=refused, predikats=PREDIKATS), status


def home_tasks(results: list[dict] | None) -> list[dict]:
    """The official's Beranda task: the annual results (``/me/annual``) awaiting confirmation."""
    waiting = [r for r in results or [] if not r["confirmed"]]
    return [{"key": "home.task.annual", "url": url_for("annual.mine"),
             "values": {"count": len(waiting)}}] if waiting else []
