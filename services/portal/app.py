"""Composition root of the portal: `gunicorn "services.portal.app:create_app()"` (port 8000)."""
from __future__ import annotations

from datetime import timedelta

from authlib.integrations.flask_client import OAuth
from flask import Flask
from flask_wtf.csrf import CSRFProtect

from services.portal import errors, pages, texts
from services.portal.backend import Backend
from services.portal.sessions import PostgresSessionInterface
from services.portal.settings import PortalSettings
from services.portal.views import annual
from services.portal.views import (assessing, audit, dialogue, home, hr, learning, objection,
                                   printing, signin, talent, team_calibration,
                                   training_admin)
from services.portal.views import behaviour, behaviour_input
from services.portal.views import plan, plan_evidence, plan_review
from shared import logs
from tools import siasn
from shared.db import make_pool


def create_app(settings: PortalSettings | None = None) -> Flask:
    """The portal app, from the environment's settings unless given."""
    settings = settings or PortalSettings.from_env()
    if not settings.secret_key:  # every worker and copy must sign CSRF tokens with one key
        raise RuntimeError("no ASN_PORTAL_SECRET_KEY and no key file: run "
                           "`python -m services.portal setup`")
    app = Flask(__name__)
    app.config.update(SECRET_KEY=settings.secret_key,
                      PORTAL_TIMEZONE=settings.timezone, MAX_CONTENT_LENGTH=1024 * 1024,
                      WTF_CSRF_TIME_LIMIT=None, WTF_CSRF_SSL_STRICT=settings.secure_cookies,
                      TEMPLATES_AUTO_RELOAD=False)
    logs.configure("portal", "web")
    pool = make_pool(settings.database_url, name="portal-sessions", wait=False)
    app.session_interface = PostgresSessionInterface(
        pool, idle=timedelta(minutes=settings.session_idle_minutes),
        lifetime=timedelta(hours=settings.session_max_hours), secure=settings.secure_cookies)
    app.extensions["portal.settings"] = settings
    app.extensions["portal.pool"] = pool
    app.extensions["portal.backend"] = Backend(settings.platform.service_urls, settings.api_timeout)
    app.extensions["portal.siasn_codes"] = siasn.load_codes(
        settings.platform.data_file("siasn_codes", siasn.CODES_FILE))
    if settings.oidc_discovery_url:
        oauth = OAuth(app)
        oauth.register("agency", client_id=settings.oidc_client_id,
                       client_secret=settings.oidc_client_secret,
                       server_metadata_url=settings.oidc_discovery_url,
                       client_kwargs={"scope": settings.oidc_scope,
                                      "code_challenge_method": "S256"})
        app.extensions["portal.oauth"] = oauth
    CSRFProtect(app)
    pages.install(app, texts.Texts(texts.load_catalogue()))
    errors.install(app)
    for blueprint in (signin.blp, home.blp, assessing.blp, dialogue.blp, learning.blp,
                      hr.blp, training_admin.blp, audit.blp, printing.blp, talent.blp,
                      objection.blp, team_calibration.blp, annual.blp,
                      behaviour.blp, behaviour_input.blp,
                      plan.blp, plan_review.blp, plan_evidence.blp):
        app.register_blueprint(blueprint)
    return app
