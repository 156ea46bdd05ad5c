"""Who was given which role, by competency and unit (and its CSV), and a unit's 9-box (Talenta)."""
from __future__ import annotations

from urllib.parse import quote

from flask import Response, g, render_template, request

from services.portal.pages import api, signed_in
from services.portal.texts import language
from services.portal.views.dialogue_support import competency_names
from services.portal.views.talent.common import (
    PERFORMANCE, POTENTIAL, blp, chosen_period, period_ids, readers)
from tools import export_tables, exports
from shared.auth import HR_ADMIN


def unit_choices() -> list[dict]:
    """The agency's units, as the assessment service lists them."""
    return api().get("assessment", "/units")


def chosen_unit(units: list[dict]) -> str:
    """The unit asked for (?unit=), else the first root unit."""
    codes = [u["code"] for u in units]
    wanted = request.args.get("unit", "")
    if wanted in codes:
        return wanted
    roots = [u["code"] for u in units if not u.get("parent_code")]
    return (roots or codes or [""])[0]


def _report_query() -> dict:
    periods, units = period_ids(), unit_choices()
    return {"periods": periods, "period": chosen_period(periods), "units": units,
            "unit": chosen_unit(units)}


def _roles(query: dict) -> dict | None:
    if not (query["period"] and query["unit"]):
        return None
    return api().get("training", f"/units/{quote(query['unit'], safe='')}/roles",
                     period=query["period"])


@blp.get("/peluang/laporan")
@signed_in
@readers
def roles_report():
    """Laporan peran: who was given which role, by competency and unit (with the units below)."""
    query = _report_query()
    return render_template("talent/report.html", report=_roles(query), names=competency_names(),
                           deciding=g.person.role == HR_ADMIN, **query)


@blp.get("/peluang/laporan.csv")
@signed_in
@readers
def roles_csv():
    """Laporan peran as CSV (UTF-8 with a BOM, headers in the reader's language)."""
    query = _report_query()
    report = _roles(query) or {"roles": []}
    names = competency_names()
    table = export_tables.roles_table([{**r, "competency_name": names.get(r["competency"])}
                                 for r in report["roles"]], language())
    name = f"peran-{query['period']}-{query['unit']}.csv".replace('"', "")
    return Response(exports.csv_bytes(table, language()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _grid(query: dict) -> dict | None:
    if not (query["period"] and query["unit"]):
        return None
    return api().get("training", f"/units/{quote(query['unit'], safe='')}/talent",
                     period=query["period"])


@blp.get("/talenta")
@signed_in
@readers
def talent():
    """Talenta: the 9-box of a unit in a period, as a table with the numbers, then the list."""
    query = _report_query()
    grid = _grid(query)
    boxes = {(b["performance"], b["potential"]): b for b in grid["boxes"]} if grid else {}
    return render_template("talent/grid.html", grid=grid, boxes=boxes, rows=PERFORMANCE,
                           columns=POTENTIAL, **query)


@blp.get("/talenta.csv")
@signed_in
@readers
def talent_csv():
    """Talenta as CSV: every placed employee with their box, box 9 first (names per box)."""
    query = _report_query()
    table = export_tables.talent_table(_grid(query) or {}, language())
    name = f"talenta-{query['period']}-{query['unit']}.csv".replace('"', "")
    return Response(exports.csv_bytes(table, language()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
