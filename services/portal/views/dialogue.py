"""Dialog kinerja and umpan balik: the employee reads the agenda and the feedback and answers it;
the supervisor schedules the dialogue, records the feedback and writes notes at any time.

Every rule (who may do what, when, with which input) is the feedback service's; these pages send
what the person typed and show the service's answer, refusals included, in words.
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views import dialogue_feedback as feedback_form
from services.portal.views import dialogue_notes as notes_pages
from services.portal.views.dialogue_agenda import context, render_one
from services.portal.views.dialogue_support import (
    FIELD_REFUSED, field_messages, local_datetime, refusal)
from tools.apiclient import ApiError

blp = Blueprint("dialogue", __name__)
ONE = "/dialog-kinerja/<dialogue_id>"


@blp.get("/dialog-kinerja")
@signed_in
def dialogues():
    """The person's own dialogues and, for a supervisor, those of their direct reports."""
    mine = api().get_all("feedback", "/me/dialogues")
    reports = api().get_all("feedback", "/me/reports/dialogues") if session.get("supervises") else []
    return render_template("dialogue/list.html", mine=mine, reports=reports)


@blp.get(ONE)
@signed_in
def dialogue(dialogue_id):
    """One dialogue; an answer not sent yet (back from checking it) is filled in again."""
    return render_one(dialogue_id, answer_form=session.get(f"answer:{dialogue_id}") or {})[0]


@blp.post(f"{ONE}/tanggapan")
@signed_in
def answer(dialogue_id):
    """The employee's answer, kept until they have checked it (acknowledging closes the dialogue)."""
    agrees, response = request.form.get("agrees", ""), request.form.get("response", "")
    answers = {"agrees": agrees, "response": response}
    if agrees not in ("yes", "no"):  # the service would take silence as agreement: ask
        return render_one(dialogue_id, 422, answer_form=answers,
                          errors={"agrees": t("dialogue.error.agrees")})
    session[f"answer:{dialogue_id}"] = answers
    return redirect(url_for(".check", dialogue_id=dialogue_id))


@blp.get(f"{ONE}/periksa")
@signed_in
def check(dialogue_id):
    """Check your answer before sending it: after this the dialogue is closed."""
    answers = session.get(f"answer:{dialogue_id}")
    if not answers:
        return redirect(url_for(".dialogue", dialogue_id=dialogue_id))
    return render_template("dialogue/check.html", answers=answers, **context(dialogue_id))


@blp.post(f"{ONE}/pengakuan")
@signed_in
def acknowledge(dialogue_id):
    """Send the checked answer: the employee acknowledges the dialogue, which closes it."""
    answers = session.get(f"answer:{dialogue_id}") or {}
    body = {"agrees": answers.get("agrees") != "no", "response": answers.get("response") or None}
    try:
        api().send("feedback", "POST", f"/dialogues/{dialogue_id}/acknowledgement", body)
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        return render_one(dialogue_id, error.status, answer_form=answers,
                          errors=field_messages(error, "dialogue"), refused=refusal(error, "dialogue"))
    session.pop(f"answer:{dialogue_id}", None)
    return redirect(url_for(".acknowledged", dialogue_id=dialogue_id))


@blp.get(f"{ONE}/terkirim")
@signed_in
def acknowledged(dialogue_id):
    """What happens next, once the employee has acknowledged."""
    return render_template("dialogue/acknowledged.html", **context(dialogue_id))


@blp.post(f"{ONE}/jadwal")
@signed_in
def schedule(dialogue_id):
    """The supervisor sets or moves the meeting."""
    form = {name: request.form.get(name, "") for name in ("date", "time", "location")}
    body = {"scheduled_at": local_datetime(form["date"], form["time"]),
            "location": form["location"].strip()}
    try:
        api().send("feedback", "POST", f"/dialogues/{dialogue_id}/schedule", body)
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        return render_one(dialogue_id, error.status, schedule_form=form,
                          errors=field_messages(error, "dialogue", _schedule_field),
                          refused=refusal(error, "dialogue"))
    flash(t("dialogue.flash.scheduled"), "success")
    return redirect(url_for(".dialogue", dialogue_id=dialogue_id))


def _schedule_field(path: str) -> tuple[str, str]:
    """The date and time are typed apart and sent as one ``scheduled_at``: its message goes to
    the date, the first of the two."""
    return ("date", "scheduled_at") if path == "scheduled_at" else (path, path)


@blp.route(f"{ONE}/umpan-balik", methods=["GET", "POST"])
@signed_in
def give_feedback(dialogue_id):
    """The supervisor's feedback per agenda item and a summary; given again, it replaces it."""
    page = context(dialogue_id)
    if request.method == "GET":
        values = feedback_form.values_from(page["dialogue"], page["agenda"])
        return render_template("dialogue/feedback.html", values=values, errors={}, **page)
    values = feedback_form.values_of(request.form, page["agenda"])
    body, order = feedback_form.body_of(values, page["agenda"])
    try:
        api().send("feedback", "POST", f"/dialogues/{dialogue_id}/feedback", body)
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        errors = field_messages(error, "dialogue", feedback_form.placer(order))
        at = feedback_form.domain_field(error.problem)
        if at:
            errors[at] = refusal(error, "dialogue")
        return render_template("dialogue/feedback.html", values=values, errors=errors,
                               refused=refusal(error, "dialogue"), **page), error.status
    flash(t("dialogue.flash.feedback_saved"), "success")
    return redirect(url_for(".dialogue", dialogue_id=dialogue_id))


@blp.get("/umpan-balik")
@signed_in
def notes():
    """Umpan balik: the person's notes, newest first."""
    return notes_pages.notes_page()


@blp.post("/umpan-balik/<note_id>/tanggapan")
@signed_in
def acknowledge_note(note_id):
    """The employee acknowledges one note."""
    return notes_pages.acknowledge(note_id)


@blp.route("/umpan-balik/tulis/<nip>", methods=["GET", "POST"])
@signed_in
def write_note(nip):
    """The supervisor writes a note on one of their reports."""
    return notes_pages.write(nip)
