"""HTTP entry point: `gunicorn "services.training.app:create_app()"`."""
from __future__ import annotations

from flask import Flask

from services.training.definition import SERVICE
from shared.config import Settings
from shared.webapp import build_web_app


def create_app(settings: Settings | None = None) -> Flask:
    """The training service's Flask app, built from the environment's settings unless given."""
    return build_web_app(SERVICE, settings or Settings.from_env())
