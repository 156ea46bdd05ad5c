"""Kurva distribusi: each unit's employee predikat against the pattern of the unit's own predikat
(SE MenPANRB 3/2023) while the period is open; a unit's page with each clause met or broken,
where HR records the unit's predikat (the leader's decision) and, for a broken curve, an
exception with its reason. Every count and verdict is the assessment service's."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, field_messages, refusal
from services.portal.views.hr.common import blp, hr_page, open_periods, period, periods
from tools.apiclient import ApiError

UNIT_PREDIKATS = ("ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
ONE = "/kurva/<period_id>/unit/<unit>"


def clause_text(clause: dict) -> str:
    """A clause in the reader's words: the band's names, the table's value, the limit, the count."""
    band = t("curve.or").join(t(f"curve.predikat.{p}") for p in clause["band"])
    return t(f"curve.clause.{clause['kind']}", band=band, value=clause["value"],
             limit=clause["limit"], count=clause["count"])


def _words() -> dict:
    return {"clause_text": clause_text, "unit_predikats": UNIT_PREDIKATS}


@blp.get("/kurva", defaults={"period_id": None})
@blp.get("/kurva/<period_id>")
@signed_in
@hr_page
def curve(period_id):
    """Every unit of the period (the open one unless one is named) with its curve's verdict."""
    known = periods()
    if period_id is None:
        chosen = (open_periods(known) or known or [None])[0]
        if chosen is None:
            return render_template("hr/curve.html", period=None, periods=known)
        period_id = chosen["period_id"]
    found = period(period_id, known)
    curves = api().get("assessment", f"/periods/{period_id}/curve")
    blocking = [u for u in curves["units"] if not u["closable"]]
    return render_template("hr/curve.html", period=found, curves=curves, periods=known,
                           blocking=blocking, **_words())


def _unit_page(period_id: str, unit: str, status: int = 200, **extra):
    found, curve_of = period(period_id), api().get(
        "assessment", f"/periods/{period_id}/units/{unit}/curve")
    values = {"predikat": curve_of["predikat"] or "", "basis": curve_of["basis"] or "",
              "reason": "", **extra.pop("values", {})}
    page = {"period": found, "unit": curve_of, "values": values, "errors": {}, **_words(),
            **extra}
    return render_template("hr/curve_unit.html", **page), status


@blp.get(ONE)
@signed_in
@hr_page
def curve_unit(period_id, unit):
    """The unit's curve: counts and shares, each clause, the forms."""
    return _unit_page(period_id, unit)


@blp.post(f"{ONE}/predikat")
@signed_in
@hr_page
def set_unit_predikat(period_id, unit):
    """Record the unit's own predikat with the decision it rests on; a blank choice or basis is
    asked for beside its field (the service refuses them too)."""
    values = {"predikat": request.form.get("predikat", ""),
              "basis": request.form.get("basis", "").strip()}
    errors = {name: t(f"curve.error.{name}") for name in ("predikat", "basis")
              if not values[name]}
    if errors:
        return _unit_page(period_id, unit, 422, values=values, errors=errors)
    try:
        api().send("assessment", "PUT", f"/periods/{period_id}/units/{unit}/predicate", values)
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        return _unit_page(period_id, unit, error.status, values=values,
                          errors=field_messages(error, "curve"), refused=refusal(error, "curve"))
    flash(t("curve.flash.set"), "success")
    return redirect(url_for(".curve_unit", period_id=period_id, unit=unit))


@blp.post(f"{ONE}/pengecualian")
@signed_in
@hr_page
def record_exception(period_id, unit):
    """Let a unit whose curve is broken close as it is, with HR's reason (mandatory)."""
    reason = request.form.get("reason", "").strip()
    if not reason:
        return _unit_page(period_id, unit, 422, values={"reason": reason},
                          errors={"reason": t("curve.error.reason")})
    try:
        api().send("assessment", "POST", f"/periods/{period_id}/units/{unit}/curve-exception",
                   {"reason": reason})
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        return _unit_page(period_id, unit, error.status, values={"reason": reason},
                          errors=field_messages(error, "curve"), refused=refusal(error, "curve"))
    flash(t("curve.flash.exception"), "success")
    return redirect(url_for(".curve_unit", period_id=period_id, unit=unit))


def blocking_units(period_id: str) -> list[dict]:
    """The units that keep the period from closing (for the close page)."""
    return [u for u in api().get("assessment", f"/periods/{period_id}/curve")["units"]
            if not u["closable"]]
