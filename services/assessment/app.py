"""HTTP entry point: `gunicorn "services.assessment.app:create_app()"`."""
from __future__ import annotations

from flask import Flask

from services.assessment.api_annual import blp as annual
from services.assessment.api_assessments import blp as assessments
from services.assessment.api_behaviour import blp as behaviour
from services.assessment.api_multirater import blp as multirater
from services.assessment.api_calibration import blp as calibration
from services.assessment.api_curve import blp as curve
from services.assessment.api_dictionary import blp as dictionary
from services.assessment.api_objection import blp as objection
from services.assessment.api_organisation import blp as organisation
from services.assessment.api_plan import blp as plan
from services.assessment.api_evidence import blp as evidence
from services.assessment.definition import SERVICE
from services.assessment.messages import MESSAGES
from shared.audit import audit_blueprint
from shared.config import Settings
from shared.webapp import build_web_app


def create_app(settings: Settings | None = None) -> Flask:
    """The assessment service's Flask app, built from the environment's settings unless given."""
    return build_web_app(SERVICE, settings or Settings.from_env(),
                         [dictionary, organisation, assessments, curve, calibration,
                          objection, annual,
                          behaviour, multirater,
                          plan, evidence,
                          audit_blueprint(SERVICE.name)],
                         MESSAGES)
