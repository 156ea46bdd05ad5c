"""Periode penilaian: the periods with their progress, opening one (form, check, confirmation)
and closing one (a page that says what closing means, then the confirmation)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for

from services.portal.pages import api, signed_in, t
from services.portal.texts import format_date, format_number
from services.portal.views.dialogue_support import FIELD_REFUSED, field_messages, refusal, today
from services.portal.views.hr.common import blp, hr_page, open_periods, period, periods, progress_of
from services.portal.views.hr.curve import blocking_units
from tools.apiclient import ApiError

FIELDS = ("kind", "year", "quarter", "month")
DRAFT = "hr:new_period"  # the form's answers between the form and the check page


@blp.get("/periode")
@signed_in
@hr_page
def list_periods():
    """Every period, newest first, with how far each one is."""
    known = periods()
    return render_template("hr/periods.html", periods=known,
                           progress=progress_of([p["period_id"] for p in known]))


@blp.route("/periode/baru", methods=["GET", "POST"])
@signed_in
@hr_page
def new_period():
    """The form: kind (those the agency's period rules use), year, quarter and month, as the API
    takes them; then the check page."""
    if request.method == "GET":
        kinds = period_kinds()
        values = session.get(DRAFT) or {"kind": kinds[0], "year": str(today().year),
                                        "quarter": "", "month": ""}
        return render_template("hr/new_period.html", values=values, errors={}, kinds=kinds)
    session[DRAFT] = {name: request.form.get(name, "").strip() for name in FIELDS}
    return redirect(url_for(".check_period"))


@blp.get("/periode/baru/periksa")
@signed_in
@hr_page
def check_period():
    """Periksa sebelum membuka: what will be opened and what opening means."""
    values = session.get(DRAFT)
    if not values:
        return redirect(url_for(".new_period"))
    return render_template("hr/check_period.html", values=values)


@blp.post("/periode/baru/buka")
@signed_in
@hr_page
def open_period():
    """Open the period; a refusal goes back to the form, at its field and in the summary."""
    values = session.get(DRAFT)
    if not values:
        return redirect(url_for(".new_period"))
    try:
        opened = api().send("assessment", "POST", "/periods", body_of(values))
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        return render_template("hr/new_period.html", values=values, kinds=period_kinds(),
                               errors=period_errors(error, values),
                               refused=refusal(error, "hr")), error.status
    session.pop(DRAFT, None)
    return redirect(url_for(".opened", period_id=opened["period_id"]))


def period_kinds() -> list[str]:
    """The kinds of period the agency's period rules let HR open: periodic first, then annual."""
    rules = api().get("assessment", "/period-rules")
    return [kind for kind in ("monthly", "quarterly") if kind in rules["periodic"]] + (
        ["annual"] if rules["annual"] else [])


def body_of(values: dict) -> dict:
    """The API's body: the year, quarter and month as numbers when they are digits, as typed
    otherwise (so that the service refuses them and says why)."""
    def number(text: str):
        return int(text) if text.isdigit() else (text or None)
    return {"kind": values["kind"] or None, "year": number(values["year"]),
            "quarter": number(values["quarter"]), "month": number(values.get("month", ""))}


def period_errors(error: ApiError, values: dict) -> dict[str, str]:
    """The refusal at its field: the schema's fields, a quarter or month that does not fit the
    kind, a kind the agency does not use, or a period that was opened before (at the year)."""
    errors = field_messages(error, "hr.period")
    kind = values["kind"] or "quarterly"
    if error.code == "bad_period":
        field = "month" if kind == "monthly" or values.get("month") else "quarter"
        errors[field] = t(f"hr.period.error.{field}_{kind}")
    elif error.code == "period_kind_not_used":
        errors["kind"] = t("hr.period.error.kind_not_used")
    elif error.code == "period_exists":
        errors["year"] = refusal(error, "hr")
    return errors


@blp.get("/periode/<period_id>/dibuka")
@signed_in
@hr_page
def opened(period_id):
    """The confirmation: the period's dates and what happens next."""
    return render_template("hr/opened.html", period=period(period_id))


@blp.route("/periode/<period_id>/tutup", methods=["GET", "POST"])
@signed_in
@hr_page
def close_period(period_id):
    """What closing means, with how far the period is; then close it."""
    found = period(period_id)
    if request.method == "POST":
        try:
            api().send("assessment", "POST", f"/periods/{period_id}/close")
        except ApiError as error:
            if error.status != 409:
                raise
            return render_template("hr/close_period.html", period=found,
                                   progress=progress_of([period_id])[period_id],
                                   blocking=blocking_units(period_id),
                                   refused=refusal(error, "hr")), 409
        flash(t("hr.flash.closed", period=period_id), "success")
        return redirect(url_for(".list_periods"))
    return render_template("hr/close_period.html", period=found,
                           progress=progress_of([period_id])[period_id],
                           blocking=blocking_units(period_id) if found["status"] == "open" else [])


def home_tasks() -> list[dict]:
    """HR's first tasks on Beranda, from the same reads as these pages: each open period with
    how many have assessed themselves and been assessed, or the way to open one."""
    known = periods()
    opened = open_periods(known)
    progress = progress_of([p["period_id"] for p in opened])
    found = []
    for p in opened:
        counts = progress[p["period_id"]]
        found.append({"key": "home.task.hr_period", "url": url_for(
            "hr.monitoring", period_id=p["period_id"]), "values": {
            "period": p["period_id"], "ends": format_date(p["ends_on"]),
            **{name: format_number(counts[key]) for name, key in (
                ("done", "self_submitted"), ("total", "employees"),
                ("assessed", "supervisor_submitted"), ("expected", "supervisor_expected"))}}})
        if p["ends_on"] < today().isoformat():
            found.append({"key": "home.task.hr_period_ended", "url": url_for(
                "hr.close_period", period_id=p["period_id"]), "values": {"period": p["period_id"]}})
    if not opened:
        found.append({"key": "home.task.hr_no_period", "url": url_for("hr.new_period"),
                      "values": {}})
    return found + overdue_objections()


def overdue_objections() -> list[dict]:
    """HR's Beranda task while objections wait for a decision past their deadline (the
    objection projection's ``decide_by``): how many, the oldest deadline, and the list."""
    overdue = api().get("assessment", "/objections", status="overdue")
    if not overdue:
        return []
    return [{"key": "home.task.hr_objections_overdue", "url": url_for("objection.hr_list"),
             "values": {"count": format_number(len(overdue)),
                        "since": format_date(min(o["decide_by"] for o in overdue))}}]
