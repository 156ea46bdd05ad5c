"""The HTTP edge shared by every service: app factory base, access rules, RFC 9457 problem+json."""
from __future__ import annotations

import logging
import time
from functools import wraps
from pathlib import Path
from typing import Callable

import marshmallow as ma
import swagger_ui  # only its static folder is used (the API docs' assets)
from flask import Flask, Response, abort, current_app, g, request, send_from_directory
from flask_smorest import Blueprint

from shared import logs, metrics, requestid
from shared.auth import AuthError, Principal, TokenVerifier
from shared.errors import Conflict, Forbidden, Invalid, NotFound, Refused
from shared.eventstore import ConcurrencyError
from shared.events import EventTypeError
from shared.problems import PROBLEM_JSON, ProblemApi, problem, request_language

__all__ = ["PROBLEM_JSON", "ProblemApi", "problem", "request_language"]
log = logging.getLogger(__name__)
PUBLIC = "public"
DOCS_ASSETS = "/api-docs/assets"
_ALWAYS_PUBLIC = ("static", "api-docs.")


# Each kind of refusal's HTTP status; a platform refusal may name its own (EventTooLarge: 413).
_STATUS = ((NotFound, 404), (Forbidden, 403), (Conflict, 409), (Invalid, 422))


def refusal_status(refusal: Refused) -> int:
    """The HTTP status a domain's refusal is answered with (422 for a bare Refused)."""
    own = getattr(refusal, "status", None)
    return own or next((status for kind, status in _STATUS if isinstance(refusal, kind)), 422)


def requires(*roles: str) -> Callable:
    """Mark a view: callers need a valid token with one of ``roles`` (none named: any valid token).

    The rule is also written into the OpenAPI operation as ``x-roles``, so integrators see it.
    """
    access = tuple(roles) or ("authenticated",)

    def mark(view):
        view = Blueprint.doc(**{"x-roles": list(access)})(view)
        view._asn_access = access
        return view
    return mark


def public(view):
    """Mark a view as open to anyone (health probes); everything else needs a token."""
    view._asn_access = (PUBLIC,)
    return view


def body_limit(max_bytes: int) -> Callable:
    """Let one endpoint accept a larger body than the app-wide limit (file imports)."""
    def wrap(view):
        @wraps(view)
        def limited(*args, **kwargs):
            request.max_content_length = max_bytes
            return view(*args, **kwargs)
        return limited
    return wrap


def csv_body() -> str:
    """The request's CSV file as text: UTF-8 (a BOM is fine) and no U+0000, else a 422."""
    if request.mimetype not in ("text/csv", "text/plain"):
        abort(415, description="send the file as text/csv (UTF-8)")
    data = request.get_data()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise Invalid("import_rejected", f"the file is not UTF-8 text (line {line})",
                      rows=[{"row": line, "column": None, "code": "not_utf8",
                             "message": "not UTF-8 text"}]) from None
    nul = [n for n, line in enumerate(text.split("\n"), start=1) if "\x00" in line]
    if nul:
        raise Invalid("import_rejected", f"U+0000 in line(s) {', '.join(map(str, nul[:20]))}",
                      rows=[{"row": n, "column": None, "code": "invalid_text",
                             "message": "U+0000 is not text"} for n in nul[:100]])
    return text


def current_principal() -> Principal:
    return g.principal


def _access_of(app: Flask, endpoint: str, method: str):
    view = app.view_functions[endpoint]
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        view = getattr(view_class, method.lower(), None) or getattr(view_class, "get", None)
    return getattr(view, "_asn_access", None)


def _authorize() -> None:
    """before_request: run the view's access rule before any body is parsed."""
    endpoint = request.endpoint
    if endpoint is None or request.method == "OPTIONS" or endpoint.startswith(_ALWAYS_PUBLIC):
        return None
    access = _access_of(current_app, endpoint, request.method)
    if access is None:  # a view nobody marked: refuse rather than serve it open
        log.error("endpoint %s has no access rule; refusing", endpoint)
        raise AuthError(403, "forbidden", "this endpoint states no access rule")
    if access == (PUBLIC,):
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError(401, "unauthenticated", "send 'Authorization: Bearer <token>'")
    principal = current_app.extensions["asn.verifier"].verify(token.strip())
    if access != ("authenticated",) and not principal.has_any(access):
        raise AuthError(403, "forbidden", f"needs one of the roles: {', '.join(access)}")
    g.principal = principal
    return None


def unguarded_endpoints(app: Flask) -> list[str]:
    """Endpoints (and methods) with no access rule; create_app refuses to start with any."""
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(_ALWAYS_PUBLIC):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if _access_of(app, rule.endpoint, method) is None:
                missing.append(f"{method} {rule.rule}")
    return missing


def build_app(name: str, verifier: TokenVerifier, *, ready: Callable[[], dict[str, bool]],
              config: dict | None = None) -> tuple[Flask, ProblemApi]:
    """A Flask app with the problem+json API, the access check and /health and /ready."""
    app = Flask(name)
    app.config.update(API_TITLE=f"ASN appraisal: {name}", API_VERSION="1",
                      OPENAPI_VERSION="3.1.0", OPENAPI_URL_PREFIX="/api-docs",
                      OPENAPI_JSON_PATH="openapi.json", MAX_CONTENT_LENGTH=1024 * 1024,
                      # The docs page: Swagger UI whose assets the service serves itself, so it
                      # works on a network with no way out.
                      OPENAPI_SWAGGER_UI_PATH="/", OPENAPI_SWAGGER_UI_URL=f"{DOCS_ASSETS}/",
                      OPENAPI_SWAGGER_UI_CONFIG={"persistAuthorization": True,
                                                 "displayRequestDuration": True},
                      JSON_SORT_KEYS=False,
                      API_SPEC_OPTIONS={
                          "security": [{"bearer": []}],
                          "components": {"securitySchemes": {"bearer": {
                              "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                              "description": "RS256 JWT: sub = NIP, roles = [employee, hr_admin,"
                                             " training_admin, auditor]"}}}})
    app.config.update(config or {})
    app.extensions["asn.verifier"] = verifier
    logs.configure(name, "web")
    api = ProblemApi(app)
    _observe(app, name)
    app.before_request(_authorize)
    app.register_error_handler(AuthError, lambda e: problem(e.status, e.code, e.detail))
    app.register_error_handler(ConcurrencyError, lambda e: problem(409, "conflict", str(e)))
    app.register_error_handler(EventTypeError, lambda e: problem(422, "validation_failed", str(e)))
    app.register_error_handler(Refused, lambda e: problem(refusal_status(e), e.code, e.detail,
                                                          **e.extra))
    api.register_blueprint(_probes(ready))
    _serve_docs_assets(app)
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


def _serve_docs_assets(app: Flask) -> None:
    """Swagger UI's files from the pinned swagger-ui-py package, under /api-docs/assets/."""
    folder = Path(swagger_ui.__file__).resolve().parent / "static"

    @public
    def docs_asset(filename: str):
        return send_from_directory(folder, filename, max_age=24 * 3600)

    app.add_url_rule(f"{DOCS_ASSETS}/<path:filename>", "docs_asset", docs_asset)


class HealthSchema(ma.Schema):
    status = ma.fields.String(metadata={"example": "ok"})


class ReadySchema(ma.Schema):
    status = ma.fields.String(metadata={"description": "ready | not ready"})
    checks = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Boolean(), metadata={
        "description": "each dependency and whether it answers", "example": {
            "database": True, "kafka": True}})


def _probes(ready: Callable[[], dict[str, bool]]) -> Blueprint:
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
