"""Strengths put to use and the talent view. The supervisor (Peluang tim) and HR (Peluang dan
peran) see the open development opportunities and assign a role (the form, a check page, a
confirmation); HR reads who was given which role by competency and unit (and its CSV), and the
9-box of a unit (Talenta). Who may decide, and where each person is placed, is the training
service's: the portal shows its answers and its refusals."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, g, redirect, render_template, request, session, url_for

from services.portal.errors import error_page
from services.portal.pages import api, signed_in, t
from services.portal.texts import language
from services.portal.views.dialogue_support import (
    FIELD_REFUSED, competency_names, field_messages, localised, refusal)
from tools import exports
from tools.apiclient import ApiError
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN

blp = Blueprint("talent", __name__)
ONE = "/peluang/<nip>/<period_id>/<competency>"
FIELDS = ("role", "starts_on", "programme_code", "note")
PERFORMANCE = ("above", "meets", "below")  # the grid's rows, top down
POTENTIAL = ("low", "medium", "high")      # its columns, left to right


def api_path(nip: str, period_id: str, competency: str) -> str:
    return "/opportunities/" + "/".join(quote(v, safe="") for v in (nip, period_id, competency))


def hr_only(view):
    """A page for a person acting as BKPSDM (after ``signed_in``); anyone else gets the 403 page."""
    def guarded(*args, **kwargs):
        if g.person.role != HR_ADMIN:
            hint = t("hr.switch_role") if HR_ADMIN in g.person.roles else None
            return error_page(403, "error.forbidden", hint)
        return view(*args, **kwargs)
    guarded.__name__ = view.__name__
    return guarded


def readers(view):
    """The reports (roles and the 9-box): BKPSDM, or an auditor reading only; anyone else gets
    the 403 page (someone holding either role but acting otherwise is told to switch)."""
    def guarded(*args, **kwargs):
        if g.person.role not in (HR_ADMIN, AUDITOR):
            hint = t("hr.switch_role") if HR_ADMIN in g.person.roles else (
                t("audit.switch_role") if AUDITOR in g.person.roles else None)
            return error_page(403, "error.forbidden", hint)
        return view(*args, **kwargs)
    guarded.__name__ = view.__name__
    return guarded


def deciders(view):
    """The assignment pages: HR, or an employee who supervises someone (the service decides
    whether it is this employee's supervisor)."""
    def guarded(*args, **kwargs):
        if g.person.role != HR_ADMIN and not (g.person.role == EMPLOYEE
                                              and session.get("supervises")):
            return error_page(403, "error.forbidden")
        return view(*args, **kwargs)
    guarded.__name__ = view.__name__
    return guarded


def back_url() -> str:
    return url_for(".opportunities") if g.person.role == HR_ADMIN else url_for(".team")


# --- the lists ---------------------------------------------------------------------------------

@blp.get("/tim/peluang")
@signed_in
def team():
    """Peluang tim: the opportunities of the supervisor's direct reports, open ones first."""
    if g.person.role != EMPLOYEE:
        return error_page(403, "error.forbidden")
    rows = api().get("training", "/me/reports/opportunities")
    return render_template("talent/team.html", rows=rows, names=competency_names(),
                           localised=localised, path_of=_keys)


def _keys(o: dict) -> dict:
    return {"nip": o["nip"], "period_id": o["period_id"], "competency": o["competency"]}


def _periods() -> list[str]:
    return [p["period_id"] for p in api().get("assessment", "/periods")]


def _chosen_period(periods: list[str]) -> str:
    wanted = request.args.get("periode", "")
    return wanted if wanted in periods else (periods[0] if periods else "")


@blp.get("/peluang")
@signed_in
@hr_only
def opportunities():
    """Peluang dan peran: a period's open opportunities in the agency, each to assign."""
    periods = _periods()
    period = _chosen_period(periods)
    rows = api().get_all("training", "/opportunities", period=period or None, status="open") \
        if period else []
    return render_template("talent/opportunities.html", rows=rows, periods=periods, period=period,
                           names=competency_names(), localised=localised, path_of=_keys)


# --- assigning a role --------------------------------------------------------------------------

def _draft(nip: str, period_id: str, competency: str) -> str:
    return f"talent:assign:{nip}:{period_id}:{competency}"


def _context(nip: str, period_id: str, competency: str) -> dict:
    """The opportunity (the service's 404 or 403 when it is unknown or not the caller's to see)
    and the active programmes for its competency."""
    found, programmes = api().read_many([
        ("training", api_path(nip, period_id, competency)),
        ("training", f"/programmes?competency={quote(competency, safe='')}&status=active")])
    return {"o": found, "programmes": {p["code"]: localised(p["title"]) for p in programmes},
            "names": competency_names(), "localised": localised, "back": back_url(),
            "keys": _keys(found)}


def _form(page: dict, values: dict, errors: dict, status: int = 200, refused=None):
    return render_template("talent/assign.html", values=values, errors=errors, refused=refused,
                           **page), status


@blp.route(f"{ONE}/tetapkan", methods=["GET", "POST"])
@signed_in
@deciders
def assign(nip, period_id, competency):
    """The role (the suggestion to keep or edit), from when, a programme and a note; then the
    check page. A blank role or date is asked for again here (the service refuses them too)."""
    page = _context(nip, period_id, competency)
    if page["o"]["status"] != "open":
        return _form(page, {}, {}, 409, t("talent.refusal.opportunity_" + page["o"]["status"]))
    key = _draft(nip, period_id, competency)
    if request.method == "GET":
        values = session.get(key) or {"role": localised(page["o"]["suggestion"])}
        return _form(page, values, {})[0]
    values = {name: request.form.get(name, "").strip() for name in FIELDS}
    errors = {name: t(f"talent.error.{name}") for name in ("role", "starts_on")
              if not values[name]}
    if values["programme_code"] and values["programme_code"] not in page["programmes"]:
        errors["programme_code"] = t("talent.error.programme_code")
    if errors:
        return _form(page, values, errors, 422)
    session[key] = values
    return redirect(url_for(".assign_check", **page["keys"]))


@blp.get(f"{ONE}/tetapkan/periksa")
@signed_in
@deciders
def assign_check(nip, period_id, competency):
    values = session.get(_draft(nip, period_id, competency))
    if not values:
        return redirect(url_for(".assign", nip=nip, period_id=period_id, competency=competency))
    return render_template("talent/assign_check.html", values=values,
                           **_context(nip, period_id, competency))


# The service's field -> the form's.
def _place(path: str) -> tuple[str, str]:
    field = path.split(".")[0]
    return field, field


@blp.post(f"{ONE}/tetapkan/kirim")
@signed_in
@deciders
def assign_send(nip, period_id, competency):
    key = _draft(nip, period_id, competency)
    values = session.get(key)
    if not values:
        return redirect(url_for(".assign", nip=nip, period_id=period_id, competency=competency))
    body = {"role": values["role"], "starts_on": values["starts_on"]}
    body.update({name: values[name] for name in ("programme_code", "note") if values.get(name)})
    try:
        api().send("training", "POST", f"{api_path(nip, period_id, competency)}/assignment", body)
    except ApiError as error:
        if error.status not in (403, 404, 409, FIELD_REFUSED):
            raise
        page = _context(nip, period_id, competency)
        return _form(page, values, field_messages(error, "talent", _place), error.status,
                     refusal(error, "talent"))
    session.pop(key, None)
    return redirect(url_for(".assigned", nip=nip, period_id=period_id, competency=competency))


@blp.get(f"{ONE}/ditetapkan")
@signed_in
@deciders
def assigned(nip, period_id, competency):
    """Ditetapkan: what was decided and what happens next."""
    return render_template("talent/assigned.html", **_context(nip, period_id, competency))


# --- HR: the roles report and the talent grid --------------------------------------------------

def _units() -> list[dict]:
    return api().get("assessment", "/units")


def _chosen_unit(units: list[dict]) -> str:
    codes = [u["code"] for u in units]
    wanted = request.args.get("unit", "")
    if wanted in codes:
        return wanted
    roots = [u["code"] for u in units if not u.get("parent_code")]
    return (roots or codes or [""])[0]


def _report_query() -> dict:
    periods, units = _periods(), _units()
    return {"periods": periods, "period": _chosen_period(periods), "units": units,
            "unit": _chosen_unit(units)}


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
    query = _report_query()
    report = _roles(query) or {"roles": []}
    names = competency_names()
    table = exports.roles_table([{**r, "competency_name": names.get(r["competency"])}
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
    table = exports.talent_table(_grid(query) or {}, language())
    name = f"talenta-{query['period']}-{query['unit']}.csv".replace('"', "")
    return Response(exports.csv_bytes(table, language()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# --- declining an opportunity ------------------------------------------------------------------

def _decline_draft(nip: str, period_id: str, competency: str) -> str:
    return f"talent:decline:{nip}:{period_id}:{competency}"


def _decline_form(page: dict, values: dict, errors: dict, status: int = 200, refused=None):
    return render_template("talent/decline.html", values=values, errors=errors, refused=refused,
                           **page), status


@blp.route(f"{ONE}/tolak", methods=["GET", "POST"])
@signed_in
@deciders
def decline(nip, period_id, competency):
    """Tidak diambil: the reason (required), then the check page. The service decides whether
    this person may decide and whether the opportunity is still open."""
    page = _context(nip, period_id, competency)
    if page["o"]["status"] != "open":
        return _decline_form(page, {}, {}, 409,
                             t("talent.refusal.opportunity_" + page["o"]["status"]))
    key = _decline_draft(nip, period_id, competency)
    if request.method == "GET":
        return _decline_form(page, session.get(key) or {"reason": ""}, {})[0]
    values = {"reason": request.form.get("reason", "").strip()}
    if not values["reason"]:
        return _decline_form(page, values, {"reason": t("talent.error.reason")}, 422)
    session[key] = values
    return redirect(url_for(".decline_check", **page["keys"]))


@blp.get(f"{ONE}/tolak/periksa")
@signed_in
@deciders
def decline_check(nip, period_id, competency):
    values = session.get(_decline_draft(nip, period_id, competency))
    if not values:
        return redirect(url_for(".decline", nip=nip, period_id=period_id, competency=competency))
    return render_template("talent/decline_check.html", values=values,
                           **_context(nip, period_id, competency))


@blp.post(f"{ONE}/tolak/kirim")
@signed_in
@deciders
def decline_send(nip, period_id, competency):
    key = _decline_draft(nip, period_id, competency)
    values = session.get(key)
    if not values:
        return redirect(url_for(".decline", nip=nip, period_id=period_id, competency=competency))
    try:
        api().send("training", "POST", f"{api_path(nip, period_id, competency)}/decline",
                   {"reason": values["reason"]})
    except ApiError as error:
        if error.status not in (403, 404, 409, FIELD_REFUSED):
            raise
        page = _context(nip, period_id, competency)
        return _decline_form(page, values, field_messages(error, "talent", _place), error.status,
                             refusal(error, "talent"))
    session.pop(key, None)
    return redirect(url_for(".declined", nip=nip, period_id=period_id, competency=competency))


@blp.get(f"{ONE}/tidak-diambil")
@signed_in
@deciders
def declined(nip, period_id, competency):
    """Tidak diambil: what was decided and what happens next."""
    return render_template("talent/declined.html", **_context(nip, period_id, competency))
