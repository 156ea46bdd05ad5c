"""Verifikasi laporan: the completions employees reported, waiting for a training admin. Verify
one (the service records the completion and its JP), or reject it with a reason the employee
reads on Pelatihan saya (after a check page). The service refuses a report decided already."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, field_messages, refusal
from services.portal.views.training_admin.common import blp, titles, training_admin_page
from tools.apiclient import ApiError


def pending() -> list[dict]:
    """The completion reports waiting for a training admin, every page of them."""
    return api().get_all("training", "/completion-reports", status="pending")


def _page(status: int = 200, **state):
    return render_template("training_admin/reports.html", reports=pending(), titles=titles(),
                           refused=state.get("refused"), refused_for=state.get("refused_for"),
                           recent=session.get("ta:decided") or []), status


@blp.get("/verifikasi")
@signed_in
@training_admin_page
def reports():
    """Verifikasi laporan: the reports waiting, and those just decided."""
    return _page()[0]


def one(report_id: str) -> dict:
    """A report by its id, from the list of every report (the API has no single read)."""
    found = next((r for r in api().get_all("training", "/completion-reports")
                  if r["report_id"] == report_id), None)
    if found is None:
        abort(404)
    return found


@blp.post("/verifikasi/<report_id>/verifikasi")
@signed_in
@training_admin_page
def verify(report_id):
    """Verify the report (the service records the completion and its JP); a refusal is shown."""
    try:
        done = api().send("training", "POST", f"/completion-reports/{report_id}/verify")
    except ApiError as error:
        if error.status != 409:
            raise
        return _page(error.status, refused=refusal(error, "ta"), refused_for=report_id)
    flash(t("ta.flash.verified", name=done.get("name") or done["nip"], jp=done["jp"]), "success")
    return redirect(url_for(".reports"))


def _reject_key(report_id: str) -> str:
    return f"ta:reject:{report_id}"


@blp.route("/verifikasi/<report_id>/tolak", methods=["GET", "POST"])
@signed_in
@training_admin_page
def reject(report_id):
    """The reason (required, asked for again here when blank; the API refuses it too)."""
    report = one(report_id)
    page = {"report": report, "titles": titles()}
    if request.method == "GET":
        return render_template("training_admin/reject.html", errors={},
                               reason=session.get(_reject_key(report_id), ""), **page)
    reason = request.form.get("reason", "").strip()
    if not reason:
        return render_template("training_admin/reject.html", reason=reason,
                               errors={"reason": t("ta.reject.error.reason")}, **page), 422
    session[_reject_key(report_id)] = reason
    return redirect(url_for(".reject_check", report_id=report_id))


@blp.get("/verifikasi/<report_id>/tolak/periksa")
@signed_in
@training_admin_page
def reject_check(report_id):
    """The reason to check before rejecting the report; back to the reason when there is none."""
    reason = session.get(_reject_key(report_id))
    if not reason:
        return redirect(url_for(".reject", report_id=report_id))
    return render_template("training_admin/reject_check.html", reason=reason,
                           report=one(report_id), titles=titles())


@blp.post("/verifikasi/<report_id>/tolak/kirim")
@signed_in
@training_admin_page
def reject_send(report_id):
    """Reject the report with the checked reason; a refusal shows the reason form again."""
    reason = session.get(_reject_key(report_id), "")
    try:
        done = api().send("training", "POST", f"/completion-reports/{report_id}/reject",
                          {"reason": reason})
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        return render_template("training_admin/reject.html", reason=reason,
                               errors=field_messages(error, "ta.reject"),
                               refused=refusal(error, "ta"), report=one(report_id),
                               titles=titles()), error.status
    session.pop(_reject_key(report_id), None)
    flash(t("ta.flash.rejected", name=done.get("name") or done["nip"]), "success")
    return redirect(url_for(".reports"))


def home_tasks() -> list[dict]:
    """The training admin's first tasks on Beranda: the reports waiting for verification."""
    waiting = len(pending())
    found = []
    if waiting:
        found.append({"key": "home.task.ta_reports", "url": url_for("training_admin.reports"),
                      "values": {"count": waiting}})
    found.append({"key": "home.task.ta_catalogue", "url": url_for("training_admin.catalogue"),
                  "values": {}})
    return found
