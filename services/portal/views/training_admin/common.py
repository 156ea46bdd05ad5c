"""The training admin pages' blueprint, who may open them, and what they read from the APIs.

The training service checks every call (the catalogue's changes, imports, completions and their
verification are training_admin's); the portal shows these pages only to a person acting as admin
pelatihan, as it shows the menu, so that someone who holds the role but acts as pegawai is told to
switch first.
"""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, g

from services.portal.errors import error_page
from services.portal.pages import api, t
from services.portal.views.dialogue_support import localised
from shared.auth import TRAINING_ADMIN
from services.training.contract import FORMS, KINDS

blp = Blueprint("training_admin", __name__)
STATUSES = ("active", "retired")


def training_admin_page(view):
    """A page for a person acting as admin pelatihan (after ``signed_in``); anyone else gets the
    403 page."""
    @wraps(view)
    def guarded(*args, **kwargs):
        if g.person.role != TRAINING_ADMIN:
            hint = t("ta.switch_role") if TRAINING_ADMIN in g.person.roles else None
            return error_page(403, "error.forbidden", hint)
        return view(*args, **kwargs)
    return guarded


def programmes(**filters) -> list[dict]:
    """The catalogue (filtered as the API filters), each title in the reader's language."""
    return [{**p, "title_text": localised(p["title"])}
            for p in api().get("training", "/programmes", **filters)]


def titles() -> dict[str, str]:
    """Programme code -> its title in the reader's language."""
    return {p["code"]: p["title_text"] for p in programmes()}


def competencies() -> list[dict]:
    """The competency dictionary (assessment service), names in the reader's language."""
    return [{**c, "name_text": localised(c["name"])}
            for c in api().get("assessment", "/competencies")]


def kinds() -> dict[str, tuple[str, ...]]:
    """Each programme form (bentuk) with the kinds it offers, as the training contract has them."""
    return {form: KINDS[form] for form in FORMS}
