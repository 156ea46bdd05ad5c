"""Signing in and out, switching role and language."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import (Blueprint, abort, current_app, redirect, render_template, request, session,
                   url_for)

from services.portal import identity
from services.portal.backend import Api
from services.portal.texts import LANGUAGE_COOKIE, language
from tools.apiclient import ApiError, dev_token
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, TRAINING_ADMIN
from shared.i18n import LANGUAGES

blp = Blueprint("signin", __name__)
# What the development sign-in offers: a role set per choice, as an agency's IdP would grant.
DEV_ROLE_SETS = {"employee": [EMPLOYEE], "hr_admin": [EMPLOYEE, HR_ADMIN],
                 "training_admin": [EMPLOYEE, TRAINING_ADMIN], "auditor": [AUDITOR]}


def _settings():
    return current_app.extensions["portal.settings"]


def _oauth():
    return current_app.extensions.get("portal.oauth")


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("home.index")


@blp.get("/masuk")
def page():
    """The sign-in page: the agency's IdP, and the development choice where it is enabled."""
    return render_template("signin.html", sso=_oauth() is not None, dev=_settings().dev_login,
                           next=safe_next(request.args.get("next")), roles=DEV_ROLE_SETS)


@blp.post("/masuk/sso")
def start_sso():
    """Send the person to the agency's IdP (404 where single sign-on is not configured)."""
    oauth = _oauth()
    if oauth is None:
        abort(404)
    redirect_uri = _settings().public_url + url_for("signin.callback")
    session["next"] = safe_next(request.form.get("next"))
    return oauth.create_client("agency").authorize_redirect(redirect_uri)


@blp.get("/masuk/selesai")
def callback():
    """The IdP sends the person back here with a code; Authlib checks state and PKCE."""
    oauth = _oauth()
    if oauth is None:
        abort(404)
    target = session.get("next")
    token = oauth.create_client("agency").authorize_access_token()
    _introduce(identity.remember(token, "sso", _settings().platform))
    return redirect(safe_next(target))


@blp.post("/masuk/dev")
def dev_signin():
    """Development only: act as any NIP with a token minted by the local development key."""
    settings = _settings()
    if not settings.dev_login:
        abort(403)
    nip, choice = request.form.get("nip", "").strip(), request.form.get("role", "employee")
    if not (nip.isdigit() and len(nip) == 18) or choice not in DEV_ROLE_SETS:
        return render_template("signin.html", sso=_oauth() is not None, dev=True,
                               next=safe_next(request.form.get("next")), roles=DEV_ROLE_SETS,
                               nip=nip, error="signin.dev.bad_nip"), 422
    token = dev_token(settings.platform, nip, DEV_ROLE_SETS[choice], hours=8)
    _introduce(identity.remember({"access_token": token}, "dev", settings.platform))
    return redirect(safe_next(request.form.get("next")))


def _introduce(person: identity.Person) -> None:
    """The name to greet the person by, whether they have reports to assess (Tim saya) and
    whether anyone assesses them (the head of the agency has no atasan langsung)."""
    if EMPLOYEE not in person.roles:
        return
    backend = current_app.extensions["portal.backend"]
    try:
        me = Api(backend, session["access_token"], language()).get("assessment", "/me")
    except ApiError:  # signed in but not (yet) registered as an employee: pages will say so
        return
    session.update(name=me["employee"]["name"], supervises=bool(me["direct_reports"]),
                   supervised=bool(me["employee"].get("supervisor_nip")))


@blp.post("/keluar")
def signout():
    """End the portal's session and, for the IdP's people, the IdP's session too."""
    via, id_token = session.get("via"), session.get("id_token")
    session.clear()
    oauth = _oauth()
    if via == "sso" and oauth is not None:
        end = oauth.create_client("agency").load_server_metadata().get("end_session_endpoint")
        if end:
            query = {"post_logout_redirect_uri": _settings().public_url + url_for("signin.page"),
                     "client_id": _settings().oidc_client_id,
                     **({"id_token_hint": id_token} if id_token else {})}
            return redirect(f"{end}?{urlencode(query)}")
    return redirect(url_for("signin.page"))


@blp.post("/peran")
def switch_role():
    """Act in another of one's own roles (403 for a role the person does not hold)."""
    if not identity.switch_role(request.form.get("role", "")):
        abort(403)
    return redirect(url_for("home.index"))


@blp.post("/bahasa")
def switch_language():
    """Remember the reader's language for a year, on this browser."""
    chosen = request.form.get("lang")
    response = redirect(safe_next(request.form.get("next")))
    if chosen in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600, httponly=True,
                            samesite="Lax", secure=_settings().secure_cookies)
    return response
