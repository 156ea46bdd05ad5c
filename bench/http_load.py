"""HTTP load for the web benchmarks: a gunicorn on a free port, and keep-alive client threads."""
from __future__ import annotations

import http.client
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psycopg

from shared.config import REPO_ROOT

GUNICORN_CONF = REPO_ROOT / "deploy" / "gunicorn.conf.py"


class Server:
    """One gunicorn on a free local port, its output in ``log``; ``stop`` is safe to call twice.
    ``production``: with deploy/gunicorn.conf.py (metrics directory, JSON access log); without,
    as tests/support/platform.py runs the services' web processes (no access log). ``cwd``: the
    checkout whose code it runs (this one by default; another to compare before and after)."""

    def __init__(self, app: str, env: dict, workers: int, threads: int, log: Path,
                 production: bool = True, cwd: Path | None = None) -> None:
        with socket.socket() as probe:  # the OS picks a free port; gunicorn binds it right after
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = log
        root = cwd or REPO_ROOT
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(
                # The production settings (metrics directory, JSON access log), sized by the caller.
                [sys.executable, "-m", "gunicorn",
                 *(["-c", str(root / GUNICORN_CONF.relative_to(REPO_ROOT))] if production
                   else ["--no-control-socket"]),
                 "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
                 "--threads", str(threads), "--log-level", "warning", app],
                env=env, cwd=root, stdout=out,
                stderr=subprocess.STDOUT)

    def wait_healthy(self, timeout: float = 60.0) -> None:
        """Return once GET /health answers; raise with gunicorn's output if it dies or never does."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        tail = self.log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"gunicorn on port {self.port} did not come up:\n{tail}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: gunicorn stops its workers gracefully
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class CpuMeter:
    """CPU seconds (user + system) used while timing one server, per request, by its gunicorn
    workers, by the PostgreSQL backends of ``dbname`` (on this machine) and by this process (the
    clients): on a machine whose cores are all busy, throughput follows these, not the latency.

    ``start`` before the requests, ``per_request(n)`` after: ms per request for each. A process
    that ends meanwhile counts as nothing (the pools keep their connections through a run)."""

    def __init__(self, server: Server, dbname: str, url: str) -> None:
        self.server, self.dbname, self.url = server, dbname, url

    def start(self) -> None:
        workers = Path(f"/proc/{self.server.proc.pid}/task/{self.server.proc.pid}/children")
        self.workers = [int(pid) for pid in workers.read_text().split()]
        with psycopg.connect(self.url, autocommit=True) as conn:
            self.backends = [row[0] for row in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (self.dbname,))]
        self.before = self._now()

    def per_request(self, requests: int) -> dict:
        return {name: (after - before) * 1000 / requests
                for name, before, after in zip(("workers", "postgres", "client"), self.before,
                                               self._now())}

    def _now(self) -> tuple[float, float, float]:
        own = resource.getrusage(resource.RUSAGE_SELF)
        return (sum(map(_cpu, self.workers)), sum(map(_cpu, self.backends)),
                own.ru_utime + own.ru_stime)


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _send(conn: http.client.HTTPConnection, path: str, token: str, body: bytes) -> tuple:
    try:
        conn.request("POST", path, body, {"Content-Type": "application/json",
                                          "Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as exc:
        conn.close()  # the next request opens a new connection
        return None, repr(exc).encode()


def hammer(port: int, jobs: list[tuple], body: bytes | None, clients: int, *,
           rate: float | None = None) -> dict:
    """POST ``body`` for each (path, token) from ``clients`` threads; seconds, latencies, failures.
    A job (path, token, its own body) sends that body instead.

    Without ``rate`` each thread sends its next request as soon as the last is answered (the
    server's peak). With ``rate`` (requests/s, all threads together) the requests are due on a
    fixed schedule, spread evenly over the threads, and each latency runs from when the request
    was due: a server that falls behind the schedule shows it in the latencies rather than
    slowing the clients down (no coordinated omission, as long as ``clients`` is enough).
    """
    latencies, failures, ready = [], [], threading.Barrier(clients + 1)
    start = [0.0]

    def client(offset: int, mine: list[tuple]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        ready.wait()
        for n, (path, token, *own) in enumerate(mine):
            started = time.perf_counter()
            if rate:
                due = start[0] + (n * clients + offset) / rate
                if due > started:
                    time.sleep(due - started)
                started = due
            status, answer = _send(conn, path, token, own[0] if own else body)
            latencies.append(time.perf_counter() - started)  # list.append is atomic in CPython
            if status != 201:
                failures.append(f"{status} {path}: {answer[:300].decode(errors='replace')}")
        conn.close()

    threads = [threading.Thread(target=client, args=(i, jobs[i::clients]), daemon=True)
               for i in range(clients)]
    for thread in threads:
        thread.start()
    start[0] = time.perf_counter() + 0.01  # the schedule's zero, set before the clients read it
    ready.wait()
    started = start[0] if rate else time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if len(latencies) != len(jobs):  # a client thread died on something _send did not expect
        failures.append(f"{len(jobs) - len(latencies)} requests were never answered")
    return {"seconds": seconds, "latencies": latencies, "failures": failures}


def figures(result: dict) -> dict:
    """requests/s and the p50, p95 and p99 latency in ms of one timed run."""
    cuts = statistics.quantiles(result["latencies"], n=100, method="inclusive")
    return {"rps": len(result["latencies"]) / result["seconds"], "p50": cuts[49] * 1000,
            "p95": cuts[94] * 1000, "p99": cuts[98] * 1000, "failures": result["failures"]}
