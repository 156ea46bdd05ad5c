"""Impor katalog: a CSV file of programmes, checked by the training service's dry run
(``POST /imports/programmes/check``: the import's own parser and checks, nothing recorded) and
shown row by row; only then applied, with a second step, by ``POST /imports/programmes``. The file
waits between the two steps in the person's server-side session."""
from __future__ import annotations

import re

from flask import current_app, redirect, render_template, request, session, url_for

from services.portal.pages import api, signed_in, t
from services.portal.texts import format_number
from services.portal.views.dialogue_support import refusal
from services.portal.views.training_admin.common import blp, training_admin_page
from shared.apiclient import ApiError

FILE = "ta:import"  # {"name": the file's name, "text": its content} between check and apply
COLUMNS = ("code", "title_id", "title_en", "form", "kind", "jp", "competencies", "level_min",
           "level_max", "provider")
_ALSO_IN_ROW = re.compile(r"row (\d+)")


def problem_words(problem: dict) -> str:
    """One problem of a row in words: the portal's own for its code (and column), else the
    service's message."""
    code, column = problem.get("code") or "", problem.get("column") or ""
    texts = current_app.extensions["portal.texts"]
    for key in (f"ta.import.problem.{code}.{column}", f"ta.import.problem.{code}"):
        if texts.has(key):
            other = _ALSO_IN_ROW.search(problem.get("message") or "")
            return t(key, row=other.group(1) if other else "?")
    return problem.get("message") or code


def column_words(column: str | None) -> str:
    return t(f"ta.import.column.{column}") if column in COLUMNS else t("ta.import.column.file")


def _upload(errors: dict | None = None, refused: str | None = None, rows=None, status=200):
    return render_template("training_admin/import.html", errors=errors or {}, refused=refused,
                           rows=rows or [], columns=COLUMNS, problem_words=problem_words,
                           column_words=column_words), status


@blp.route("/katalog/impor", methods=["GET", "POST"])
@signed_in
@training_admin_page
def import_form():
    """The upload; then the check, which the service makes without recording anything."""
    if request.method == "GET":
        return _upload()[0]
    upload = request.files.get("file")
    content = upload.read() if upload else b""
    if not content:
        return _upload({"file": t("ta.import.error.file")}, status=422)
    try:
        api().upload("training", "/imports/programmes/check", content)
    except ApiError as error:  # refused as a whole: not CSV, a missing column, not UTF-8
        if error.status not in (415, 422):
            raise
        return _upload({"file": refusal_of_file(error)}, refusal(error, "ta"),
                       error.problem.get("rows") or [], 422)
    session[FILE] = {"name": upload.filename or "", "text": content.decode("utf-8")}
    return redirect(url_for(".import_check"))


def refusal_of_file(error: ApiError) -> str:
    missing = error.problem.get("missing")
    if missing:
        return t("ta.import.error.columns", columns=", ".join(missing))
    if error.status == 415:
        return t("ta.import.error.file")
    return error.problem.get("detail") or refusal(error, "ta")


@blp.get("/katalog/impor/periksa")
@signed_in
@training_admin_page
def import_check():
    """Periksa impor: what each row would do, and every problem in words (row, column, what is
    wrong); the way to apply it only when the service would take the whole file."""
    stored = session.get(FILE)
    if not stored:
        return redirect(url_for(".import_form"))
    report = api().upload("training", "/imports/programmes/check", stored["text"].encode("utf-8"))
    return render_template("training_admin/import_check.html", report=report, name=stored["name"],
                           problem_words=problem_words, column_words=column_words)


@blp.post("/katalog/impor/terapkan")
@signed_in
@training_admin_page
def import_apply():
    stored = session.get(FILE)
    if not stored:
        return redirect(url_for(".import_form"))
    try:
        summary = api().upload("training", "/imports/programmes", stored["text"].encode("utf-8"))
    except ApiError as error:  # the catalogue changed since the check, say
        if error.status != 422:
            raise
        return _upload({"file": refusal_of_file(error)}, refusal(error, "ta"),
                       error.problem.get("rows") or [], 422)
    session.pop(FILE, None)
    session["ta:imported"] = {"name": stored["name"], **summary}
    return redirect(url_for(".import_done"))


@blp.get("/katalog/impor/selesai")
@signed_in
@training_admin_page
def import_done():
    summary = session.get("ta:imported")
    if not summary:
        return redirect(url_for(".import_form"))
    return render_template("training_admin/import_done.html", summary=summary,
                           format_number=format_number)
