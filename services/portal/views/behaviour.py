"""Perilaku kerja against BerAKHLAK (SE MenPANRB 20/2021): the appraising official's dated notes
per core value on each direct report during the period, the employee's own view of them, and the
summary beside the perilaku rating on the supervisor's assessment page. The pages decide nothing:
who may read or write, the period and the values are the assessment service's, and its refusals
are shown in words."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.assessing.common import open_period
from services.portal.views.dialogue_notes import team as direct_reports
from services.portal.views.dialogue_support import (FIELD_REFUSED, field_messages, localised,
                                                    refusal, today)
from tools.apiclient import ApiError

blp = Blueprint("behaviour", __name__)
FIELDS = ("value", "kind", "observed_on", "text")
# A refusal of a note, and the field it is about.
_NOTE_FIELDS = {"unknown_value": "value", "observed_in_future": "observed_on",
                "observed_before_period": "observed_on"}


def _notes_path(period_id: str, nip: str) -> str:
    return f"/periods/{period_id}/employees/{nip}/behaviour-notes"


def grouped(values: list[dict], notes: list[dict], given: dict | None = None) -> list[dict]:
    """Each value with its notes (newest observation first), their counts by kind and, when
    ``given``, the peer and subordinate input's counts and comments on it."""
    counts = {c["value"]: c for c in (given or {}).get("counts", [])}
    comments = (given or {}).get("comments", [])
    return [{"code": value["code"], "name": localised(value["name"]),
             "behaviours": [localised(b) for b in value["behaviours"]],
             "notes": [n for n in notes if n["value"] == value["code"]],
             "positive": sum(n["value"] == value["code"] and n["kind"] == "positive"
                             for n in notes),
             "to_improve": sum(n["value"] == value["code"] and n["kind"] == "to_improve"
                               for n in notes),
             "input": counts.get(value["code"]),
             "comments": [c for c in comments if c["value"] == value["code"]]}
            for value in values]


@blp.get("/perilaku")
@signed_in
def team():
    """The supervisor's direct reports, each a link to the notes on their behaviour."""
    return render_template("behaviour/team.html", period=open_period(), reports=direct_reports())


def member_page(period_id: str, nip: str, values: dict, errors: dict, refused=None):
    """The member page with the form's values and errors (the notes' or the invitation's)."""
    values_list, found, given = api().read_many([
        ("assessment", "/behaviour/values"), ("assessment", _notes_path(period_id, nip)),
        ("assessment", f"/periods/{period_id}/employees/{nip}/behaviour-input")])
    return render_template("behaviour/member.html", period_id=period_id, found=found,
                           groups=grouped(values_list, found["notes"], given), given=given,
                           values=values, errors=errors, refused=refused,
                           today=today().isoformat())


@blp.route("/perilaku/<period_id>/<nip>", methods=["GET", "POST"])
@signed_in
def member(period_id, nip):
    """The seven values with their behaviours and the notes under each, and the official's form
    for a new note."""
    values = {name: request.form.get(name, "").strip() for name in FIELDS}
    if request.method == "GET":
        return member_page(period_id, nip, values, {})
    errors = {name: t(f"behaviour.error.{name}") for name in FIELDS if not values[name]}
    if errors:
        return member_page(period_id, nip, values, errors), 422
    try:
        api().send("assessment", "POST", _notes_path(period_id, nip), values)
    except ApiError as error:
        if error.status not in (403, 404, 409, FIELD_REFUSED):
            raise
        errors = field_messages(error, "behaviour")
        if error.code in _NOTE_FIELDS:
            errors = {_NOTE_FIELDS[error.code]: refusal(error, "behaviour")}
        return member_page(period_id, nip, values, errors,
                            refusal(error, "behaviour")), error.status
    flash(t("behaviour.flash.noted"), "success")
    return redirect(url_for(".member", period_id=period_id, nip=nip))


@blp.get("/perilaku/<period_id>/<nip>/ringkasan")
@signed_in
def beside(period_id, nip):
    """The counts of notes per value, beside the perilaku rating (a fragment for htmx)."""
    values_list, found, given = api().read_many([
        ("assessment", "/behaviour/values"), ("assessment", _notes_path(period_id, nip)),
        ("assessment", f"/periods/{period_id}/employees/{nip}/behaviour-input")])
    return render_template("behaviour/_summary.html", period_id=period_id, found=found,
                           given=given, groups=grouped(values_list, found["notes"], given))


@blp.get("/perilaku-saya")
@signed_in
def mine():
    """The notes on the person's own behaviour in the open period, when the agency shares them."""
    opened = open_period()
    values_list = api().get("assessment", "/behaviour/values")
    found, hidden, given = None, False, None
    if opened is not None:
        path = f"/periods/{opened['period_id']}/employees/{g.person.nip}"
        given = api().get("assessment", f"{path}/behaviour-input")
        try:
            found = api().get("assessment", f"{path}/behaviour-notes")
        except ApiError as error:
            if error.code != "notes_not_shared":
                raise
            hidden = True
    return render_template("behaviour/mine.html", period=opened, hidden=hidden, given=given,
                           groups=grouped(values_list, (found or {}).get("notes", []), given))
