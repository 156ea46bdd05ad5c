"""Impor pegawai: a SIASN-style CSV, checked by the assessment service's dry run
(``POST /imports/employees/check``: the import's own parser and checks, nothing recorded) and
shown row by row (new, changed with what changes, unchanged, or its problems); only a file the
service would take as a whole is then applied (``POST /imports/employees``), and the confirmation
gives the counts. The same steps and session handling as the catalogue import
(``views/csv_import.py``)."""
from __future__ import annotations

from flask import redirect, render_template, request, session, url_for

from services.portal.pages import signed_in, t
from services.portal.views.csv_import import CsvImport
from services.portal.views.hr.common import blp, hr_page
from tools.apiclient import ApiError

EMPLOYEES = CsvImport(
    service="assessment", path="/imports/employees", key="hr:import", prefix="hr.import",
    refusals="hr", columns=("NIP_BARU", "NAMA", "JABATAN_ID", "JABATAN_NAMA", "JENJANG_JABATAN",
                            "UNOR_ID", "UNOR_NAMA", "UNOR_INDUK_ID", "NIP_ATASAN"))
DONE = "hr:imported"


def _upload(errors: dict | None = None, refused: str | None = None, rows=None, status=200):
    return render_template("hr/import.html", errors=errors or {}, refused=refused,
                           rows=rows or [], columns=EMPLOYEES.columns, **EMPLOYEES.words()), status


@blp.route("/pegawai/impor", methods=["GET", "POST"])
@signed_in
@hr_page
def import_form():
    """The upload; then the check, which the service makes without recording anything."""
    if request.method == "GET":
        return _upload()[0]
    try:
        kept = EMPLOYEES.receive()
    except ApiError as error:  # refused as a whole: not CSV, a missing column, not UTF-8
        if error.status not in (415, 422):
            raise
        return _upload(**EMPLOYEES.refused(error), status=422)
    if kept is None:
        return _upload({"file": t("hr.import.error.file")}, status=422)
    return redirect(url_for(".import_check"))


@blp.get("/pegawai/impor/periksa")
@signed_in
@hr_page
def import_check():
    """Periksa impor: what each row would do and every problem in words; "Terapkan impor" only
    when the service would take the whole file."""
    stored = EMPLOYEES.stored()
    if not stored:
        return redirect(url_for(".import_form"))
    return render_template("hr/import_check.html", report=EMPLOYEES.check(stored),
                           name=stored["name"], **EMPLOYEES.words())


@blp.post("/pegawai/impor/terapkan")
@signed_in
@hr_page
def import_apply():
    """Terapkan impor: import the checked file; a file the service now refuses is shown again."""
    stored = EMPLOYEES.stored()
    if not stored:
        return redirect(url_for(".import_form"))
    try:
        summary = EMPLOYEES.apply(stored)
    except ApiError as error:  # the registry changed since the check, say
        if error.status != 422:
            raise
        return _upload(**EMPLOYEES.refused(error), status=422)
    session[DONE] = {"name": stored["name"], **summary}
    return redirect(url_for(".import_done"))


@blp.get("/pegawai/impor/selesai")
@signed_in
@hr_page
def import_done():
    """What the import applied, once it is done."""
    summary = session.get(DONE)
    if not summary:
        return redirect(url_for(".import_form"))
    return render_template("hr/import_done.html", summary=summary)
