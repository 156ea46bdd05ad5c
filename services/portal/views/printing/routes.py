"""The printable appraisal form: GET /cetak/<period>/<nip>.pdf for whoever the services let read
that employee (the employee, their supervisor, HR, auditors: a refusal is the 403 page), and
GET /cetak/<period>/unit/<unit>.pdf, a unit's forms as one PDF, for HR."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

from flask import Blueprint, Response, current_app, render_template

from services.portal.errors import error_page
from services.portal.pages import api, signed_in, t
from services.portal.texts import format_datetime
from services.portal.views.hr.common import hr_page
from services.portal.views.printing.gather import Shared, form_of, shared, unit_people
from services.portal.views.printing.pdf import pdf

blp = Blueprint("printing", __name__)
# A unit's forms are read a few employees at a time (each form's own reads run side by side in
# the backend's pool); the layout then runs one form after the other.
_EMPLOYEES_AT_ONCE = ThreadPoolExecutor(max_workers=4, thread_name_prefix="portal-print")


@blp.get("/cetak/<period_id>/<nip>.pdf")
@signed_in
def employee_form(period_id, nip):
    """One employee's form for one period."""
    client = api()
    common = shared(client, period_id)
    form = form_of(client, common, nip)
    name = form["people"]["employee"]["name"]
    return _pdf([form], common, f"{t('print.title')} · {name} · {period_id}",
                f"penilaian-{period_id}-{nip}.pdf")


@blp.get("/cetak/<period_id>/unit/<unit>.pdf")
@signed_in
@hr_page
def unit_forms(period_id, unit):
    """Everyone in the unit and the units below it, by name, each form from a new page."""
    client = api()
    common = shared(client, period_id)
    people = unit_people(client, period_id, unit)
    if not people:
        return error_page(404, "error.not_found", t("print.unit.empty"))
    forms = list(_EMPLOYEES_AT_ONCE.map(lambda row: form_of(client, common, row["nip"]), people))
    unit_name = people[0]["unit_name"] if len({p["unit_code"] for p in people}) == 1 else unit
    return _pdf(forms, common, t("print.unit_title", unit=unit_name or unit, period=period_id),
                f"penilaian-{period_id}-{unit}.pdf")


def _pdf(forms: list[dict], common: Shared, title: str, filename: str) -> Response:
    settings = current_app.extensions["portal.settings"]
    printed = format_datetime(datetime.now(timezone.utc), "long")
    started = time.perf_counter()
    pages = [render_template("print/form.html", f=form, names=common.names, printed=printed,
                             agency=settings.agency_name or form["people"]["agency"]["name"],
                             place=settings.print_place) for form in forms]
    body = pdf(pages, render_template("print/page.css", period_id=common.period["period_id"]),
               title)
    current_app.logger.info("printed %d form(s) in %.2f s", len(forms), time.perf_counter() - started)
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{filename}"',
        "Cache-Control": "no-store"})  # personal data, as every page
