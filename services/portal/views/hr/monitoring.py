"""Pemantauan: a period's progress by unit as a tree, the people of a unit who have not
submitted (filtered by the side missing, sorted by name or unit; htmx swaps the list, the GET form
works without it), and that list as CSV. Every count and who is missing is the API's."""
from __future__ import annotations

from flask import Response, render_template, request, url_for

from services.portal.pages import api, signed_in
from services.portal.texts import language
from services.portal.views.hr.common import blp, hr_page, open_periods, period, periods
from tools import export_tables, exports

# The filter as the page names it -> the API's ``pending`` (None: everyone in the unit).
SHOW = {"salah-satu": "either", "diri": "self", "atasan": "supervisor", "semua": None}
SORT = {"nama": "name", "unit": "unit"}


@blp.get("/pemantauan", defaults={"period_id": None})
@blp.get("/pemantauan/<period_id>")
@signed_in
@hr_page
def monitoring(period_id):
    """The open period (the newest, or the newest of all) unless one is named."""
    known = periods()
    if period_id is None:
        chosen = (open_periods(known) or known or [None])[0]
        if chosen is None:
            return render_template("hr/monitoring.html", period=None, periods=known)
        period_id = chosen["period_id"]
    found = period(period_id, known)
    progress = api().get("assessment", f"/periods/{period_id}/progress/units")
    return render_template("hr/monitoring.html", period=found, progress=progress,
                           periods=known)


def choices() -> tuple[str, str]:
    """The filter and the order asked for, the first of each when the query names none."""
    show = request.args.get("belum", "salah-satu")
    order = request.args.get("urut", "nama")
    return (show if show in SHOW else "salah-satu"), (order if order in SORT else "nama")


def people(period_id: str, unit: str, show: str, order: str) -> list[dict]:
    """The unit's people (with its sub-units) the API lists for the filter, in the order asked."""
    return api().get_all("assessment", f"/periods/{period_id}/progress", unit=unit,
                         pending=SHOW[show], sort=SORT[order])


@blp.get("/pemantauan/<period_id>/unit/<unit>")
@signed_in
@hr_page
def unit_people(period_id, unit):
    """Drill-down: who in the unit has not submitted, and which side is missing."""
    show, order = choices()
    rows = people(period_id, unit, show, order)
    page = {"period": period(period_id), "show": show, "order": order, "rows": rows,
            "unit": unit, "shows": SHOW, "orders": SORT}
    if request.headers.get("HX-Request") == "true":  # the filter, with JavaScript: the list only
        return render_template("hr/_people.html", **page)
    progress = api().get("assessment", f"/periods/{period_id}/progress/units")
    found = next((u for u in progress["units"] if u["unit_code"] == unit), None)
    return render_template("hr/unit.html", found=found, progress=progress, **page)


@blp.get("/pemantauan/<period_id>/unit/<unit>/belum-menilai.csv")
@signed_in
@hr_page
def unit_csv(period_id, unit):
    """The list as CSV (UTF-8 with a BOM; a cell that could start a formula is text)."""
    show, order = choices()
    table = export_tables.pending_table(people(period_id, unit, show, order), language())
    name = f"belum-menilai-{period_id}-{unit}.csv".replace("/", "-")
    return Response(exports.csv_bytes(table, language()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def unit_url(period_id: str, unit: str, **query) -> str:
    """The drill-down of who in the unit has not submitted; ``query`` its filters and order."""
    return url_for("hr.unit_people", period_id=period_id, unit=unit, **query)
