"""Every service's probes: /health, /ready and /metrics, open to anyone; and the API docs' assets."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import marshmallow as ma
import swagger_ui  # only its static folder is used (the API docs' assets)
from flask import Flask, Response, send_from_directory
from flask_smorest import Blueprint

from shared import metrics
from shared.web import public

DOCS_ASSETS = "/api-docs/assets"


class HealthSchema(ma.Schema):
    status = ma.fields.String(metadata={"example": "ok"})


class ReadySchema(ma.Schema):
    status = ma.fields.String(metadata={"description": "ready | not ready"})
    checks = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Boolean(), metadata={
        "description": "each dependency and whether it answers", "example": {
            "database": True, "kafka": True}})


def probes(ready: Callable[[], dict[str, bool]]) -> Blueprint:
    """The probes' blueprint; ``ready`` says whether each dependency answers."""
    blp = Blueprint("probes", __name__, description="Liveness and readiness (open to anyone)")

    @blp.route("/health")
    @public
    @blp.doc(security=[])
    @blp.response(200, HealthSchema)
    def health():
        """The process is up."""
        return {"status": "ok"}

    @blp.route("/ready")
    @public
    @blp.doc(security=[])
    @blp.response(200, ReadySchema)
    @blp.alt_response(503, schema=ReadySchema, description="a dependency does not answer")
    def ready_view():
        """The database and the broker answer."""
        checks = ready()
        status = 200 if all(checks.values()) else 503
        return {"status": "ready" if status == 200 else "not ready", "checks": checks}, status

    @blp.route("/metrics")
    @public
    @blp.doc(security=[], responses={"200": {"description": "Prometheus text format",
                                             "content": {"text/plain": {}}}})
    def metrics_view():
        """Prometheus metrics of this process (of all its workers under gunicorn)."""
        body, content_type = metrics.exposition()
        return Response(body, content_type=content_type)

    return blp


def serve_docs_assets(app: Flask) -> None:
    """Swagger UI's files from the pinned swagger-ui-py package, under /api-docs/assets/."""
    folder = Path(swagger_ui.__file__).resolve().parent / "static"

    @public
    def docs_asset(filename: str):
        return send_from_directory(folder, filename, max_age=24 * 3600)

    app.add_url_rule(f"{DOCS_ASSETS}/<path:filename>", "docs_asset", docs_asset)
