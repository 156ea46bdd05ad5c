"""Refusals a domain can raise, each with the HTTP status the web edge maps it to (stdlib only)."""
from __future__ import annotations


class Refused(Exception):
    """A command the rules refuse; ``code`` names the message shown to the user (see i18n)."""

    status = 422

    def __init__(self, code: str, detail: str, **extra) -> None:
        super().__init__(detail)
        self.code, self.detail, self.extra = code, detail, extra


class Invalid(Refused):
    """The input breaks a rule (unknown competency, incomplete assessment...)."""

    status = 422


class Conflict(Refused):
    """The input is fine but the state forbids it now (already submitted, period closed...)."""

    status = 409


class Forbidden(Refused):
    """The caller may not do this to this record (not their report, not their own...)."""

    status = 403


class NotFound(Refused):
    """The record named does not exist."""

    status = 404
