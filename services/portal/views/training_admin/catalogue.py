"""Katalog pelatihan: the programmes, filtered by competency, form and status (a GET form that
htmx makes quicker); creating or editing one (the form, a check page, a confirmation); retiring
one is in retiring.py. Every rule is the training service's: its refusals come back at their
fields and in the error summary, with the typing kept."""
from __future__ import annotations

from urllib.parse import quote

from flask import redirect, render_template, request, session, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, field_messages, refusal
from services.portal.views.training_admin.common import (
    STATUSES, blp, competencies, kinds, programmes, training_admin_page)
from tools.apiclient import ApiError
from services.training.contract import FORMS

TEXT_FIELDS = ("code", "title_id", "title_en", "form", "kind", "jp", "level_min", "level_max",
               "provider")
# The API's field path -> the form's field (title is nested, a list's items are numbered).
PLACES = {"title.id": "title_id", "title.en": "title_en"}
# A refusal by its code -> the field it is about.
CODE_FIELDS = {"kind_not_of_form": "kind", "bad_level_range": "level_min",
               "programme_duplicate_competency": "competencies"}


def _place(path: str) -> tuple[str, str]:
    field = PLACES.get(path) or path.split(".")[0]
    return field, field


def path_of(code: str) -> str:
    """The training service's path of one programme."""
    return f"/programmes/{quote(code, safe='')}"


# --- the list ----------------------------------------------------------------------------------

def filters() -> dict[str, str]:
    """The filter as asked (kompetensi, bentuk, status), each only when it is one the page offers."""
    chosen = {"kompetensi": request.args.get("kompetensi", "").strip(),
              "bentuk": request.args.get("bentuk", ""), "status": request.args.get("status", "")}
    if chosen["bentuk"] not in FORMS:
        chosen["bentuk"] = ""
    if chosen["status"] not in STATUSES:
        chosen["status"] = ""
    return chosen


@blp.get("/katalog")
@signed_in
@training_admin_page
def catalogue():
    """Katalog pelatihan: the programmes the filter asks for (htmx gets only the list)."""
    chosen = filters()
    found = programmes(competency=chosen["kompetensi"] or None, form=chosen["bentuk"] or None,
                       status=chosen["status"] or None)
    page = {"programmes": found, "chosen": chosen, "forms": FORMS, "statuses": STATUSES,
            "names": {c["code"]: c["name_text"] for c in competencies()}}
    if request.headers.get("HX-Request") == "true":  # the filter, with JavaScript: the list only
        return render_template("training_admin/_programmes.html", **page)
    return render_template("training_admin/catalogue.html", **page)


# --- create and edit ---------------------------------------------------------------------------

def _draft_key(code: str | None) -> str:
    return f"ta:programme:{code or ''}"


def values_of(programme: dict) -> dict:
    """A programme as the form shows it."""
    return {"code": programme["code"], "title_id": programme["title"]["id"],
            "title_en": programme["title"]["en"], "form": programme["form"],
            "kind": programme["kind"], "jp": str(programme["jp"]),
            "level_min": str(programme["level_min"]), "level_max": str(programme["level_max"]),
            "provider": programme["provider"], "competencies": list(programme["competencies"])}


def typed() -> dict:
    """The programme form as typed (texts trimmed), with the competencies ticked."""
    values = {name: request.form.get(name, "").strip() for name in TEXT_FIELDS}
    values["competencies"] = request.form.getlist("competencies")
    return values


def body_of(values: dict) -> dict:
    """The API's body: numbers as numbers when they are digits, as typed otherwise (so that the
    service refuses them and says why)."""
    def number(text: str):
        return int(text) if text.isascii() and text.isdigit() else (text or None)
    return {"title": {"id": values["title_id"], "en": values["title_en"]},
            "form": values["form"] or None, "kind": values["kind"] or None,
            "jp": number(values["jp"]), "competencies": values["competencies"],
            "level_min": number(values["level_min"]), "level_max": number(values["level_max"]),
            "provider": values["provider"]}


def _form(values: dict, errors: dict, editing: str | None, status: int = 200, refused=None):
    return render_template("training_admin/programme_form.html", values=values, errors=errors,
                           editing=editing, refused=refused, forms=FORMS, kinds=kinds(),
                           competencies=competencies(), levels=range(1, 6)), status


@blp.route("/katalog/baru", methods=["GET", "POST"], defaults={"code": None})
@blp.route("/katalog/<code>/ubah", methods=["GET", "POST"])
@signed_in
@training_admin_page
def programme_form(code):
    """The form with the API's fields; then the check page. The code of a new programme is asked
    for here (it is part of the address the API is called at)."""
    current = api().get("training", path_of(code)) if code else None  # 404 for an unknown one
    if request.method == "GET":
        values = session.get(_draft_key(code)) or (values_of(current) if current else {
            "form": "klasikal", "competencies": [], "level_min": "1", "level_max": "3"})
        return _form(values, {}, code)[0]
    values = typed()
    if code:
        values["code"] = code
    if not values["code"]:
        return _form(values, {"code": t("ta.programme.error.code")}, code, 422)
    session[_draft_key(code)] = values
    return redirect(url_for(".check_programme", code=code) if code
                    else url_for(".check_new_programme"))


@blp.get("/katalog/baru/periksa", defaults={"code": None}, endpoint="check_new_programme")
@blp.get("/katalog/<code>/ubah/periksa")
@signed_in
@training_admin_page
def check_programme(code):
    """Periksa sebelum menyimpan: every answer with a way back, and what saving does. A new code
    that the catalogue has already is named, since saving replaces that programme."""
    values = session.get(_draft_key(code))
    if not values:
        return redirect(url_for(".programme_form", code=code))
    existing = None
    if not code:
        try:
            existing = api().get("training", path_of(values["code"]))
        except ApiError as error:
            if error.status not in (404, 405):
                raise
    names = {c["code"]: c["name_text"] for c in competencies()}
    return render_template("training_admin/programme_check.html", values=values, editing=code,
                           existing=existing, names=names)


@blp.post("/katalog/baru/simpan", defaults={"code": None}, endpoint="save_new_programme")
@blp.post("/katalog/<code>/ubah/simpan")
@signed_in
@training_admin_page
def save_programme(code):
    """Save the checked programme (PUT); a refusal shows the form again with its messages."""
    values = session.get(_draft_key(code))
    if not values:
        return redirect(url_for(".programme_form", code=code))
    try:
        saved = api().send("training", "PUT", path_of(values["code"]), body_of(values))
    except ApiError as error:
        if error.status not in (404, 405, FIELD_REFUSED):
            raise
        errors = field_messages(error, "ta.programme", _place)
        if error.code in CODE_FIELDS:
            errors[CODE_FIELDS[error.code]] = refusal(error, "ta")
        elif error.status in (404, 405) or not errors:  # a code the address cannot carry
            errors["code"] = t("ta.programme.error.code")
        return _form(values, errors, code, 422, refusal(error, "ta"))
    session.pop(_draft_key(code), None)
    return redirect(url_for(".programme_saved", code=saved["code"], baru=None if code else "1"))


@blp.get("/katalog/<code>/tersimpan")
@signed_in
@training_admin_page
def programme_saved(code):
    """The confirmation: what was saved and what happens next."""
    found = api().get("training", path_of(code))
    return render_template("training_admin/programme_saved.html", programme=found,
                           created=request.args.get("baru") == "1")
