"""Log lines of every process: JSON (one object a line, for collectors) or text (for humans).

``ASN_LOG_FORMAT=json`` (the default) or ``text``. JSON lines hold timestamp, level, logger,
message, service, process and, inside an HTTP request, its ``requestid``.
"""
from __future__ import annotations

import logging
import os

from pythonjsonlogger.json import JsonFormatter

from shared.requestid import REQUEST_ID

_TEXT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class _RequestId(logging.Filter):
    """Adds the current request's id to a record, when there is one."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Let every record through, with the request's id when there is one."""
        requestid = REQUEST_ID.get()
        if requestid is not None:
            record.requestid = requestid
        return True


def formatter(service: str, process: str, fmt: str | None = None) -> logging.Formatter:
    """The formatter ``configure`` installs (``fmt``: json or text; default from ASN_LOG_FORMAT)."""
    if (fmt or os.environ.get("ASN_LOG_FORMAT", "json")) == "text":
        return logging.Formatter(_TEXT)
    return JsonFormatter("%(levelname)s %(name)s %(message)s", timestamp=True,  # ISO 8601, UTC
                         rename_fields={"levelname": "level", "name": "logger"},
                         static_fields={"service": service, "process": process})


def configure(service: str, process: str, level: int = logging.INFO, *, force: bool = False) -> None:
    """Send the root logger's records to stderr in the chosen format.

    Like ``logging.basicConfig``, does nothing when the root logger already has handlers (a test
    runner's, an embedding program's) unless ``force``.
    """
    root = logging.getLogger()
    if root.handlers and not force:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(formatter(service, process))
    handler.addFilter(_RequestId())
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
