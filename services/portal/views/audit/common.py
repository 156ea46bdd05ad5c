"""The auditor's pages' blueprint and who may open them.

The services check every call (``/audit/*`` is the auditor's and HR's, ``/employees`` HR's and the
auditor's); the portal shows these pages only to a person acting as auditor, as it shows the menu,
so that someone who holds the role but acts otherwise is told to switch first.
"""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, g

from services.portal.errors import error_page
from services.portal.pages import t
from shared.auth import AUDITOR

blp = Blueprint("audit", __name__)
SERVICES = ("assessment", "feedback", "training")  # the order of a tie in time


def auditor_page(view):
    """A page for a person acting as auditor (after ``signed_in``); anyone else gets the 403 page."""
    @wraps(view)
    def guarded(*args, **kwargs):
        if g.person.role != AUDITOR:
            hint = t("audit.switch_role") if AUDITOR in g.person.roles else None
            return error_page(403, "error.forbidden", hint)
        return view(*args, **kwargs)
    return guarded
