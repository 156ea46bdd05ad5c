"""Kalibrasi: a unit's calibration session in the open period. HR opens it, changes an employee's
predikat with a reason (each change an event in the service, shown under the person), watches
the unit's curve follow, and closes the session. Every rule is the assessment service's."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, refusal
from services.portal.views.hr.common import blp, hr_page, period
from services.portal.views.hr.curve import clause_text
from tools.apiclient import ApiError

PREDIKATS = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
PAGE = "/kurva/<period_id>/unit/<unit>/kalibrasi"


def _page(period_id: str, unit: str, status: int = 200, **extra):
    session, curve = api().read_many([
        ("assessment", f"/periods/{period_id}/units/{unit}/calibration"),
        ("assessment", f"/periods/{period_id}/units/{unit}/curve")])
    page = {"period": period(period_id), "session": session, "unit": curve, "errors": {},
            "values": {}, "predikats": PREDIKATS, "clause_text": clause_text, **extra}
    return render_template("hr/calibration.html", **page), status


@blp.get(PAGE)
@signed_in
@hr_page
def calibration(period_id, unit):
    """The session, the unit's curve, and its people with their predikat and changes."""
    return _page(period_id, unit)


@blp.post(f"{PAGE}/sesi")
@signed_in
@hr_page
def calibration_session(period_id, unit):
    """Open the unit's session, or close the open one (``action``)."""
    path = f"/periods/{period_id}/units/{unit}/calibration"
    closing = request.form.get("action") == "close"
    try:
        api().send("assessment", "POST", f"{path}/close" if closing else path)
    except ApiError as error:
        if error.status != 409:
            raise
        return _page(period_id, unit, 409, refused=refusal(error, "calibration"))
    flash(t("calibration.flash.closed" if closing else "calibration.flash.opened"), "success")
    return redirect(url_for(".calibration", period_id=period_id, unit=unit))


@blp.post(f"{PAGE}/<nip>")
@signed_in
@hr_page
def calibrate(period_id, unit, nip):
    """Change one person's predikat with a reason (both asked for beside the person's form)."""
    values = {"predikat": request.form.get("predikat", ""),
              "reason": request.form.get("reason", "").strip()}
    errors = {f"{name}-{nip}": t(f"calibration.error.{name}") for name in ("predikat", "reason")
              if not values[name]}
    if errors:
        return _page(period_id, unit, 422, errors=errors, values={nip: values})
    try:
        api().send("assessment", "POST",
                   f"/periods/{period_id}/assessments/{nip}/supervisor/calibration", values)
    except ApiError as error:
        if error.status not in (409, FIELD_REFUSED):
            raise
        return _page(period_id, unit, error.status, values={nip: values},
                     refused=refusal(error, "calibration"))
    flash(t("calibration.flash.changed"), "success")
    return redirect(url_for(".calibration", period_id=period_id, unit=unit))
