"""Kalibrasi for the appraising official: the results they gave that an open calibration session
covers, each with a form to change the predikat with a reason. HR opens the sessions (Kurva
distribusi); who may change what is the assessment service's."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, refusal
from tools.apiclient import ApiError

blp = Blueprint("team_calibration", __name__)
PREDIKATS = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")


def _page(status: int = 200, **extra):
    page = {"people": api().get("assessment", "/me/calibration"), "predikats": PREDIKATS,
            "errors": {}, "values": {}, **extra}
    return render_template("assessing/calibration.html", **page), status


@blp.get("/tim-saya/kalibrasi")
@signed_in
def mine():
    """The results open to calibration now."""
    return _page()


@blp.post("/tim-saya/kalibrasi/<period_id>/<nip>")
@signed_in
def change(period_id, nip):
    """Change one report's predikat with a reason (both asked for beside the person's form)."""
    values = {"predikat": request.form.get("predikat", ""),
              "reason": request.form.get("reason", "").strip()}
    key = f"{period_id}-{nip}"
    errors = {f"{name}-{key}": t(f"calibration.error.{name}") for name in ("predikat", "reason")
              if not values[name]}
    if errors:
        return _page(422, errors=errors, values={key: values})
    try:
        api().send("assessment", "POST",
                   f"/periods/{period_id}/assessments/{nip}/supervisor/calibration", values)
    except ApiError as error:
        if error.status not in (403, 409, FIELD_REFUSED):
            raise
        return _page(error.status, values={key: values}, refused=refusal(error, "calibration"))
    flash(t("calibration.flash.changed_team"), "success")
    return redirect(url_for(".mine"))
