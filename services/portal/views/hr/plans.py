"""Rencana kinerja pegawai: HR's list of a period's plans (SKP), every employee with their plan's
status, revision, number of RHK and whether each RHK is realised, filtered by unit and status
(a GET form, paged as the API pages), with the counts per status on top; each row opens the plan,
read-only for HR. Every fact is the assessment API's."""
from __future__ import annotations

from flask import render_template, request

from services.portal.pages import api, signed_in
from services.portal.views.hr.common import blp, hr_page, open_periods, period, periods

STATUSES = ("none", "proposed", "returned", "agreed", "revising")
PAGE_SIZE = 25


def _chosen(units: list[dict]) -> dict:
    """The filters asked for; a unit or status the API does not know is left out."""
    unit, status = request.args.get("unit", ""), request.args.get("status", "")
    number = request.args.get("halaman", "1")
    return {"unit": unit if unit in {u["code"] for u in units} else "",
            "status": status if status in STATUSES else "",
            "only": request.args.get("subunit") == "tidak",
            "number": int(number) if number.isdigit() and 0 < int(number) < 100_000 else 1}


@blp.get("/rencana-pegawai", defaults={"period_id": None})
@blp.get("/rencana-pegawai/<period_id>")
@signed_in
@hr_page
def plans(period_id):
    """The open period's plans (the newest open one, or the newest of all) unless one is named."""
    known = periods()
    if period_id is None:
        chosen = (open_periods(known) or known or [None])[0]
        if chosen is None:
            return render_template("hr/plans.html", period=None, periods=known)
        period_id = chosen["period_id"]
    found = period(period_id, known)
    units = api().get("assessment", "/units")
    chosen = _chosen(units)
    scope = {"unit": chosen["unit"] or None,
             "subunits": "false" if chosen["unit"] and chosen["only"] else None}
    rows, paging = api().get_page("assessment", f"/periods/{period_id}/plans",
                                  page=chosen["number"], page_size=PAGE_SIZE,
                                  status=chosen["status"] or None, **scope)
    counts = api().get("assessment", f"/periods/{period_id}/plan-counts", **scope)
    return render_template("hr/plans.html", period=found, periods=known, units=units,
                           chosen=chosen, rows=rows, paging=paging, counts=counts,
                           statuses=STATUSES)
