"""Kelompok rencana suksesi: a unit's succession group in a year (PP 11/2017 Pasal 199), read from
the training service, with what keeps each other employee out of it."""
from __future__ import annotations

from datetime import date
from urllib.parse import quote

from flask import render_template, request

from services.portal.pages import api, signed_in
from services.portal.views.talent.common import blp, readers
from services.portal.views.talent.reports import chosen_unit, unit_choices

FIRST_YEAR = 2020


def _years() -> list[int]:
    return list(range(date.today().year, FIRST_YEAR - 1, -1))


@blp.get("/talenta/suksesi")
@signed_in
@readers
def succession():
    """The group (competencies that fit, 20 JP, at least Baik two years running), then everyone
    else with the criteria they miss, for a unit and the units below it."""
    units, years = unit_choices(), _years()
    unit = chosen_unit(units)
    wanted = request.args.get("tahun", "")
    year = int(wanted) if wanted.isdigit() and int(wanted) in years else years[0]
    found = (api().get("training", f"/units/{quote(unit, safe='')}/succession", year=year)
             if unit else None)
    return render_template("talent/succession.html", found=found, units=units, unit=unit,
                           years=years, year=year)
