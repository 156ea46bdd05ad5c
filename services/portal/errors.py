"""No raw error page: every failure is a page in the reader's language with the request id."""
from __future__ import annotations

import logging

from flask import Flask, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from tools.apiclient import ApiError, Unreachable

log = logging.getLogger(__name__)
# Which message explains a status the services or the portal answered with.
_BY_STATUS = {400: "error.bad_request", 403: "error.forbidden", 404: "error.not_found",
              405: "error.bad_request", 409: "error.conflict", 413: "error.too_large",
              422: "error.bad_request"}


def install(app: Flask) -> None:
    """Show every failure as the portal's own error page, never a raw one."""
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(Unreachable, _unreachable)
    app.register_error_handler(CSRFError, lambda e: error_page(400, "error.form_expired"))
    app.register_error_handler(HTTPException, lambda e: error_page(
        e.code or 500, _BY_STATUS.get(e.code or 500, "error.internal")))
    app.register_error_handler(Exception, _crash)


def error_page(status: int, key: str, detail: str | None = None):
    """The friendly page: what happened, what to do, and the id to quote to the helpdesk."""
    return render_template("error.html", status=status, key=key, detail=detail,
                           requestid=g.get("requestid")), status


def _api_error(error: ApiError):
    if error.status == 401:  # the token is no longer accepted: sign in again, then come back
        session.clear()
        return redirect(url_for("signin.page", next=request.full_path.rstrip("?")))
    if error.status >= 500:
        log.error("a service answered %s: %s", error.status, error)
        return error_page(502, "error.service")
    detail = error.problem.get("detail") if error.status != 403 else None
    return error_page(error.status, _BY_STATUS.get(error.status, "error.bad_request"),
                      error.problem.get("title") if detail is None else detail)


def _unreachable(error: Unreachable):
    log.error("%s", error)
    return error_page(503, "error.unreachable")


def _crash(error: Exception):
    if isinstance(error, HTTPException):
        return error_page(error.code or 500, _BY_STATUS.get(error.code or 500, "error.internal"))
    log.exception("unhandled error on %s", request.path)
    return error_page(500, "error.internal")
