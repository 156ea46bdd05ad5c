"""HTTP entry point: `gunicorn "services.feedback.app:create_app()"`."""
from __future__ import annotations

from flask import Flask

from services.feedback.api import blp
from services.feedback.definition import SERVICE
from services.feedback.messages import MESSAGES
from shared.audit import audit_blueprint
from shared.config import Settings
from shared.webapp import build_web_app


def create_app(settings: Settings | None = None) -> Flask:
    """The feedback service's Flask app, built from the environment's settings unless given."""
    return build_web_app(SERVICE, settings or Settings.from_env(), [blp, audit_blueprint(SERVICE.name)],
                         MESSAGES)
