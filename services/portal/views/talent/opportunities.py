"""The opportunities of a supervisor's team (Peluang tim) and of the agency (Peluang dan peran),
and assigning a role: the form, the check page, the confirmation."""
from __future__ import annotations

from flask import g, redirect, render_template, request, session, url_for

from services.portal.errors import error_page
from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, competency_names, field_messages, localised, refusal
from services.portal.views.talent.common import (
    FIELDS, ONE, api_path, blp, chosen_period, deciders, field_place, hr_only, keys_of,
    opportunity_page, period_ids)
from tools.apiclient import ApiError
from shared.auth import EMPLOYEE


# --- the lists ---------------------------------------------------------------------------------

@blp.get("/tim/peluang")
@signed_in
def team():
    """Peluang tim: the opportunities of the supervisor's direct reports, open ones first."""
    if g.person.role != EMPLOYEE:
        return error_page(403, "error.forbidden")
    rows = api().get("training", "/me/reports/opportunities")
    return render_template("talent/team.html", rows=rows, names=competency_names(),
                           localised=localised, path_of=keys_of)


@blp.get("/peluang")
@signed_in
@hr_only
def opportunities():
    """Peluang dan peran: a period's open opportunities in the agency, each to assign."""
    periods = period_ids()
    period = chosen_period(periods)
    rows = api().get_all("training", "/opportunities", period=period or None, status="open") \
        if period else []
    return render_template("talent/opportunities.html", rows=rows, periods=periods, period=period,
                           names=competency_names(), localised=localised, path_of=keys_of)

# --- assigning a role --------------------------------------------------------------------------

def _draft(nip: str, period_id: str, competency: str) -> str:
    return f"talent:assign:{nip}:{period_id}:{competency}"


def _form(page: dict, values: dict, errors: dict, status: int = 200, refused=None):
    return render_template("talent/assign.html", values=values, errors=errors, refused=refused,
                           **page), status


@blp.route(f"{ONE}/tetapkan", methods=["GET", "POST"])
@signed_in
@deciders
def assign(nip, period_id, competency):
    """The role (the suggestion to keep or edit), from when, a programme and a note; then the
    check page. A blank role or date is asked for again here (the service refuses them too)."""
    page = opportunity_page(nip, period_id, competency)
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
    """The assignment to check before it is sent; back to the form when there is none."""
    values = session.get(_draft(nip, period_id, competency))
    if not values:
        return redirect(url_for(".assign", nip=nip, period_id=period_id, competency=competency))
    return render_template("talent/assign_check.html", values=values,
                           **opportunity_page(nip, period_id, competency))


# The service's field -> the form's.
@blp.post(f"{ONE}/tetapkan/kirim")
@signed_in
@deciders
def assign_send(nip, period_id, competency):
    """Assign the opportunity as checked; a refusal shows the form again with its messages."""
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
        page = opportunity_page(nip, period_id, competency)
        return _form(page, values, field_messages(error, "talent", field_place), error.status,
                     refusal(error, "talent"))
    session.pop(key, None)
    return redirect(url_for(".assigned", nip=nip, period_id=period_id, competency=competency))


@blp.get(f"{ONE}/ditetapkan")
@signed_in
@deciders
def assigned(nip, period_id, competency):
    """Ditetapkan: what was decided and what happens next."""
    return render_template("talent/assigned.html", **opportunity_page(nip, period_id, competency))


# --- HR: the roles report and the talent grid --------------------------------------------------
