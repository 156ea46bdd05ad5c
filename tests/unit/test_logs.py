"""JSON log lines: one object a line with the fields collectors rely on, the request id inside a request."""
from __future__ import annotations

import io
import json
import logging

import pytest

from shared import logs
from shared.requestid import REQUEST_ID, accept


def _line(fmt: str, requestid: str | None = None) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.formatter("assessment", "web", fmt))
    handler.addFilter(logs._RequestId())
    logger = logging.getLogger("asn.test.logs")
    logger.addHandler(handler)
    token = REQUEST_ID.set(requestid)
    try:
        logger.warning("penilaian %s diterima", "A-1")
    finally:
        REQUEST_ID.reset(token)
        logger.removeHandler(handler)
    return stream.getvalue()


def test_json_line_has_the_fields_and_the_request_id():
    line = _line("json", "abc123")
    record = json.loads(line)
    assert line.count("\n") == 1
    assert record["message"] == "penilaian A-1 diterima"
    assert record["level"] == "WARNING" and record["logger"] == "asn.test.logs"
    assert record["service"] == "assessment" and record["process"] == "web"
    assert record["requestid"] == "abc123" and record["timestamp"].endswith("+00:00")


def test_outside_a_request_there_is_no_request_id():
    assert "requestid" not in json.loads(_line("json"))


def test_text_format_for_humans():
    line = _line("text", "abc123")
    assert "WARNING asn.test.logs penilaian A-1 diterima" in line
    with pytest.raises(ValueError):
        json.loads(line)


def test_configure_leaves_a_configured_root_logger_alone(monkeypatch):
    root = logging.getLogger()
    sentinel = logging.NullHandler()
    monkeypatch.setattr(root, "handlers", [sentinel])
    logs.configure("assessment", "relay")
    assert root.handlers == [sentinel]


def test_request_ids_offered_by_callers_are_kept_only_when_sane():
    assert accept("gw-01.abc_DEF") == "gw-01.abc_DEF"
    for bad in (None, "", "a" * 129, "has space", "semi;colon", "x\ny"):
        generated = accept(bad)
        assert generated != bad and len(generated) == 32 and generated.isalnum()
