"""HTTP entry point: `gunicorn "services.training.app:create_app()"`."""
from __future__ import annotations

from flask import Flask

from services.training.api_catalogue import blp as catalogue
from services.training.api_plans import blp as plans
from services.training.api_talent import blp as talent
from services.training.api_tracking import blp as tracking
from services.training.definition import SERVICE
from services.training.messages import MESSAGES
from shared.audit import audit_blueprint
from shared.config import Settings
from shared.webapp import build_web_app


def create_app(settings: Settings | None = None) -> Flask:
    """The training service's Flask app, built from the environment's settings unless given."""
    return build_web_app(SERVICE, settings or Settings.from_env(),
                         [catalogue, tracking, plans, talent, audit_blueprint(SERVICE.name)],
                         MESSAGES)
