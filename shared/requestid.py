"""The request id: one token per HTTP request, carried into the events it causes and onwards.

A caller may send its own ``X-Request-ID`` (a gateway's, another service's) so one id follows
a request across systems; anything that is not a sane token is replaced, so it can go into logs
and Kafka headers as it is.
"""
from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# The current request's id; the event store records it as metadata ``requestid`` (published as
# ``ce_requestid``) and JSON log lines carry it.
REQUEST_ID: ContextVar[str | None] = ContextVar("asn_request_id", default=None)
_SANE = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


def accept(offered: str | None) -> str:
    """The caller's id when it is a sane token, else a fresh one (uuid4 hex)."""
    if offered and _SANE.match(offered):
        return offered
    return uuid.uuid4().hex
