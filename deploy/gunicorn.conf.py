"""gunicorn settings of every web process (Procfile, docker-compose.yml, the HTTP benchmarks).

``gunicorn -c deploy/gunicorn.conf.py --bind HOST:PORT "services.<name>.app:create_app()"``

Prometheus multiprocess mode: each worker writes its metric values to files in
PROMETHEUS_MULTIPROC_DIR and /metrics sums them. The directory must be set before any worker
imports prometheus_client and must start empty, so unless the operator names one, each master
makes a fresh one here and removes it on exit. JSON access log lines carry the request id.
"""
import json
import os
import re
import shutil
import tempfile
from datetime import datetime, timezone

from gunicorn.glogging import Logger

_OWN_METRICS_DIR = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _OWN_METRICS_DIR:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="asn-metrics-")
else:
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

# Sync workers, two of them (WEB_CONCURRENCY): measured on the 2-core build machine with
# bench.gunicorn_sweep (docs/benchmarks.md, "The HTTP path and the relay", 2026-12-06). The
# assessment service answered 711 submissions/s with 2 sync workers, 724 with 3 (within the
# noise, for one more process's memory), and 540-547 as 2 gthread workers of 2 or 4 threads:
# threads keep the client's connection alive (a sync worker waits for the client to close it
# after every answer), which sped the bare one-INSERT app up, but a worker's threads share one
# GIL, which slowed the service's larger share of Python down more. At half of peak all four
# answered with p99 under 8 ms in that run. With more cores, raise WEB_CONCURRENCY and measure
# again (PostgreSQL, Kafka and the consumers want cores of their own too).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-"
control_socket_disable = True  # no gunicornc socket in $HOME: several masters run side by side


def child_exit(server, worker):
    """A dead worker's live gauges must not be summed any more."""
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _OWN_METRICS_DIR:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


class JsonAccessLogger(Logger):
    """Access log lines as JSON objects, like the services' own log lines (shared/logs.py)."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        app = re.search(r"services\.(\w+)", self.cfg.default_proc_name or "")
        line = {"timestamp": datetime.now(timezone.utc).isoformat(), "level": "INFO",
                "logger": "gunicorn.access", "message": atoms["r"],
                "service": os.environ.get("ASN_SERVICE") or (app.group(1) if app else None),
                "process": "web", "method": atoms["m"], "path": atoms["U"], "status": atoms["s"],
                "duration_ms": round(request_time.total_seconds() * 1000, 3),
                "bytes": atoms["B"], "remote": atoms["h"],
                "requestid": atoms.get("{x-request-id}o")}
        self.access_log.info(json.dumps(line, ensure_ascii=False))


if os.environ.get("ASN_LOG_FORMAT", "json") == "json":
    logger_class = JsonAccessLogger
