"""RFC 9457 problem details: the body every refusal is sent as, and how the OpenAPI documents say so."""
from __future__ import annotations

import http

import marshmallow as ma
from flask import current_app, g, request
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from werkzeug.exceptions import HTTPException

from shared import i18n

PROBLEM_JSON = "application/problem+json"
PLATFORM_TEXTS = i18n.Catalogue()  # an app built without a service's messages


def request_language() -> str:
    """The language the caller asked for (Accept-Language): Indonesian unless English is asked."""
    return i18n.pick_language(request.headers.get("Accept-Language"))


def problem(status: int, code: str | None = None, detail: str | None = None, *,
            message: str | None = None, **extra):
    """An RFC 9457 problem response; the title (the message ``message``, else ``code``'s) is in
    the caller's language (Indonesian by default)."""
    code = code or i18n.code_for_status(status)
    language = request_language()
    texts = current_app.extensions.get("asn.messages") or PLATFORM_TEXTS
    body = {"type": "about:blank", "title": texts.text(message or code, language), "status": status,
            "code": code, **({"detail": detail} if detail else {}),
            **({"requestid": g.requestid} if "requestid" in g else {}), **extra}
    response = current_app.json.response(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    response.headers["Content-Language"] = language
    return response


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details; ``title`` is in Indonesian unless Accept-Language asks for English."""

    type = ma.fields.String(metadata={"example": "about:blank"})
    title = ma.fields.String(metadata={"example": "Anda tidak berwenang melakukan ini"})
    status = ma.fields.Integer(metadata={"example": 403})
    code = ma.fields.String(metadata={"description": "stable machine-readable reason",
                                      "example": "forbidden"})
    detail = ma.fields.String()
    errors = ma.fields.Dict(metadata={"description": "field-by-field validation messages"})
    requestid = ma.fields.String(metadata={"description": "the request's X-Request-ID; quote it "
                                                          "when reporting a problem"})
    rows = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "an import's problems, each {row, column, code, message}"})
    missing = ma.fields.List(ma.fields.String(), metadata={"description": "what is missing"})

    class Meta:
        # A refusal may say more (``known`` job levels, the ``competency`` at fault...).
        unknown = ma.INCLUDE


class ProblemApi(Api):
    """flask-smorest's Api with every HTTP error rendered as problem+json."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error: HTTPException):
        """Any HTTP error as problem+json, with its field errors and headers."""
        data = getattr(error, "data", None) or {}
        extra = {}
        errors = data.get("errors") or data.get("messages")
        if errors:
            extra["errors"] = errors
        response = problem(error.code or 500, data.get("code"), data.get("message"), **extra)
        for name, value in (data.get("headers") or {}).items():
            response.headers[name] = value
        return response

    def _register_responses(self):
        """The error responses every operation refers to, as problem+json (what is sent)."""
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)
