"""Tim saya and Nilai: a supervisor's direct reports in the open period, and the supervisor's
assessment of one of them (the same form as penilaian diri, with the predikat it will give)."""
from __future__ import annotations

from flask import render_template

from services.portal.pages import api, signed_in
from services.portal.views.assessing.flow import check_page, done_page, form_page, save, submit
from services.portal.views.assessing.common import (
    SUBMITTED, Side, blp, dialogue_url, open_period, period, reads, submitted, visible)
from services.portal.views.assessing.results import comparison

# What needs the supervisor comes first: their own assessment, then the employee's.
STATES = ("needs_you", "awaiting_self", "done")


def state_of(row: dict) -> str:
    """Where a report's assessments stand, from the supervisor's side."""
    if row["supervisor_status"] != SUBMITTED:
        return "needs_you"
    return "awaiting_self" if row["self_status"] != SUBMITTED else "done"


@blp.get("/tim-saya")
@signed_in
def team():
    """The direct reports in the open period, those who need the supervisor first."""
    opened = open_period()
    if opened is None:
        return render_template("assessing/no_period.html")
    rows = [{**row, "state": state_of(row)} for row in
            api().get_all("assessment", f"/periods/{opened['period_id']}/my-reports")]
    rows.sort(key=lambda row: (STATES.index(row["state"]), row["name"]))
    return render_template("assessing/team.html", period=opened, rows=rows)


def report_side(period_id: str, nip: str) -> Side:
    """The supervisor's assessment of ``nip``; the API refuses anyone's but a report's (403)."""
    person, known = reads(("assessment", f"/employees/{nip}"), ("assessment", "/periods"))
    return Side(period(period_id, known), nip, "supervisor", person["name"],
                person["position_code"])


@blp.get("/tim-saya/<period_id>/<nip>")
@signed_in
def report_form(period_id, nip):
    """Nilai: the form; once both sides are in, the comparison and the way to the dialogue."""
    side = report_side(period_id, nip)
    boss = submitted(side)
    own = visible(Side(side.period, nip, "self", side.name, side.position_code)) if (
        boss and boss["status"] == SUBMITTED) else None
    if own and own["status"] == SUBMITTED:
        return render_template("assessing/report_results.html", side=side,
                               compared=comparison(period_id, nip, own, boss),
                               dialogue=dialogue_url())
    return form_page(side)


@blp.post("/tim-saya/<period_id>/<nip>/draf")
@signed_in
def report_save(period_id, nip):
    """Save the draft of the supervisor's assessment of ``nip``."""
    return save(report_side(period_id, nip))


@blp.get("/tim-saya/<period_id>/<nip>/periksa")
@signed_in
def report_check(period_id, nip):
    """Periksa jawaban: the supervisor's answers on ``nip``, to check before sending."""
    return check_page(report_side(period_id, nip))


@blp.post("/tim-saya/<period_id>/<nip>/kirim")
@signed_in
def report_submit(period_id, nip):
    """Send the supervisor's assessment of ``nip``."""
    return submit(report_side(period_id, nip))


@blp.get("/tim-saya/<period_id>/<nip>/terkirim")
@signed_in
def report_done(period_id, nip):
    """The confirmation that the supervisor's assessment of ``nip`` was sent."""
    return done_page(report_side(period_id, nip))
