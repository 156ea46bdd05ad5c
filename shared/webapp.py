"""Composition root of a service's web process: pool, token verifier, probes, blueprints."""
from __future__ import annotations

import copy
import threading
import time
from typing import Callable

import psycopg
from flask import Flask, Response, g, request
from kafka import KafkaAdminClient
from kafka.errors import KafkaError
from psycopg_pool import ConnectionPool, PoolTimeout

from shared import logs, metrics, requestid
from shared.auth import AuthError, TokenVerifier
from shared.config import Settings
from shared.db import make_pool
from shared.errors import Conflict, Forbidden, Invalid, NotFound, Refused
from shared.events import EventTypeError
from shared.eventstore import ConcurrencyError
from shared.i18n import Catalogue
from shared.probes import DOCS_ASSETS, probes, serve_docs_assets
from shared.problems import ProblemApi, problem
from shared.service import ServiceDefinition
from shared.web import authorize, unguarded_endpoints


def build_web_app(service: ServiceDefinition, settings: Settings, blueprints=(),
                  messages: dict[str, dict[str, str]] | None = None) -> Flask:
    """The service's Flask app: a pool (connecting in the background), token checks, probes;
    ``messages`` are the service's own texts beside the platform's (shared/i18n.py)."""
    pool = make_pool(settings.database_url(service.name), name=f"{service.name}-web", wait=False)
    verifier = TokenVerifier.from_settings(settings)
    broker = BrokerProbe(settings.kafka_bootstrap)

    def ready() -> dict[str, bool]:
        return {"database": _database_answers(pool), "broker": broker()}

    app, api = build_app(service.name, verifier, ready=ready)
    app.extensions["asn.pool"] = pool
    app.extensions["asn.settings"] = settings
    app.extensions["asn.messages"] = Catalogue(messages or {})
    if service.wire is not None:  # the handlers' store adapter, rules and clock (shared.transactions)
        app.extensions["asn.context"] = service.wire(service, settings)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    missing = unguarded_endpoints(app)
    if missing:
        raise RuntimeError(f"endpoints without an access rule: {', '.join(missing)}")
    return app


# Each kind of refusal's HTTP status; a platform refusal may name its own (EventTooLarge: 413).
_STATUS = ((NotFound, 404), (Forbidden, 403), (Conflict, 409), (Invalid, 422))


def refusal_status(refusal: Refused) -> int:
    """The HTTP status a domain's refusal is answered with (422 for a bare Refused)."""
    own = getattr(refusal, "status", None)
    return own or next((status for kind, status in _STATUS if isinstance(refusal, kind)), 422)


# The API document and its docs page: Swagger UI whose assets the service serves itself, so it
# works on a network with no way out.
_OPENAPI = dict(
    API_VERSION="1", OPENAPI_VERSION="3.1.0", OPENAPI_URL_PREFIX="/api-docs",
    OPENAPI_JSON_PATH="openapi.json", MAX_CONTENT_LENGTH=1024 * 1024,
    OPENAPI_SWAGGER_UI_PATH="/", OPENAPI_SWAGGER_UI_URL=f"{DOCS_ASSETS}/",
    OPENAPI_SWAGGER_UI_CONFIG={"persistAuthorization": True, "displayRequestDuration": True},
    JSON_SORT_KEYS=False,
    API_SPEC_OPTIONS={"security": [{"bearer": []}], "components": {"securitySchemes": {"bearer": {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": "RS256 JWT: sub = NIP, roles = [employee, hr_admin, training_admin,"
                       " auditor]"}}}})


def build_app(name: str, verifier: TokenVerifier, *, ready: Callable[[], dict[str, bool]],
              config: dict | None = None) -> tuple[Flask, ProblemApi]:
    """A Flask app with the problem+json API, the access check and /health and /ready."""
    app = Flask(name)
    app.config.update(copy.deepcopy(_OPENAPI), API_TITLE=f"ASN appraisal: {name}")
    app.config.update(config or {})
    app.extensions["asn.verifier"] = verifier
    logs.configure(name, "web")
    api = ProblemApi(app)
    _observe(app, name)
    app.before_request(authorize)
    app.register_error_handler(AuthError, lambda e: problem(e.status, e.code, e.detail))
    app.register_error_handler(ConcurrencyError, lambda e: problem(409, "conflict", str(e)))
    app.register_error_handler(EventTypeError, lambda e: problem(422, "validation_failed", str(e)))
    app.register_error_handler(Refused, lambda e: problem(refusal_status(e), e.code, e.detail,
                                                          message=e.message, **e.extra))
    api.register_blueprint(probes(ready))
    serve_docs_assets(app)
    return app, api


def _observe(app: Flask, service: str) -> None:
    """Request id in and out, and every request counted and timed by its route rule.

    Registered before the access check, so refused requests are counted and carry an id too.
    """
    @app.before_request
    def start() -> None:
        g.requestid = requestid.accept(request.headers.get(requestid.HEADER))
        g.requestid_token = requestid.REQUEST_ID.set(g.requestid)
        g.started = time.perf_counter()

    @app.after_request
    def finish(response: Response) -> Response:
        if "started" in g:
            route = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
            metrics.HTTP_REQUESTS.labels(service, request.method, route,
                                         str(response.status_code)).inc()
            metrics.HTTP_LATENCY.labels(service, request.method, route).observe(
                time.perf_counter() - g.started)
            response.headers[requestid.HEADER] = g.requestid
        return response

    @app.teardown_request
    def forget(_error) -> None:
        token = g.pop("requestid_token", None)
        if token is not None:
            requestid.REQUEST_ID.reset(token)


def _database_answers(pool: ConnectionPool) -> bool:
    try:
        with pool.connection(timeout=2) as conn:
            conn.execute("SELECT 1")
        return True
    except (psycopg.Error, PoolTimeout):
        return False


class BrokerProbe:
    """Asks the broker to describe its cluster; one admin client, rebuilt after a failure."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self._admin = None
        self._lock = threading.Lock()

    def __call__(self) -> bool:
        with self._lock:
            try:
                if self._admin is None:
                    self._admin = KafkaAdminClient(bootstrap_servers=self.bootstrap,
                                                   request_timeout_ms=3000, client_id="asn-ready")
                self._admin.describe_cluster()
                return True
            except KafkaError:
                if self._admin is not None:
                    self._admin.close()
                self._admin = None
                return False
