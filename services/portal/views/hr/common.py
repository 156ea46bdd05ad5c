"""The HR pages' blueprint, who may open them, and what they read from the assessment API.

The assessment service checks every call (opening and closing periods, progress, reopening are
hr_admin's); the portal shows these pages only to a person acting as BKPSDM, as it shows the
menu, so that someone who holds the role but acts as pegawai is told to switch first.
"""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, g

from services.portal.errors import error_page
from services.portal.pages import api, t
from shared.auth import HR_ADMIN

blp = Blueprint("hr", __name__)


def hr_page(view):
    """A page for a person acting as BKPSDM (after ``signed_in``); anyone else gets the 403 page."""
    @wraps(view)
    def guarded(*args, **kwargs):
        if g.person.role != HR_ADMIN:
            hint = t("hr.switch_role") if HR_ADMIN in g.person.roles else None
            return error_page(403, "error.forbidden", hint)
        return view(*args, **kwargs)
    return guarded


def periods() -> list[dict]:
    """Every appraisal period, newest first (the API's order)."""
    return api().get("assessment", "/periods")


def period(period_id: str, known: list[dict] | None = None) -> dict:
    """The named period (404 if there is none), from ``known`` or read now."""
    found = next((p for p in (periods() if known is None else known)
                  if p["period_id"] == period_id), None)
    if found is None:
        abort(404)
    return found


def progress_of(period_ids: list[str]) -> dict[str, dict]:
    """Each period's progress per unit, read side by side (hr_admin and auditors only)."""
    answers = api().read_many([("assessment", f"/periods/{pid}/progress/units")
                               for pid in period_ids])
    return dict(zip(period_ids, answers))


def open_periods(known: list[dict]) -> list[dict]:
    """The open periods of ``known``."""
    return [p for p in known if p["status"] == "open"]
