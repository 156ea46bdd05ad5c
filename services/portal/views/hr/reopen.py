"""Buka kembali: HR reopens an employee's submitted assessment with a reason (mandatory), after a
check page that says what reopening does; the API refuses what it does not allow."""
from __future__ import annotations

from flask import redirect, render_template, request, session, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, field_messages, refusal
from services.portal.views.hr.common import blp, hr_page, period
from tools.apiclient import ApiError

ONE = "/pemantauan/<period_id>/pegawai/<nip>/<any(self, supervisor):role>"


def _key(period_id: str, nip: str, role: str) -> str:
    return f"reopen:{period_id}:{nip}:{role}"


def context(period_id: str, nip: str, role: str) -> dict:
    """The employee and their submitted assessment (the API's 404 when there is none)."""
    person, record = api().read_many([
        ("assessment", f"/employees/{nip}"),
        ("assessment", f"/periods/{period_id}/assessments/{nip}/{role}")])
    return {"period": period(period_id), "employee": person, "record": record, "role": role}


@blp.route(f"{ONE}/buka-kembali", methods=["GET", "POST"])
@signed_in
@hr_page
def reopen(period_id, nip, role):
    """The reason; then the check page. A blank reason is asked for here (the API refuses it
    too), so that the check page never shows an empty one."""
    page = context(period_id, nip, role)
    if request.method == "GET":
        reason = session.get(_key(period_id, nip, role), "")
        return render_template("hr/reopen.html", reason=reason, errors={}, **page)
    reason = request.form.get("reason", "").strip()
    if not reason:
        return render_template("hr/reopen.html", reason=reason,
                               errors={"reason": t("hr.reopen.error.reason")}, **page), 422
    session[_key(period_id, nip, role)] = reason
    return redirect(url_for(".reopen_check", period_id=period_id, nip=nip, role=role))


@blp.get(f"{ONE}/buka-kembali/periksa")
@signed_in
@hr_page
def reopen_check(period_id, nip, role):
    """The reason to check before reopening; back to the reason when there is none."""
    reason = session.get(_key(period_id, nip, role))
    if not reason:
        return redirect(url_for(".reopen", period_id=period_id, nip=nip, role=role))
    return render_template("hr/reopen_check.html", reason=reason,
                           **context(period_id, nip, role))


@blp.post(f"{ONE}/buka-kembali/kirim")
@signed_in
@hr_page
def reopen_send(period_id, nip, role):
    """Reopen the assessment with the checked reason; a refusal shows the reason page again."""
    reason = session.get(_key(period_id, nip, role), "")
    try:
        api().send("assessment", "POST", f"/periods/{period_id}/assessments/{nip}/{role}/reopen",
                   {"reason": reason})
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        errors = field_messages(error, "hr.reopen")
        return render_template("hr/reopen.html", reason=reason, errors=errors,
                               refused=refusal(error, "hr"),
                               **context(period_id, nip, role)), error.status
    session.pop(_key(period_id, nip, role), None)
    return redirect(url_for(".reopened", period_id=period_id, nip=nip, role=role))


@blp.get(f"{ONE}/dibuka-kembali")
@signed_in
@hr_page
def reopened(period_id, nip, role):
    """What happens next: the assessor sees the form again with the reason, and sends it again."""
    return render_template("hr/reopened.html", **context(period_id, nip, role))
