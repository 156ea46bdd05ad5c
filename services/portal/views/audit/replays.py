"""Verifikasi replay: each service's latest replay verdicts (``GET /audit/replays``), read side by
side, in a table per service; and the auditor's Beranda, built from the same reads."""
from __future__ import annotations

from flask import render_template, url_for

from services.portal.pages import api, signed_in, t
from services.portal.texts import format_datetime
from services.portal.views.audit.common import SERVICES, auditor_page, blp

SHOWN = 10  # verdicts per service


def verdicts(limit: int = SHOWN) -> dict[str, list[dict]]:
    """Each service's latest verdicts, newest first."""
    answers = api().read_many([(service, f"/audit/replays?limit={limit}") for service in SERVICES])
    return dict(zip(SERVICES, answers))


@blp.get("/verifikasi-replay")
@signed_in
@auditor_page
def replays():
    """Verifikasi replay: each service's latest replay verdicts, a table per service."""
    return render_template("audit/replays.html", verdicts=verdicts())


def home_tasks() -> list[dict]:
    """The auditor's Beranda: finding an employee's history first, then each service's latest
    replay verdict (one that differs before those that are equal)."""
    found = [{"key": "home.task.audit_history", "url": url_for("audit.search"), "values": {}}]
    replay_page = url_for("audit.replays")
    latest = verdicts(limit=1)
    def rank(service: str) -> int:  # differs, never replayed, equal
        return 1 if not latest[service] else (2 if latest[service][0]["equal"] else 0)
    ranked = sorted(SERVICES, key=rank)
    for service in ranked:
        name = t(f"audit.service.{service}")
        if not latest[service]:
            found.append({"key": "home.task.audit_replay_none", "url": replay_page,
                          "values": {"service": name}})
            continue
        newest = latest[service][0]
        found.append({"key": "home.task.audit_replay_equal" if newest["equal"]
                      else "home.task.audit_replay_differs", "url": replay_page,
                      "values": {"service": name, "when": format_datetime(newest["ran_at"])}})
    return found
