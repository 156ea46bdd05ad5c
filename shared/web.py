"""The HTTP edge's access rules: who may call each view, body limits, the caller (problems: RFC 9457)."""
from __future__ import annotations

import logging
from functools import wraps
from typing import Callable

from flask import Flask, abort, current_app, g, request
from flask_smorest import Blueprint

from shared.auth import AuthError, Principal
from shared.errors import Invalid
from shared.problems import PROBLEM_JSON, ProblemApi, problem, request_language

__all__ = ["PROBLEM_JSON", "ProblemApi", "problem", "request_language"]
log = logging.getLogger(__name__)
PUBLIC = "public"
_ALWAYS_PUBLIC = ("static", "api-docs.")


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
    """The caller ``authorize`` verified for this request."""
    return g.principal


def _access_of(app: Flask, endpoint: str, method: str):
    view = app.view_functions[endpoint]
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        view = getattr(view_class, method.lower(), None) or getattr(view_class, "get", None)
    return getattr(view, "_asn_access", None)


def authorize() -> None:
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


