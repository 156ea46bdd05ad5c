"""Riwayat pegawai: find an employee by NIP or name, then everything the three services recorded
about them as one timeline, oldest first: each event in words, who did it, the request it came
from, what caused it (a link to that entry) and the chain it belongs to, with its raw data.

The reads go to the services' audit API (``GET /audit/events?subject=<NIP>``) side by side; the
services decide who may read it and whether the NIP is one."""
from __future__ import annotations

import json
from datetime import datetime

from flask import current_app, redirect, render_template, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.audit.common import SERVICES, auditor_page, blp
from services.portal.views.audit.words import describe
from tools.apiclient import ApiError

PAGE = 500          # events per read of the audit API (its largest page)
MATCHES = 50        # employees listed for a name
CONSUMERS = ("feedback-consumer", "training-consumer")


@blp.get("/riwayat")
@signed_in
@auditor_page
def search():
    """The search form; an NIP goes to its history, a part of a name lists who has it."""
    text = request.args.get("cari")
    if text is None:
        return render_template("audit/search.html", text="", errors={}, matches=None)
    text = text.strip()
    if not text:
        return _search_page(text, "audit.search.error.empty")
    if text.isdigit():
        return redirect(url_for(".history", nip=text))
    try:
        matches = api().get("assessment", "/employees", name=text, page_size=MATCHES)
    except ApiError as error:
        if error.status != 422:
            raise
        return _search_page(text, "audit.search.error.name")
    if not matches:
        return _search_page(text, "audit.search.error.no_match", status=200, text=text)
    if len(matches) == 1:
        return redirect(url_for(".history", nip=matches[0]["nip"]))
    return render_template("audit/search.html", text=text, errors={}, matches=matches)


def _search_page(typed: str, key: str, status: int = 422, **values):
    return render_template("audit/search.html", text=typed, errors={"cari": t(key, **values)},
                           matches=None), status


@blp.get("/riwayat/<nip>")
@signed_in
@auditor_page
def history(nip):
    """One employee's whole history across the three services."""
    try:
        employee, events = trail(nip)
    except ApiError as error:
        if error.status != 422:  # the services refuse what is not an NIP
            raise
        return _search_page(nip, "audit.search.error.nip")
    if employee is None and not events:
        return _search_page(nip, "audit.search.error.unknown", status=404, nip=nip)
    entries = timeline(events)
    names = actor_names(employee, entries)
    for entry in entries:
        entry["actor_text"] = actor_text(entry["metadata"].get("actor"), nip, names)
    return render_template("audit/history.html", employee=employee, nip=nip, entries=entries,
                           zone=current_app.config["PORTAL_TIMEZONE"])


def trail(nip: str) -> tuple[dict | None, list[dict]]:
    """The employee (None when assessment does not know them) and every event about them in the
    three services; the first page of each read side by side, further pages after."""
    client = api()
    first = [(service, f"/audit/events?subject={nip}&limit={PAGE}") for service in SERVICES]
    employee, *pages = client.read_many([("assessment", f"/employees/{nip}")] + first,
                                        absent=lambda error: error.status == 404)
    events = []
    for service, page in zip(SERVICES, pages):
        while True:
            events += [{**event, "service": service} for event in page["events"]]
            if page.get("next") is None:
                break
            page = client.get(service, "/audit/events", subject=nip, limit=PAGE,
                              after=page["next"])
    return employee, events


def timeline(events: list[dict]) -> list[dict]:
    """The events merged by time (ties: assessment, feedback, training, then position), each with
    its words, its cause and the first event of its chain when they are in the same history."""
    def when(event: dict) -> datetime:
        return datetime.fromisoformat(event["time"].replace("Z", "+00:00"))
    ordered = sorted(events, key=lambda e: (when(e), SERVICES.index(e["service"]), e["position"]))
    by_id = {event["id"]: event for event in ordered}
    for number, event in enumerate(ordered, start=1):
        event["number"] = number
        event["text"] = describe(event)
        event["raw"] = json.dumps(event["data"], ensure_ascii=False, indent=2, sort_keys=True)
    for event in ordered:
        metadata = event["metadata"]
        event["cause"] = by_id.get(metadata.get("causationid") or "")
        event["chain_start"] = by_id.get(metadata.get("correlationid") or "")
    return ordered


def actor_names(employee: dict | None, entries: list[dict]) -> dict[str, str]:
    """The names of the people who acted, read side by side (an NIP nobody knows stays an NIP)."""
    names = {employee["nip"]: employee["name"]} if employee else {}
    others = sorted({e["metadata"].get("actor") for e in entries} - set(names) - set(CONSUMERS)
                    - {None})
    others = [nip for nip in others if nip.isdigit()]
    found = api().read_many([("assessment", f"/employees/{nip}") for nip in others],
                            absent=lambda error: error.status in (403, 404))
    names.update({nip: person["name"] for nip, person in zip(others, found) if person})
    return names


def actor_text(actor: str | None, nip: str, names: dict[str, str]) -> str:
    """Who did it, in words: a person by name and NIP, or the service that decided it."""
    if not actor:
        return t("audit.actor.none")
    if actor in CONSUMERS:
        return t(f"audit.actor.{actor}")
    if actor == nip:
        return t("audit.actor.self", name=names.get(nip, nip), nip=nip)
    if actor in names:
        return t("audit.actor.named", name=names[actor], nip=actor)
    return t("audit.actor.nip", nip=actor)
