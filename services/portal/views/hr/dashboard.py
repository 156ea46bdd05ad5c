"""Dasbor: a period's figures for a unit with its sub-units (or the whole agency), each a table
with the same numbers drawn beside it as a chart by static/js/dashboard.js (Chart.js), so that
without JavaScript the tables still say everything:

1. the predikat distribution (assessment ``GET /periods/<p>/predikat``);
2. discrepancies per unit x competency, blind spots and hidden strengths apart (feedback
   ``GET /reports/discrepancies``), as two heat maps: tables whose cells are shaded and numbered;
3. Job-Person Match by unit (training ``GET /reports/jpm``);
4. the 20 JP duty by unit for the period's year (training ``GET /reports/compliance``);
5. dialogues held and overdue by unit (feedback ``GET /reports/dialogue-cadence``).

Every figure is a service's; the portal only orders the rows as the unit tree (assessment
``GET /periods/<p>/progress/units``) and shades the heat maps' cells. What a (period, unit,
language) shows, the answers and the figures rendered from them, is kept a few seconds
(``ASN_PORTAL_DASHBOARD_TTL``, services/portal/shared_reads.py) and shared by everyone allowed to
look; the page says when the answers were read.
"""
from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from flask import current_app, g, render_template, request, url_for
from markupsafe import Markup

from services.portal.errors import error_page
from services.portal.pages import api, signed_in, t
from services.portal.shared_reads import SharedReads
from services.portal.texts import language
from services.portal.views.hr.common import blp, open_periods, periods
from tools.apiclient import ApiError
from shared.auth import AUDITOR, HR_ADMIN

READERS = (HR_ADMIN, AUDITOR)  # the services let both read every figure here
# A heat map cell's shade by the share of the ratings compared there: upper bounds of shades 1-3,
# anything above the last is shade 4; 0 discrepancies is shade 0. The number is in the cell too.
SHADES = (0.10, 0.25, 0.50)


def dashboard_page(view):
    """For a person acting as BKPSDM or auditor (after ``signed_in``); others get the 403 page."""
    @wraps(view)
    def guarded(*args, **kwargs):
        if g.person.role not in READERS:
            held = any(role in g.person.roles for role in READERS)
            return error_page(403, "error.forbidden", t("hr.switch_role") if held else None)
        return view(*args, **kwargs)
    return guarded


@blp.record_once
def _keep_figures(state) -> None:
    """Each app's shared memory of the figures, as long as its settings say (per process)."""
    settings = state.app.extensions.get("portal.settings")
    state.app.extensions["portal.dashboard_reads"] = SharedReads(
        settings.dashboard_ttl if settings is not None else 0)


@blp.get("/dasbor")
@signed_in
@dashboard_page
def dashboard():
    """The chosen period (the open one, else the newest) and unit (else the whole agency). Only
    after the access check: what the page shows for that choice and language, read and rendered
    now or up to ``ASN_PORTAL_DASHBOARD_TTL`` seconds ago, with the time it was read."""
    asked_period = request.args.get("periode", "").strip()
    asked_unit = request.args.get("unit", "").strip() or None
    taken, shown = current_app.extensions["portal.dashboard_reads"].get(
        (asked_period, asked_unit, language()), lambda: _prepare(asked_period, asked_unit))
    errors: dict[str, str] = {}
    if shown["period"] is None and asked_period:
        errors["periode"] = t("hr.dashboard.error.period", period=asked_period)
    elif shown["period"] is not None and asked_unit is not None and shown["scope"] is None:
        errors["unit"] = t("hr.dashboard.error.unit", unit=asked_unit)
    page = {**shown, "unit": asked_unit, "errors": errors, "taken": taken}
    if errors:
        page["figures"] = None
    if request.headers.get("HX-Request") == "true" and not errors:  # the figures only
        return render_template("hr/_dashboard.html", **page), 200
    return render_template("hr/dashboard.html", **page), 400 if errors else 200


def _prepare(asked_period: str, unit: str | None) -> dict:
    """The periods, the one chosen (None if the asked one is unknown), its unit tree, the scope
    (None if the unit is not in it) and the figures rendered: all the same for every reader."""
    known = periods()
    chosen = (next((p for p in known if p["period_id"] == asked_period), None) if asked_period
              else (open_periods(known) or known or [None])[0])
    shown = {"periods": known, "period": chosen, "units": [], "scope": None, "figures": None}
    if chosen is None:
        return shown
    reads = _read(chosen, unit)
    scope = _scope(reads["tree"], unit)
    figures = scope and Markup(render_template(
        "hr/_dashboard_figures.html", period=chosen, scope=scope, figures=_figures(reads, scope)))
    return {**shown, "units": reads["tree"]["units"], "scope": scope, "figures": figures}


def _query(**values) -> str:
    return urlencode({k: v for k, v in values.items() if v is not None})


