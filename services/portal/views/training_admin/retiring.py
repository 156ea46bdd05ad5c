"""Retiring a programme from the catalogue: the reason (required), a check page, then the
training service decides (a programme already retired is its 409, shown on the form)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, field_messages, refusal
from services.portal.views.training_admin.catalogue import path_of
from services.portal.views.training_admin.common import blp, training_admin_page
from tools.apiclient import ApiError


def _retire_key(code: str) -> str:
    return f"ta:retire:{code}"


@blp.route("/katalog/<code>/hentikan", methods=["GET", "POST"])
@signed_in
@training_admin_page
def retire(code):
    """The reason (required: a blank one is asked for again here; the API refuses it too)."""
    found = api().get("training", path_of(code))
    if request.method == "GET":
        return render_template("training_admin/retire.html", programme=found, errors={},
                               reason=session.get(_retire_key(code), ""))
    reason = request.form.get("reason", "").strip()
    if not reason:
        return render_template("training_admin/retire.html", programme=found, reason=reason,
                               errors={"reason": t("ta.retire.error.reason")}), 422
    session[_retire_key(code)] = reason
    return redirect(url_for(".retire_check", code=code))


@blp.get("/katalog/<code>/hentikan/periksa")
@signed_in
@training_admin_page
def retire_check(code):
    """The reason to check before retiring the programme; back to the reason when there is none."""
    reason = session.get(_retire_key(code))
    if not reason:
        return redirect(url_for(".retire", code=code))
    return render_template("training_admin/retire_check.html", reason=reason,
                           programme=api().get("training", path_of(code)))


@blp.post("/katalog/<code>/hentikan/kirim")
@signed_in
@training_admin_page
def retire_send(code):
    """Retire the programme with the checked reason; a refusal shows the reason form again."""
    reason = session.get(_retire_key(code), "")
    try:
        api().send("training", "POST", f"{path_of(code)}/retire", {"reason": reason})
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        return render_template("training_admin/retire.html", reason=reason,
                               programme=api().get("training", path_of(code)),
                               errors=field_messages(error, "ta.retire"),
                               refused=refusal(error, "ta")), error.status
    session.pop(_retire_key(code), None)
    flash(t("ta.flash.retired", code=code), "success")
    return redirect(url_for(".catalogue"))
