"""Impor katalog: a CSV file of programmes, checked by the training service's dry run
(``POST /imports/programmes/check``: the import's own parser and checks, nothing recorded) and
shown row by row; only then applied, with a second step, by ``POST /imports/programmes``. The file
waits between the two steps in the person's server-side session (``views/csv_import.py``, shared
with HR's employee import)."""
from __future__ import annotations

from flask import redirect, render_template, request, session, url_for

from services.portal.pages import signed_in, t
from services.portal.texts import format_number
from services.portal.views.csv_import import CsvImport
from services.portal.views.training_admin.common import blp, training_admin_page
from tools.apiclient import ApiError

CATALOGUE = CsvImport(
    service="training", path="/imports/programmes", key="ta:import", prefix="ta.import",
    refusals="ta", columns=("code", "title_id", "title_en", "form", "kind", "jp", "competencies",
                            "level_min", "level_max", "provider"))
COLUMNS = CATALOGUE.columns


def _upload(errors: dict | None = None, refused: str | None = None, rows=None, status=200):
    return render_template("training_admin/import.html", errors=errors or {}, refused=refused,
                           rows=rows or [], columns=COLUMNS, **CATALOGUE.words()), status


@blp.route("/katalog/impor", methods=["GET", "POST"])
@signed_in
@training_admin_page
def import_form():
    """The upload; then the check, which the service makes without recording anything."""
    if request.method == "GET":
        return _upload()[0]
    try:
        kept = CATALOGUE.receive()
    except ApiError as error:  # refused as a whole: not CSV, a missing column, not UTF-8
        if error.status not in (415, 422):
            raise
        return _upload(**CATALOGUE.refused(error), status=422)
    if kept is None:
        return _upload({"file": t("ta.import.error.file")}, status=422)
    return redirect(url_for(".import_check"))


@blp.get("/katalog/impor/periksa")
@signed_in
@training_admin_page
def import_check():
    """Periksa impor: what each row would do, and every problem in words (row, column, what is
    wrong); the way to apply it only when the service would take the whole file."""
    stored = CATALOGUE.stored()
    if not stored:
        return redirect(url_for(".import_form"))
    return render_template("training_admin/import_check.html", report=CATALOGUE.check(stored),
                           name=stored["name"], **CATALOGUE.words())


@blp.post("/katalog/impor/terapkan")
@signed_in
@training_admin_page
def import_apply():
    """Terapkan impor: import the checked file; a file the service now refuses is shown again."""
    stored = CATALOGUE.stored()
    if not stored:
        return redirect(url_for(".import_form"))
    try:
        summary = CATALOGUE.apply(stored)
    except ApiError as error:  # the catalogue changed since the check, say
        if error.status != 422:
            raise
        return _upload(**CATALOGUE.refused(error), status=422)
    session["ta:imported"] = {"name": stored["name"], **summary}
    return redirect(url_for(".import_done"))


@blp.get("/katalog/impor/selesai")
@signed_in
@training_admin_page
def import_done():
    """What the import applied, once it is done."""
    summary = session.get("ta:imported")
    if not summary:
        return redirect(url_for(".import_form"))
    return render_template("training_admin/import_done.html", summary=summary,
                           format_number=format_number)