def _read(period: dict, unit: str | None) -> dict:
    """Every figure's read side by side; a unit the services do not know reads as nothing (the
    unit tree then says it is unknown)."""
    pid = period["period_id"]
    calls = {
        "tree": ("assessment", f"/periods/{pid}/progress/units"),
        "competencies": ("assessment", "/competencies"),
        "predikat": ("assessment", f"/periods/{pid}/predikat?{_query(unit=unit)}"),
        "discrepancies": ("feedback", f"/reports/discrepancies?{_query(period=pid, unit=unit)}"),
        "cadence": ("feedback", f"/reports/dialogue-cadence?{_query(period=pid, unit=unit)}"),
        "jpm": ("training", f"/reports/jpm?{_query(period=pid, unit=unit)}"),
        "compliance": ("training",
                       f"/reports/compliance?{_query(year=period['year'], unit=unit)}"),
    }
    answers = api().read_many(list(calls.values()), absent=_unknown)
    return dict(zip(calls, answers))


def _unknown(error: ApiError) -> bool:
    """A unit or period a service does not know (yet), or a unit code it cannot read."""
    return error.status in (404, 422)


def _scope(tree: dict, unit: str | None) -> dict | None:
    """The units shown, in the tree's order (depth first), each with its depth below the chosen
    unit; None when the unit is not in the tree."""
    units = tree["units"]
    if unit is None:
        return {"unit": None, "name": None, "units": [{**u, "level": u["depth"]} for u in units]}
    start = next((i for i, u in enumerate(units) if u["unit_code"] == unit), None)
    if start is None:
        return None
    top = units[start]["depth"]
    below = [units[start]]
    for u in units[start + 1:]:
        if u["depth"] <= top:
            break
        below.append(u)
    return {"unit": unit, "name": units[start]["name"],
            "units": [{**u, "level": u["depth"] - top} for u in below]}


def _in_tree_order(rows: list[dict] | None, scope: dict) -> list[dict]:
    """A report's rows by unit in the tree's order, with the unit's name and depth below the
    chosen unit; a row of a unit the tree does not know comes last, under its code."""
    by_code = {r["unit_code"]: r for r in rows or []}
    names = {u["unit_code"]: u["name"] for u in scope["units"]}
    ordered = [{**by_code.pop(u["unit_code"]), "name": u["name"], "level": u["level"],
                "parent_name": names.get(u["parent_code"], u["parent_code"])}
               for u in scope["units"] if u["unit_code"] in by_code]
    return ordered + [{**r, "name": r.get("name") or r.get("unit_name") or r["unit_code"],
                       "level": 0} for r in by_code.values()]


def _shade(count: int, compared: int) -> int:
    if not count or not compared:
        return 0
    share = count / compared
    return next((i + 1 for i, bound in enumerate(SHADES) if share <= bound), len(SHADES) + 1)


def _heat(report: dict | None, scope: dict, competencies: list[dict] | None) -> dict | None:
    """The discrepancy report as two maps (blind spots, hidden strengths): units x competencies,
    each cell the API's count out of the ratings compared there, and its shade."""
    if report is None:
        return None
    names = {c["code"]: c["name"] for c in competencies or []}
    columns = [{"code": c["competency"], "name": names.get(c["competency"], {})}
               for c in report["by_competency"]]
    cells = {(c["unit_code"], c["competency"]): c for c in report["cells"]}
    rows = _in_tree_order(report["by_unit"], scope)
    maps = {}
    for kind in ("blind_spots", "hidden_strengths"):
        maps[kind] = {
            "rows": [{**row, "total": {"count": row[kind], "compared": row["compared"],
                                       "shade": _shade(row[kind], row["compared"])},
                      "cells": [_cell(cells.get((row["unit_code"], col["code"])), kind)
                                for col in columns]} for row in rows],
            "by_competency": [_cell(c, kind) for c in report["by_competency"]],
            "total": _cell(report["totals"], kind)}
    return {"report": report, "columns": columns, "maps": maps}


def _cell(found: dict | None, kind: str) -> dict:
    if found is None:
        return {"count": None, "compared": 0, "shade": 0}
    return {"count": found[kind], "compared": found["compared"],
            "shade": _shade(found[kind], found["compared"])}


def _figures(reads: dict, scope: dict) -> dict:
    jpm, compliance, cadence = reads["jpm"], reads["compliance"], reads["cadence"]
    return {
        "predikat": reads["predikat"],
        "heat": _heat(reads["discrepancies"], scope, reads["competencies"]),
        "jpm": jpm and {**jpm, "rows": _in_tree_order(jpm["units"], scope)},
        "compliance": compliance and {**compliance,
                                      "rows": _in_tree_order(compliance["units"], scope)},
        "cadence": cadence and {**cadence, "rows": _in_tree_order(cadence["units"], scope)},
    }


def dashboard_url(period_id: str | None = None, unit: str | None = None) -> str:
    """The dashboard's address for a period and a unit (the defaults when None)."""
    return url_for("hr.dashboard", periode=period_id, unit=unit)
