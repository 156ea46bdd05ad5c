"""Ekspor: a period's results of a unit with its sub-units (one row per employee: self and
supervisor status, predikat, how many competencies self and supervisor were apart) and a year's
20 JP compliance of a whole unit (everyone, met or not), as XLSX or CSV. The rows are the APIs'
answers, made into tables by ``tools/exports.py`` as the CLI's exports are, so that a text that
could start a formula is written as text."""
from __future__ import annotations

from urllib.parse import quote

from flask import Response, render_template, request

from services.portal.pages import api, signed_in
from services.portal.texts import language
from services.portal.views.hr.common import blp, hr_page, open_periods, periods
from tools import export_tables, exports, siasn

MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "csv": "text/csv"}


def _choices() -> dict:
    known = periods()
    units = api().get("assessment", "/units")
    years = sorted({p["period_id"][:4] for p in known}, reverse=True)
    return {"periods": known, "units": units, "years": years,
            "chosen_period": (open_periods(known) or known or [{}])[0].get("period_id"),
            "formats": exports.FORMATS, "siasn_formats": siasn.FORMATS}


@blp.get("/ekspor")
@signed_in
@hr_page
def export_page():
    """The two downloads, each a GET form: what, for which unit and period (or year), which format."""
    return render_template("hr/exports.html", **_choices())


def _asked() -> tuple[str, str]:
    unit = request.args.get("unit", "").strip()
    fmt = request.args.get("format", "xlsx")
    return unit, fmt if fmt in exports.FORMATS else "xlsx"


def _file(table: exports.Table, fmt: str, name: str) -> Response:
    body = (exports.xlsx_bytes if fmt == "xlsx" else exports.csv_bytes)(table, language())
    return attachment(body, MEDIA[fmt], name, fmt)


def attachment(body: bytes, media: str, name: str, extension: str) -> Response:
    """A download named ``name`` (made safe for a file name) with ``extension``."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in name)
    return Response(body, mimetype=media,
                    headers={"Content-Disposition": f'attachment; filename="{safe}.{extension}"'})


@blp.get("/ekspor/hasil")
@signed_in
@hr_page
def export_results():
    """Everyone of the unit and the units below it in the period (``GET /periods/<p>/progress``),
    their positions (``GET /employees``), assessments (``GET /assessments``) and the feedback
    service's latest comparison of each (``GET /reports/comparisons``, one read for the unit),
    read side by side."""
    unit, fmt = _asked()
    period_id = request.args.get("periode", "")
    people = api().get_all("assessment", f"/periods/{period_id}/progress", unit=unit or None)
    units = sorted({p["unit_code"] for p in people})
    compared = f"/reports/comparisons?period={quote(period_id, safe='')}" + (
        f"&unit={quote(unit, safe='')}" if unit else "")
    reads = ([("assessment", f"/employees?unit={u}", True) for u in units]
             + [("assessment", f"/assessments?period={period_id}&unit={u}", True) for u in units]
             + [("feedback", compared)])
    answers = api().read_many(reads, absent=lambda error: error.status == 404)
    employees = [e for found in answers[:len(units)] for e in found or ()]
    assessments = [a for found in answers[len(units):2 * len(units)] for a in found or ()]
    summaries = {s["nip"]: s["discrepancies"] for s in (answers[-1] or {}).get("employees", ())}
    discrepancies = {p["nip"]: summaries.get(p["nip"]) for p in people}
    table = export_tables.results_table(people, employees, assessments, language(), discrepancies)
    return _file(table, fmt, f"hasil-{unit or 'instansi'}-{period_id}")


@blp.get("/ekspor/kepatuhan-jp")
@signed_in
@hr_page
def export_compliance():
    """Everyone of the unit and the units below it, met or not (``everyone=true``), with the
    training assigned to each that year."""
    unit, fmt = _asked()
    year = request.args.get("tahun", "")
    compliance = api().get("training", f"/units/{unit}/compliance", year=year, everyone="true")
    units = sorted({e["unit_code"] for e in compliance["everyone"]})
    found = api().read_many([("training", f"/assignments?unit={u}&year={year}", True)
                             for u in units])
    assignments = [a for answer in found for a in answer]
    table = export_tables.compliance_table(compliance, assignments, language())
    return _file(table, fmt, f"kepatuhan-jp-{unit}-{year}")
