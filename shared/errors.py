"""Refusals a domain raises: the platform's one vocabulary of "no", with no HTTP in it (stdlib only).

The web edge maps each kind to its status, in one place (``shared.web.refusal_status``); a domain
module may import this module and nothing else of the platform.
"""
from __future__ import annotations


class Refused(Exception):
    """A command the rules refuse; ``code`` names the message shown to the user (see i18n), or
    ``message`` does when the same code reads better in other words where it is raised (the
    code, which callers rely on, stays)."""

    def __init__(self, code: str, detail: str, *, message: str | None = None, **extra) -> None:
        super().__init__(detail)
        self.code, self.detail, self.extra = code, detail, extra
        self.message = message or code


class Invalid(Refused):
    """The input breaks a rule (unknown competency, incomplete assessment...)."""


class Conflict(Refused):
    """The input is fine but the state forbids it now (already submitted, period closed...)."""


class Forbidden(Refused):
    """The caller may not do this to this record (not their report, not their own...)."""


class NotFound(Refused):
    """The record named does not exist."""
