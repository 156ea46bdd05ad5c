"""Beranda: what is due now, each a link to where it is done."""
from __future__ import annotations

from flask import Blueprint, g, render_template

from services.portal.pages import api, signed_in

blp = Blueprint("home", __name__)


@blp.get("/")
@signed_in
def index():
    """The person's next tasks first; then where things stand."""
    return render_template("home.html", tasks=tasks())


def tasks() -> list[dict]:
    """What the person has to do, most urgent first (each: key, values, url)."""
    if g.person.role != "employee":
        return []
    found = []
    for period in api().get("assessment", "/periods"):
        if period["status"] == "open":
            found.append({"key": "home.task.period_open", "url": None,
                          "values": {"period": period["period_id"], "ends": period["ends_on"]}})
    return found
