"""Masukan perilaku: the appraising official invites peers and direct reports from the member
page; an invited person answers per BerAKHLAK value from Beranda, once. The service decides who
may invite and answer; its refusals are shown in words."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from services.portal.errors import error_page
from services.portal.pages import api, signed_in, t
from services.portal.views.behaviour import member_page
from services.portal.views.dialogue_support import FIELD_REFUSED, localised, refusal
from tools.apiclient import ApiError

blp = Blueprint("behaviour_input", __name__)
CHOICES = ("above", "meets", "below")
REFUSED = (403, 404, 409, FIELD_REFUSED)


def _one(period_id: str, nip: str) -> str:
    return f"/periods/{period_id}/employees/{nip}"


@blp.post("/perilaku/<period_id>/<nip>/undang")
@signed_in
def invite(period_id, nip):
    """The official invites the person chosen (the member page again with a refusal)."""
    invitee = request.form.get("invitee_nip", "").strip()
    if not invitee:
        return member_page(period_id, nip, {}, {"invitee_nip": t("behaviour.error.invitee")}), 422
    try:
        api().send("assessment", "POST", f"{_one(period_id, nip)}/behaviour-invitations",
                   {"invitee_nip": invitee})
    except ApiError as error:
        if error.status not in REFUSED:
            raise
        message = refusal(error, "behaviour")
        return member_page(period_id, nip, {}, {"invitee_nip": message}), error.status
    flash(t("behaviour.flash.invited"), "success")
    return redirect(url_for("behaviour.member", period_id=period_id, nip=nip) + "#input")


def _answers(form, codes: list[str]) -> list[dict]:
    return [{"value": code, "choice": form.get(f"choice-{code}"),
             "comment": form.get(f"comment-{code}", "").strip() or None}
            for code in codes if form.get(f"choice-{code}")]


@blp.route("/perilaku/masukan/<period_id>/<nip>", methods=["GET", "POST"])
@signed_in
def answer(period_id, nip):
    """The invited person's form: per value above, meets or below expectation and a comment."""
    invitation = next((i for i in api().get("assessment", "/me/behaviour-invitations")
                       if (i["period_id"], i["nip"]) == (period_id, nip)), None)
    values = [{"code": v["code"], "name": localised(v["name"]),
               "behaviours": [localised(b) for b in v["behaviours"]]}
              for v in api().get("assessment", "/behaviour/values")]

    def page(status=200, **extra):
        return render_template("behaviour/answer.html", invitation=invitation, values=values,
                               period_id=period_id, form=request.form, choices=CHOICES,
                               **{"errors": {}, "refused": None, **extra}), status
    if invitation is None:
        return error_page(403, "error.forbidden", t("behaviour.answer.not_invited"))
    if request.method == "GET":
        return page()
    answers = _answers(request.form, [v["code"] for v in values])
    if not answers:
        return page(422, errors={f"choice-{values[0]['code']}": t("behaviour.error.answers")})
    try:
        api().send("assessment", "POST", f"{_one(period_id, nip)}/behaviour-input",
                   {"answers": answers})
    except ApiError as error:
        if error.status not in REFUSED:
            raise
        return page(error.status, refused=refusal(error, "behaviour"))
    flash(t("behaviour.flash.answered"), "success")
    return redirect(url_for(".answer", period_id=period_id, nip=nip))


def home_tasks(invitations: list[dict] | None) -> list[dict]:
    """Beranda's tasks: each invitation still to answer, a link to its form."""
    return [{"key": "home.task.behaviour_input", "values": {"name": i["name"]},
             "url": url_for("behaviour_input.answer", period_id=i["period_id"], nip=i["nip"])}
            for i in invitations or [] if i["answered_at"] is None]
