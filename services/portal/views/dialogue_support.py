"""What the dialogue, feedback-note and training pages share: the services' refusals turned into
messages beside fields, competency names, and dates in the agency's time zone."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from services.portal.pages import api, t
from services.portal.texts import language
from tools.apiclient import ApiError

FIELD_REFUSED = 422  # the service names the fields it refuses


def zone() -> ZoneInfo:
    """The agency's time zone, where the dates people type are meant."""
    return ZoneInfo(current_app.config["PORTAL_TIMEZONE"])


def today() -> date:
    """Today where the agency is (a date "not after today" is the service's rule, in its terms)."""
    return datetime.now(zone()).date()


def local_datetime(day: str, time: str) -> str:
    """The date and time typed, with the agency's UTC offset; as typed when they do not read as
    a date and time, so that the service refuses them and says why."""
    typed = f"{day.strip()}T{time.strip()}"
    try:
        return datetime.fromisoformat(typed).replace(tzinfo=zone()).isoformat()
    except ValueError:
        return typed


def split_local(value: str | None) -> tuple[str, str]:
    """An ISO date-time from a service as the (date, time) a form shows, in the agency's zone."""
    if not value:
        return "", ""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(zone())
    return moment.date().isoformat(), moment.strftime("%H:%M")


def competency_names() -> dict[str, str]:
    """Competency code -> its name in the reader's language, from the assessment dictionary."""
    return {c["code"]: localised(c["name"]) for c in api().get("assessment", "/competencies")}


def localised(text) -> str:
    """A service's {id, en} text in the reader's language (Indonesian when English is missing)."""
    if isinstance(text, dict):
        return text.get(language()) or text.get("id") or ""
    return text or ""


def field_messages(error: ApiError, area: str, place=lambda path: (path, path)) -> dict[str, str]:
    """Form field id -> message for every field a 422 names. ``place`` turns the service's field
    path into (the form's field id, the kind of field); the message is the portal's own words for
    that kind (``<area>.error.<kind>``) when it has them, otherwise the service's."""
    found: dict[str, str] = {}
    for path, messages in _flatten(error.problem.get("errors") or {}):
        field_id, kind = place(path)
        key = f"{area}.error.{kind}"
        found.setdefault(field_id, t(key) if _has(key) else "; ".join(messages))
    return found


def _flatten(errors: dict, prefix: str = ""):
    """marshmallow's nested messages as (dotted field, messages); the location ("json") dropped."""
    for name, value in errors.items():
        name = "" if name in ("json", "query", "form") and not prefix else str(name)
        path = f"{prefix}.{name}".strip(".")
        if isinstance(value, dict):
            yield from _flatten(value, path)
        else:
            yield path, [str(v) for v in (value if isinstance(value, list) else [value])]


def _has(key: str) -> bool:
    return current_app.extensions["portal.texts"].has(key)


def refusal(error: ApiError, area: str) -> str:
    """A refusal in words: the portal's own for its code (``<area>.refusal.<code>``), else the
    service's title, which it writes in the reader's language."""
    key = f"{area}.refusal.{error.code}"
    return t(key) if error.code and _has(key) else (error.problem.get("title") or t(
        "error.bad_request.title"))
