"""Umpan balik berkelanjutan: the employee's notes from their supervisor, acknowledged one by one,
and the supervisor's page for writing a note to one of their direct reports."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for

from services.portal.pages import api, t
from services.portal.views.dialogue_support import (
    FIELD_REFUSED, competency_names, field_messages, refusal)
from tools.apiclient import ApiError

# A rule's refusal of a note, and the field it is about.
_NOTE_FIELDS = {"missing_text": "text", "phrase_of_other_competency": "phrase_code",
                "unknown_phrase": "phrase_code", "not_in_dictionary": "competency"}


def team() -> list[dict]:
    """The supervisor's direct reports (from the assessment service's GET /me)."""
    if not session.get("supervises"):
        return []
    return api().get("assessment", "/me")["direct_reports"]


def notes_page(status: int = 200, **state):
    """The person's notes, newest first, each open one with its acknowledgement form."""
    return render_template("dialogue/notes.html", notes=api().get("feedback", "/me/notes"),
                           names=competency_names(), team=team(),
                           forms=state.get("forms", {}), errors=state.get("errors", {}),
                           refused=state.get("refused")), status


def acknowledge(note_id: str):
    """The employee acknowledges one note, agreeing or not, with an optional response."""
    answers = {"agrees": request.form.get("agrees", ""), "response": request.form.get("response", "")}
    if answers["agrees"] not in ("yes", "no"):  # the service would take silence as agreement
        return notes_page(422, forms={note_id: answers},
                          errors={note_id: {f"agrees-{note_id}": t("dialogue.error.agrees")}})
    body = {"agrees": answers["agrees"] == "yes", "response": answers["response"].strip() or None}
    try:
        api().send("feedback", "POST", f"/notes/{note_id}/acknowledgement", body)
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        return notes_page(error.status, forms={note_id: answers}, errors={note_id: field_messages(
            error, "dialogue", lambda path: (f"{path}-{note_id}", path))},
                          refused=refusal(error, "dialogue"))
    flash(t("dialogue.flash.note_acknowledged"), "success")
    return redirect(url_for("dialogue.notes", _anchor=f"note-{note_id}"))


def _report(nip: str) -> dict:
    """The report's name, when they are one of the supervisor's (else the service refuses)."""
    return next((r for r in team() if r["nip"] == nip), {"nip": nip, "name": nip})


def write(nip: str):
    """The supervisor writes a note on a competency, in their own words or from the library."""
    written = api().get("feedback", f"/employees/{nip}/notes")  # 403 unless theirs to see
    page = {"report": _report(nip), "written": written, "names": competency_names(),
            "phrases": api().get("feedback", "/phrases")}
    if request.method == "GET":
        return render_template("dialogue/write.html", values={}, errors={}, **page)
    values = {name: request.form.get(name, "") for name in
              ("competency", "tone", "text", "phrase_code")}
    body = {"competency": values["competency"], "tone": values["tone"],
            "text": values["text"].strip() or None, "phrase_code": values["phrase_code"] or None}
    try:
        api().send("feedback", "POST", f"/employees/{nip}/notes", body)
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        errors = field_messages(error, "dialogue.note")
        if error.code in _NOTE_FIELDS:
            errors[_NOTE_FIELDS[error.code]] = refusal(error, "dialogue")
        return render_template("dialogue/write.html", values=values, errors=errors,
                               refused=refusal(error, "dialogue"), **page), error.status
    flash(t("dialogue.flash.note_written"), "success")
    return redirect(url_for("dialogue.write_note", nip=nip))
