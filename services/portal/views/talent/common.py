"""What the talent pages share: the blueprint, who may see which page, the opportunity's context."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, g, request, session, url_for

from services.portal.errors import error_page
from services.portal.pages import api, t
from services.portal.views.dialogue_support import competency_names, localised
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN

blp = Blueprint("talent", __name__)
ONE = "/peluang/<nip>/<period_id>/<competency>"
FIELDS = ("role", "starts_on", "programme_code", "note")
PERFORMANCE = ("above", "meets", "below")  # the grid's rows, top down
POTENTIAL = ("low", "medium", "high")      # its columns, left to right


def api_path(nip: str, period_id: str, competency: str) -> str:
    """The training service's path of one opportunity."""
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
    """Where "back" leads: HR's list of the agency's opportunities, else the team's."""
    return url_for(".opportunities") if g.person.role == HR_ADMIN else url_for(".team")


def keys_of(o: dict) -> dict:
    """An opportunity's URL arguments (nip, period_id, competency)."""
    return {"nip": o["nip"], "period_id": o["period_id"], "competency": o["competency"]}


def period_ids() -> list[str]:
    """The appraisal periods, newest first, as the assessment service lists them."""
    return [p["period_id"] for p in api().get("assessment", "/periods")]


def chosen_period(periods: list[str]) -> str:
    """The period asked for in ?periode=, else the newest."""
    wanted = request.args.get("periode", "")
    return wanted if wanted in periods else (periods[0] if periods else "")


def opportunity_page(nip: str, period_id: str, competency: str) -> dict:
    """The opportunity (the service's 404 or 403 when it is unknown or not the caller's to see)
    and the active programmes for its competency."""
    found, programmes = api().read_many([
        ("training", api_path(nip, period_id, competency)),
        ("training", f"/programmes?competency={quote(competency, safe='')}&status=active")])
    return {"o": found, "programmes": {p["code"]: localised(p["title"]) for p in programmes},
            "names": competency_names(), "localised": localised, "back": back_url(),
            "keys": keys_of(found)}


def field_place(path: str) -> tuple[str, str]:
    """Where a refused field's message goes on the form (the field itself)."""
    field = path.split(".")[0]
    return field, field
