"""A relay's or consumer's metrics port also answers /health and /ready (503 while a check fails)."""
from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request

from shared import metrics


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_ready_fails_while_a_check_fails_and_metrics_are_served(monkeypatch):
    monkeypatch.setattr(metrics, "_READY", {})
    port = _free_port()
    metrics.serve(port)
    metrics.report_ready("publishing", True)
    assert _get(port, "/ready") == (200, json.dumps(
        {"status": "ready", "checks": {"publishing": True}}).encode())
    metrics.report_ready("publishing", False)
    status, body = _get(port, "/ready")
    assert status == 503 and json.loads(body)["checks"] == {"publishing": False}
    assert _get(port, "/health")[0] == 200
    status, body = _get(port, "/metrics")
    assert status == 200 and b"asn_relay_stuck" in body
