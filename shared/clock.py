"""The agency's day: "today" where the agency is, not where the server runs.

A server on UTC is seven hours behind an agency on WIB, so between 00:00 and 07:00 WIB its
``date.today()`` is still yesterday, and a civil servant reporting this morning's training would be
told the date lies in the future. Every rule about today uses this instead (``ASN_TIMEZONE``).
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

from shared.config import Settings


def agency_today(settings: Settings | None = None) -> date:
    """Today in the agency's time zone: ``settings``', else the running app's, else the environment's."""
    if settings is None:
        settings = (current_app.extensions["asn.settings"] if has_app_context()
                    else Settings.from_env())
    return datetime.now(ZoneInfo(settings.timezone)).date()
