"""HR's SIASN exports: a period's periodic performance (``kinerjaperiodik``) and a year's course
records (``kursus``) of a unit and the units below it, in SIASN's field shapes (tools/siasn.py),
as JSON for SIASN's web service or as XLSX/CSV with SIASN's field names as headers."""
from __future__ import annotations

from flask import Response, current_app, request

from services.portal.errors import error_page
from services.portal.pages import api, signed_in, t
from services.portal.texts import language
from services.portal.views.hr.common import blp, hr_page
from services.portal.views.hr.exports import MEDIA, attachment
from tools import exports, siasn


def _format() -> str:
    fmt = request.args.get("format", "json")
    return fmt if fmt in siasn.FORMATS else "json"


def _download(sheet: str, fields: tuple, rows: list[dict], name: str) -> Response:
    fmt = _format()
    if fmt == "json":
        return attachment(siasn.json_bytes(rows), "application/json", name, fmt)
    write = exports.xlsx_bytes if fmt == "xlsx" else exports.csv_bytes
    return attachment(write(siasn.table(sheet, fields, rows), language()), MEDIA[fmt], name, fmt)


@blp.get("/ekspor/siasn/kinerja")
@signed_in
@hr_page
def siasn_kinerja():
    """Periodic performance of everyone of the unit (and below) whose supervisor's assessment is
    submitted in the period, with the appraising official."""
    unit, period_id = request.args.get("unit", "").strip(), request.args.get("periode", "")
    calls = api()
    try:
        rows = siasn.read_kinerja(calls.get, calls.get_all, period_id, unit or None,
                                  current_app.extensions["portal.siasn_codes"])
    except LookupError:
        return error_page(404, "error.not_found", t("hr.siasn.no_period", period=period_id))
    return _download("kinerjaperiodik", siasn.KINERJA_FIELDS, rows,
                     f"siasn-kinerja-{unit or 'instansi'}-{period_id}")


@blp.get("/ekspor/siasn/kursus")
@signed_in
@hr_page
def siasn_kursus():
    """The training completed in the year by everyone of the unit (and below), as course records."""
    unit, year = request.args.get("unit", "").strip(), request.args.get("tahun", "")
    calls = api()
    rows = siasn.read_kursus(calls.get, calls.get_all, unit, year)
    return _download("kursus", siasn.KURSUS_FIELDS, rows, f"siasn-kursus-{unit}-{year}")
