"""Penugasan: the training assignments by programme, period and status (a GET form that htmx
makes quicker), each with the employee, NIP, unit, competency, status, JP and the reason in words;
and the same list as CSV through tools/exports (a cell that could start a formula is text)."""
from __future__ import annotations

from flask import Response, render_template, request

from services.portal.pages import api, signed_in, t
from services.portal.texts import language
from services.portal.views.dialogue_support import competency_names
from services.portal.views.training_admin.common import blp, titles, training_admin_page
from tools import export_tables, exports

STATUSES = ("assigned", "in_progress", "completed", "cancelled")


def chosen() -> dict[str, str]:
    """The filter as asked: programme (program), period (periode), status; the newest period when
    none is named, so that the first view is one period's work, not every year's."""
    periods = [p["period_id"] for p in api().get("assessment", "/periods")]
    wanted = {"program": request.args.get("program", "").strip(),
              "periode": request.args.get("periode", periods[0] if periods else ""),
              "status": request.args.get("status", "")}
    if wanted["status"] not in STATUSES:
        wanted["status"] = ""
    return {**wanted, "periods": periods}


def rows_for(wanted: dict) -> list[dict]:
    """The assignments the filter asks for, every page of them."""
    return api().get_all("training", "/assignments", programme=wanted["program"] or None,
                         period=wanted["periode"] or None, status=wanted["status"] or None)


def reason_words(a: dict, names: dict[str, str]) -> str:
    """Why the assignment was made, as Pelatihan saya says it."""
    r = a.get("reason") or {}
    gap = r.get("gap") or {}
    code = gap.get("competency") or a["competency"]
    kind = r.get("kind") if r.get("kind") in ("gap", "blind_spot") else "other"
    return t(f"learning.reason.{kind}", code=code, name=names.get(code, ""),
             assessed=gap.get("assessed"), required=gap.get("required"), period=r.get("period_id"))


@blp.get("/penugasan")
@signed_in
@training_admin_page
def assignments():
    """Penugasan: the assignments the filter asks for (htmx gets only the table)."""
    wanted = chosen()
    names = competency_names()
    rows = rows_for(wanted)
    page = {"rows": rows, "wanted": wanted, "statuses": STATUSES, "names": names,
            "titles": titles(), "reason_words": reason_words}
    if request.headers.get("HX-Request") == "true":
        return render_template("training_admin/_assignments.html", **page)
    return render_template("training_admin/assignments.html", **page)


@blp.get("/penugasan.csv")
@signed_in
@training_admin_page
def assignments_csv():
    """The list as CSV (UTF-8 with a BOM, headers in the reader's language)."""
    wanted = chosen()
    names, programme_titles = competency_names(), titles()
    rows = [{**a, "programme_title": programme_titles.get(a["programme_code"]),
             "competency_name": names.get(a["competency"]), "reason_text": reason_words(a, names)}
            for a in rows_for(wanted)]
    table = export_tables.assignments_table(rows, language())
    name = "-".join(["penugasan", *(v for v in (wanted["periode"], wanted["program"],
                                                wanted["status"]) if v)]) + ".csv"
    return Response(exports.csv_bytes(table, language()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name.replace(chr(34), "")}"'})
