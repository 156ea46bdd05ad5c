"""The platform's Prometheus metrics: one set of ``asn_*`` objects, labelled by service.

Web processes run under gunicorn with several workers; deploy/gunicorn.conf.py sets
PROMETHEUS_MULTIPROC_DIR before any worker imports this module, so each worker's values go to
files that ``/metrics`` sums. Relays and consumers are single processes and serve the default
registry on ASN_METRICS_PORT. Names, labels and ports: docs/observability.md.
"""
from __future__ import annotations

import json
import os
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import (CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Gauge,
                               Histogram, generate_latest, make_wsgi_app, multiprocess)

HTTP_REQUESTS = Counter("asn_http_requests", "HTTP requests answered",
                        ["service", "method", "route", "status"])
HTTP_LATENCY = Histogram("asn_http_request_duration_seconds", "Time to answer an HTTP request",
                         ["service", "method", "route"],
                         buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10))
EVENTS_APPENDED = Counter("asn_events_appended", "Events appended to the event store",
                          ["service", "type"])
EVENTS_PUBLISHED = Counter("asn_relay_events_published", "Events the relay published to Kafka",
                           ["service", "topic"])
RELAY_BACKLOG = Gauge("asn_relay_backlog_events", "Events appended but not yet published",
                      ["service"], multiprocess_mode="mostrecent")
RELAY_STUCK = Gauge("asn_relay_stuck",
                    "1 while the relay retries an event the broker refuses (every later one waits)",
                    ["service"], multiprocess_mode="mostrecent")
RECORDS_CONSUMED = Counter("asn_consumer_records_consumed", "Records polled by the consumer",
                           ["service", "topic"])
RECORDS_APPLIED = Counter("asn_consumer_records_applied", "Records applied to the projections",
                          ["service", "topic"])
RECORDS_DUPLICATE = Counter("asn_consumer_records_duplicate",
                            "Records skipped as already applied (redelivered or republished)",
                            ["service", "topic"])
RECORDS_DEAD_LETTERED = Counter("asn_consumer_records_dead_lettered",
                                "Records sent to the dead-letter topic", ["service", "topic"])
RECORDS_PARKED = Counter("asn_consumer_records_parked",
                         "Records set aside until what they need (a cause, an announcement) is"
                         " applied", ["service", "topic"])
RECORDS_RELEASED = Counter("asn_consumer_records_released",
                           "Parked records applied once what they waited for was applied",
                           ["service", "topic"])
CONSUMER_LAG = Gauge("asn_consumer_lag_records",
                     "Records in a partition past the consumer's position (end offset - position)",
                     ["service", "topic", "partition"], multiprocess_mode="mostrecent")


def exposition() -> tuple[bytes, str]:
    """The text format of every metric of this process (of all workers in multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


# What /ready of a relay or consumer reports: check name -> passing (set by the process itself).
_READY: dict[str, bool] = {}


def report_ready(check: str, passing: bool) -> None:
    """Record one readiness check of this process (``publishing``, ``dependencies``)."""
    _READY[check] = passing


def readiness() -> dict[str, bool]:
    """This process's readiness checks as last reported."""
    return dict(_READY)


def serve(port: int) -> None:
    """Serve /metrics, /health and /ready (503 while a check fails) from a background thread."""
    server = make_server("0.0.0.0", port, _probes(make_wsgi_app()), _Server, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, name="metrics", daemon=True).start()


def _probes(metrics_app):
    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path not in ("/ready", "/health"):
            return metrics_app(environ, start_response)
        checks = readiness() if path == "/ready" else {}
        passing = all(checks.values())
        body = {"status": ("ready" if path == "/ready" else "ok") if passing else "not ready",
                **({"checks": checks} if path == "/ready" else {})}
        start_response("200 OK" if passing else "503 Service Unavailable",
                       [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]
    return app


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - a scrape per 15 s is not news
        """Log no request: a scrape every 15 seconds is not news."""
        pass
