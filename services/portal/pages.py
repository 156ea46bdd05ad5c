"""What every page has: the request id, security headers, the signed-in person, texts, and the
services' API bound to that person."""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import wraps

import psycopg
from flask import Flask, Response, current_app, g, redirect, request, session, url_for
from psycopg_pool import PoolTimeout

from services.portal import identity, texts
from services.portal.backend import Api
from shared import metrics, requestid
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, ROLES, TRAINING_ADMIN

# Scripts and styles from this site only: no inline script can run, whatever a page contains.
# form-action also names the identity provider, which sign-in and sign-out forms redirect to.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'{idp}")


@dataclass(frozen=True)
class NavItem:
    """A menu entry: shown to a person acting in one of ``roles`` (and supervising, if asked)."""

    endpoint: str
    key: str
    roles: tuple[str, ...] = (EMPLOYEE,)
    supervisors_only: bool = False


# The menu in the order a person's work runs; each part's blueprint brings its own pages.
NAV = (NavItem("home.index", "nav.home", ROLES),
       NavItem("plan.mine", "nav.plan"),
       NavItem("assessing.self_assessment", "nav.self_assessment"),
       NavItem("assessing.results", "nav.results"),
       NavItem("dialogue.dialogues", "nav.dialogues"),
       NavItem("dialogue.notes", "nav.notes"),
       NavItem("learning.training", "nav.training"),
       NavItem("assessing.team", "nav.team", supervisors_only=True),
       NavItem("plan_review.team", "nav.plan_team", supervisors_only=True),
       NavItem("talent.team", "nav.talent_team", supervisors_only=True),
       NavItem("team_calibration.mine", "nav.team_calibration", supervisors_only=True),
       NavItem("annual.mine", "nav.annual", supervisors_only=True),
       NavItem("objection.waiting", "nav.objections", supervisors_only=True),
       NavItem("behaviour.team", "nav.behaviour", supervisors_only=True),
       NavItem("behaviour.mine", "nav.behaviour_mine"),
       NavItem("hr.list_periods", "nav.periods", (HR_ADMIN,)),
       NavItem("hr.monitoring", "nav.monitoring", (HR_ADMIN,)),
       NavItem("hr.plans", "nav.hr_plans", (HR_ADMIN,)),
       NavItem("hr.curve", "nav.curve", (HR_ADMIN,)),
       NavItem("objection.hr_list", "nav.objections_hr", (HR_ADMIN,)),
       NavItem("hr.employees", "nav.hr_employees", (HR_ADMIN,)),
       NavItem("hr.positions", "nav.hr_positions", (HR_ADMIN,)),
       NavItem("hr.import_form", "nav.hr_import", (HR_ADMIN,)),
       NavItem("hr.export_page", "nav.hr_exports", (HR_ADMIN,)),
       NavItem("talent.opportunities", "nav.talent_opportunities", (HR_ADMIN,)),
       NavItem("talent.talent", "nav.talent_grid", (HR_ADMIN,)),
       NavItem("training_admin.reports", "nav.ta_reports", (TRAINING_ADMIN,)),
       NavItem("training_admin.catalogue", "nav.ta_catalogue", (TRAINING_ADMIN,)),
       NavItem("training_admin.import_form", "nav.ta_import", (TRAINING_ADMIN,)),
       NavItem("training_admin.assignments", "nav.ta_assignments", (TRAINING_ADMIN,)),
       NavItem("audit.search", "nav.audit_history", (AUDITOR,)),
       NavItem("audit.replays", "nav.audit_replays", (AUDITOR,)),
       NavItem("talent.talent", "nav.talent_grid", (AUDITOR,)),
       NavItem("talent.roles_report", "nav.talent_roles", (AUDITOR,)),
       NavItem("hr.dashboard", "nav.dashboard", (HR_ADMIN, AUDITOR)))


def navigation() -> list[dict]:
    """The menu entries for the signed-in person, the current one marked."""
    who = identity.current_person()
    if who is None:
        return []
    return [{"url": url_for(item.endpoint), "key": item.key,
             "current": request.endpoint == item.endpoint}
            for item in NAV if item.endpoint in current_app.view_functions
            and who.role in item.roles and (session.get("supervises") or not item.supervisors_only)]


def install(app: Flask, catalogue: texts.Texts) -> None:
    """Wire the request hooks, template helpers and probes into ``app``."""
    app.before_request(_start)
    app.after_request(_secure)
    app.jinja_env.globals.update(
        t=catalogue, person=identity.current_person, language=texts.language,
        format_date=texts.format_date, format_datetime=texts.format_datetime,
        format_number=texts.format_number, format_percent=texts.format_percent,
        navigation=navigation)
    app.extensions["portal.texts"] = catalogue
    app.add_url_rule("/health", "health", lambda: {"status": "ok"})
    app.add_url_rule("/ready", "ready", _ready)
    app.add_url_rule("/metrics", "metrics", _metrics)


def _start() -> None:
    g.requestid = requestid.accept(request.headers.get(requestid.HEADER))
    g.started = time.perf_counter()


def _secure(response: Response) -> Response:
    settings = current_app.extensions["portal.settings"]
    idp = f" {_origin(settings.oidc_discovery_url)}" if settings.oidc_discovery_url else ""
    response.headers["Content-Security-Policy"] = CSP.format(idp=idp)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers[requestid.HEADER] = g.get("requestid", "")
    if "started" in g:  # counted and timed by route rule, as the services' requests are
        route = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
        metrics.HTTP_REQUESTS.labels("portal", request.method, route,
                                     str(response.status_code)).inc()
        metrics.HTTP_LATENCY.labels("portal", request.method, route).observe(
            time.perf_counter() - g.started)
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"  # pages hold personal data
        response.headers["Vary"] = "Cookie"
    return response


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def _ready():
    try:
        with current_app.extensions["portal.pool"].connection(timeout=2) as conn:
            conn.execute("SELECT 1")
        return {"status": "ready", "checks": {"database": True}}
    except (psycopg.Error, PoolTimeout):
        return {"status": "not ready", "checks": {"database": False}}, 503


def _metrics() -> Response:
    body, content_type = metrics.exposition()
    return Response(body, content_type=content_type)


def api() -> Api:
    """The services, called with the signed-in person's token in their language."""
    return Api(current_app.extensions["portal.backend"], g.token, texts.language(),
               g.get("requestid"))


def t(key: str, **values) -> str:
    """The message ``key`` in the reader's language, filled with ``values``."""
    return current_app.extensions["portal.texts"](key, **values)


def signed_in(view):
    """Pages for a signed-in person; anyone else is sent to the sign-in page and back."""
    @wraps(view)
    def guarded(*args, **kwargs):
        g.token = identity.access_token(current_app.extensions.get("portal.oauth"))
        if g.token is None:
            target = request.full_path if request.method == "GET" else request.referrer
            return redirect(url_for("signin.page", next=target.rstrip("?") if target else None))
        g.person = identity.current_person()
        return view(*args, **kwargs)
    return guarded
