"""Declining an opportunity (tidak diambil): the reason, the check page, the confirmation."""
from __future__ import annotations

from flask import redirect, render_template, request, session, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, field_messages, refusal
from services.portal.views.talent.common import (
    ONE, api_path, blp, deciders, field_place, opportunity_page)
from tools.apiclient import ApiError


# --- declining an opportunity ------------------------------------------------------------------

def _decline_draft(nip: str, period_id: str, competency: str) -> str:
    return f"talent:decline:{nip}:{period_id}:{competency}"


def _decline_form(page: dict, values: dict, errors: dict, status: int = 200, refused=None):
    return render_template("talent/decline.html", values=values, errors=errors, refused=refused,
                           **page), status


@blp.route(f"{ONE}/tolak", methods=["GET", "POST"])
@signed_in
@deciders
def decline(nip, period_id, competency):
    """Tidak diambil: the reason (required), then the check page. The service decides whether
    this person may decide and whether the opportunity is still open."""
    page = opportunity_page(nip, period_id, competency)
    if page["o"]["status"] != "open":
        return _decline_form(page, {}, {}, 409,
                             t("talent.refusal.opportunity_" + page["o"]["status"]))
    key = _decline_draft(nip, period_id, competency)
    if request.method == "GET":
        return _decline_form(page, session.get(key) or {"reason": ""}, {})[0]
    values = {"reason": request.form.get("reason", "").strip()}
    if not values["reason"]:
        return _decline_form(page, values, {"reason": t("talent.error.reason")}, 422)
    session[key] = values
    return redirect(url_for(".decline_check", **page["keys"]))


@blp.get(f"{ONE}/tolak/periksa")
@signed_in
@deciders
def decline_check(nip, period_id, competency):
    """The reason to check before declining; back to the reason when there is none."""
    values = session.get(_decline_draft(nip, period_id, competency))
    if not values:
        return redirect(url_for(".decline", nip=nip, period_id=period_id, competency=competency))
    return render_template("talent/decline_check.html", values=values,
                           **opportunity_page(nip, period_id, competency))


@blp.post(f"{ONE}/tolak/kirim")
@signed_in
@deciders
def decline_send(nip, period_id, competency):
    """Decline the opportunity with the checked reason; a refusal shows the reason form again."""
    key = _decline_draft(nip, period_id, competency)
    values = session.get(key)
    if not values:
        return redirect(url_for(".decline", nip=nip, period_id=period_id, competency=competency))
    try:
        api().send("training", "POST", f"{api_path(nip, period_id, competency)}/decline",
                   {"reason": values["reason"]})
    except ApiError as error:
        if error.status not in (403, 404, 409, FIELD_REFUSED):
            raise
        page = opportunity_page(nip, period_id, competency)
        return _decline_form(page, values, field_messages(error, "talent", field_place), error.status,
                             refusal(error, "talent"))
    session.pop(key, None)
    return redirect(url_for(".declined", nip=nip, period_id=period_id, competency=competency))


@blp.get(f"{ONE}/tidak-diambil")
@signed_in
@deciders
def declined(nip, period_id, competency):
    """Tidak diambil: what was decided and what happens next."""
    return render_template("talent/declined.html", **opportunity_page(nip, period_id, competency))
