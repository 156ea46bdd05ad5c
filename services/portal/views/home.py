"""Beranda: what is due now, in plain words, each a link to where it is done."""
from __future__ import annotations

from flask import Blueprint, current_app, g, render_template, session, url_for

from services.portal.pages import api, signed_in
from services.portal.texts import format_date
from services.portal.views.annual import home_tasks as annual_tasks
from services.portal.views.audit.replays import home_tasks as auditor_tasks
from services.portal.views.behaviour_input import home_tasks as behaviour_input_tasks
from services.portal.views.hr.periods import home_tasks
from services.portal.views.training_admin.reports import home_tasks as training_admin_tasks
from tools.apiclient import ApiError
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, TRAINING_ADMIN

blp = Blueprint("home", __name__)


@blp.get("/")
@signed_in
def index():
    """The person's next tasks first, the most pressing at the top."""
    if g.person.role == HR_ADMIN:  # the periods to run, from the HR pages' own reads
        return render_template("home.html", tasks=home_tasks(), facts={},
                               links=[{"key": "home.link.dashboard",
                                       "url": url_for("hr.dashboard")}])
    if g.person.role == TRAINING_ADMIN:  # the reports to verify, from the admin pages' own reads
        return render_template("home.html", tasks=training_admin_tasks(), facts={})
    if g.person.role == AUDITOR:  # finding a history first, then the replay verdicts
        return render_template("home.html", tasks=auditor_tasks(), facts={})
    if g.person.role != EMPLOYEE:
        return render_template("home.html", tasks=[], facts={})
    facts = gather()
    return render_template("home.html", tasks=tasks(facts), facts=facts)


def gather() -> dict:
    """Everything the task list is made of, read from the three services at once."""
    calls = {"periods": ("assessment", "/periods"), "mine": ("assessment", "/me/assessments"),
             "dialogues": ("feedback", "/me/dialogues", True), "notes": ("feedback", "/me/notes"),
             "plan": ("training", "/me/plan")}
    calls["behaviour_invitations"] = ("assessment", "/me/behaviour-invitations")
    if session.get("supervises"):
        calls["report_dialogues"] = ("feedback", "/me/reports/dialogues", True)
        calls["team_opportunities"] = ("training", "/me/reports/opportunities?status=open")
        calls["annual"] = ("assessment", "/me/annual")
    client = api()
    facts = dict(zip(calls, client.read_many(list(calls.values()), absent=_nothing_to_show)))
    open_periods = [p for p in facts["periods"] or [] if p["status"] == "open"]
    facts["open_periods"] = open_periods
    if session.get("supervises") and open_periods:
        facts["team"] = client.read_many([("assessment", f"/periods/{open_periods[0]['period_id']}"
                                                         "/my-reports", True)],
                                         absent=_nothing_to_show)[0]
    return facts


def _nothing_to_show(error: ApiError) -> bool:
    """A refusal or a missing record counts as nothing to show, not as a failure."""
    return error.status in (403, 404)


def tasks(facts: dict) -> list[dict]:
    """Each task: a message key, its values, and where it is done."""
    found: list[dict] = []
    mine = {(a["period_id"], a["role"]): a for a in facts.get("mine") or []}
    for period in facts["open_periods"]:
        pid, ends = period["period_id"], format_date(period["ends_on"])
        own = mine.get((pid, "self"))
        if own is None or own["status"] != "submitted":
            found.append(_task("home.task.self_assessment", "assessing.self_assessment",
                               period=pid, ends=ends))
        elif (pid, "supervisor") in mine:
            found.append(_task("home.task.results", "assessing.results", period=pid))
        elif session.get("supervised"):
            found.append(_task("home.task.awaiting_supervisor", None, period=pid))
    waiting = [r for r in facts.get("team") or [] if r["supervisor_status"] != "submitted"]
    if waiting:
        found.append(_task("home.task.team", "assessing.team", count=len(waiting)))
    for dialogue in facts.get("dialogues") or []:
        if dialogue["status"] == "feedback_given":
            found.append(_task("home.task.dialogue_answer", "dialogue.dialogues",
                               period=dialogue["period_id"]))
    to_hold = [d for d in facts.get("report_dialogues") or []
               if d["status"] in ("opened", "scheduled")]
    if to_hold:
        found.append(_task("home.task.dialogues_to_hold", "dialogue.dialogues", count=len(to_hold)))
    undecided = [o for o in facts.get("team_opportunities") or [] if o["status"] == "open"]
    if undecided:
        found.append(_task("home.task.team_opportunities", "talent.team", count=len(undecided)))
    found.extend(annual_tasks(facts.get("annual")))
    unread = [n for n in facts.get("notes") or [] if not n.get("acknowledged_at")]
    if unread:
        found.append(_task("home.task.notes", "dialogue.notes", count=len(unread)))
    found.extend(behaviour_input_tasks(facts.get("behaviour_invitations")))
    plan = facts.get("plan") or {}
    new = [a for a in plan.get("assignments", []) if a["status"] == "assigned"]
    if new:
        found.append(_task("home.task.training", "learning.training", count=len(new)))
    return found


def _task(key: str, endpoint: str | None, **values) -> dict:
    url = (url_for(endpoint) if endpoint and endpoint in current_app.view_functions else None)
    return {"key": key, "url": url, "values": values}
