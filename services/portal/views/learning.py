"""Pelatihan saya: the employee's training assignments with the reason for each, starting one,
reporting a completion with its certificate number, JP toward this year's minimum, and the
development opportunities offered for their strengths. Every rule is the training service's."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import (
    FIELD_REFUSED, competency_names, field_messages, localised, refusal, today)
from tools.apiclient import ApiError

blp = Blueprint("learning", __name__)
OPEN = ("assigned", "in_progress")


def _programmes() -> dict[str, dict]:
    """Programme code -> the programme, its title in the reader's language."""
    return {p["code"]: {**p, "title": localised(p["title"])}
            for p in api().get("training", "/programmes")}


def _page(status: int = 200, **state):
    plan = api().get("training", "/me/plan")
    reported = {r["assignment_id"] for r in plan["completion_reports"] if r["assignment_id"]}
    return render_template("learning/training.html", plan=plan, names=competency_names(),
                           programmes=_programmes(), reported=reported, open_states=OPEN,
                           localised=localised, refused=state.get("refused"),
                           refused_for=state.get("refused_for")), status


@blp.get("/pelatihan")
@signed_in
def training():
    """Pelatihan saya: the employee's assignments, reports and opportunities."""
    return _page()[0]


@blp.post("/pelatihan/<assignment_id>/mulai")
@signed_in
def start(assignment_id):
    """The employee starts an assignment today."""
    try:
        api().send("training", "POST", f"/assignments/{assignment_id}/start",
                   {"started_on": today().isoformat()})
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        return _page(error.status, refused=refusal(error, "learning"), refused_for=assignment_id)
    flash(t("learning.flash.started"), "success")
    return redirect(url_for(".training", _anchor=f"assignment-{assignment_id}"))


@blp.route("/pelatihan/<assignment_id>/lapor", methods=["GET", "POST"])
@signed_in
def report(assignment_id):
    """Report having completed an assignment, with the certificate number, for an admin to verify."""
    assignment = api().get("training", f"/assignments/{assignment_id}")  # 403 unless theirs
    programme = api().get("training", f"/programmes/{assignment['programme_code']}")
    page = {"assignment": assignment, "programme": {**programme, "title": localised(
        programme["title"])}, "names": competency_names()}
    if request.method == "GET":
        return render_template("learning/report.html", values={"completed_on": today().isoformat()},
                               errors={}, **page)
    values = {name: request.form.get(name, "") for name in ("certificate_number", "completed_on")}
    body = {"programme_code": assignment["programme_code"], "assignment_id": assignment_id,
            "certificate_number": values["certificate_number"].strip(),
            "completed_on": values["completed_on"].strip()}
    try:
        api().send("training", "POST", "/completion-reports", body)
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        errors = field_messages(error, "learning")
        if error.code == "date_in_future":
            errors["completed_on"] = refusal(error, "learning")
        return render_template("learning/report.html", values=values, errors=errors,
                               refused=refusal(error, "learning"), **page), error.status
    flash(t("learning.flash.reported"), "success")
    return redirect(url_for(".training", _anchor=f"assignment-{assignment_id}"))
