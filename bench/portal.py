"""Pages per second of the portal for signed-in people: ``python -m bench.portal``.

A whole platform runs on this machine (every service's web, relay and consumer process, as
tests/support/platform.py starts them) with the demo's agency after one appraisal period (so
every employee page has data: results, dialogues, trainings), and the portal under gunicorn with
the Procfile's settings (2 workers x 8 threads). C clients, each a person signed in with the
development sign-in and holding a keep-alive session, walk the employee's pages (Beranda and each
menu entry it links to) round after round. In the same run, against the same gunicorn, the same
clients fetch a static file (the stylesheet) as often: the baseline. Target: p95 < 150 ms for a
page that makes one or two API calls. Everything shares the machine's CPUs with the clients.
Databases and topics are removed at the end.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import re
import secrets
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Iterator

import requests
from urllib3.util import Retry

from bench.http_load import Server
from demo.__main__ import parser as demo_parser
from demo.__main__ import run as run_demo
from demo.agency import generate
from services.portal.__main__ import setup as setup_portal
from services.portal.settings import PortalSettings
from shared.config import Settings
from shared.db import drop_database
from tests.support.platform import Platform, environment

MENU = re.compile(r'<nav class="wrap nav".*?</nav>', re.S)
LINK = re.compile(r'href="([^"]+)"')
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
UNITS = 5


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def session() -> requests.Session:
    """A keep-alive client that resends a GET once when the server closed the idle connection
    just as it was reused (gunicorn's keep-alive is 2 s; clients wait for each other between
    walks), as a browser does; the latency measured includes the second try."""
    browser = requests.Session()
    browser.mount("http://", requests.adapters.HTTPAdapter(max_retries=Retry(total=1, status=0)))
    return browser


def sign_in(base: str, nip: str, role: str = "employee") -> requests.Session:
    """A person's browser session after the development sign-in, acting in ``role`` (a role
    other than pegawai is chosen with "Ganti peran", as a person does after signing in)."""
    browser = session()
    page = browser.get(f"{base}/masuk", timeout=30)
    token = CSRF.search(page.text).group(1)
    answer = browser.post(f"{base}/masuk/dev", data={"csrf_token": token, "nip": nip,
                                                    "role": role}, timeout=30)
    answer.raise_for_status()
    if role != "employee":
        token = CSRF.search(answer.text).group(1)
        browser.post(f"{base}/peran", data={"csrf_token": token, "role": role},
                     timeout=30).raise_for_status()
    return browser


def menu(base: str, browser: requests.Session) -> list[str]:
    """Beranda and the pages its menu links to, as the person sees them."""
    home = browser.get(f"{base}/", timeout=30).text
    found = MENU.search(home)
    return list(dict.fromkeys(LINK.findall(found.group(0)) if found else ["/"]))


def walk(base: str, sessions: list[requests.Session], paths: list[list], rounds: int) -> dict:
    """Every client GETs its paths ``rounds`` times; latencies per path and failures. A path is
    a string, or (label, path, headers) for a request that sends headers (htmx's)."""
    latencies: dict[str, list[float]] = {}
    failures: list[str] = []
    lock, ready = threading.Lock(), threading.Barrier(len(sessions) + 1)

    def client(browser: requests.Session, mine: list[str]) -> None:
        ready.wait()
        for _ in range(rounds):
            for entry in mine:
                label, path, headers = (entry, entry, None) if isinstance(entry, str) else entry
                started = time.perf_counter()
                try:
                    status = browser.get(f"{base}{path}", headers=headers, timeout=60,
                                         allow_redirects=False).status_code
                except requests.RequestException as exc:  # counted, not lost with the thread
                    status = repr(exc)[:200]
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.setdefault(label, []).append(elapsed)
                    if status != 200:
                        failures.append(f"{status} {label}")

    threads = [threading.Thread(target=client, args=(s, p), daemon=True)
               for s, p in zip(sessions, paths)]
    for thread in threads:
        thread.start()
    ready.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return {"seconds": time.perf_counter() - started, "latencies": latencies,
            "failures": failures}


def cuts(values: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49] * 1000, q[94] * 1000, q[98] * 1000


def report(name: str, result: dict) -> dict:
    every = [v for values in result["latencies"].values() for v in values]
    p50, p95, p99 = cuts(every)
    rate = len(every) / result["seconds"]
    print(f"  {name:<28} {rate:8.1f}/s  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  p99 {p99:7.1f} ms"
          f"  ({len(every)} requests, {len(result['failures'])} failed)")
    return {"rate": rate, "p95": p95}


@contextlib.contextmanager
def bench_platform(name: str, keep: bool, partitions: int = 3) -> Iterator[Platform]:
    """A whole platform with databases and topics of its own (unique names), every service's
    web (2 workers, as the Procfile runs them), relay and consumer started: yields it; stopped
    at the end, and its databases and topics removed unless ``keep``."""
    run = uuid.uuid4().hex[:8]
    settings = Settings.from_env().with_(database_prefix=f"asnbench_{run}_",
                                         topic_prefix=f"bench.{run}.", topic_partitions=partitions)
    workdir = Path(tempfile.mkdtemp(prefix=f"asn-bench-{name}-"))
    platform = Platform(settings, workdir, web_workers=2)
    try:
        progress("setting up a platform (databases, topics) and starting every service process")
        platform.setup()
        platform.start()
        yield platform
    finally:
        platform.stop()
        if not keep:
            platform.remove()


@contextlib.contextmanager
def portal_under_load(employees: int, units: int, keep: bool, name: str) -> Iterator[tuple]:
    """A whole platform with the demo's agency (``employees`` in ``units``, seed 1) after one
    period went through the demo's submission path, and the portal under gunicorn as the
    Procfile runs it: yields (platform, the portal's base URL). Removed at the end unless
    ``keep``."""
    with bench_platform(name, keep) as platform:
        portal = None
        try:
            progress(f"the demo agency: {employees} employees in {units} unit(s), one period assessed")
            started = time.monotonic()
            demo_args = demo_parser().parse_args(["--employees", str(employees),
                                                  "--units", str(units), "--seed", "1", "--complete"])
            run_demo(platform.settings, demo_args, io.StringIO())
            progress(f"the period went through all three services in {time.monotonic() - started:.0f} s")
            portal_settings = PortalSettings(platform=platform.settings, secret_key="bench")
            setup_portal(portal_settings)
            env = {**environment(platform.settings), "ASN_PORTAL_SECRET_KEY": secrets.token_hex(16),
                   "ASN_PORTAL_DEV_LOGIN": "1"}
            portal = Server("services.portal.app:create_app()", env, workers=2, threads=8,
                            log=platform.workdir / "portal.log")
            portal.wait_healthy()
            yield platform, f"http://127.0.0.1:{portal.port}"
        finally:
            if portal is not None:
                portal.stop()
            if not keep:  # the services' databases and topics go with the platform; the portal's is ours
                drop_database(platform.settings.server_url(),
                              platform.settings.database_name("portal"))


def alternate(base: str, sessions: list, paths: list[list], names: tuple[str, str],
              rounds: int, repeats: int) -> dict:
    """A warm-up walk, then ``repeats`` times the stylesheet as often as the pages (the
    baseline, ``names[0]``) and the pages themselves (``names[1]``); every walk by name."""
    static = [["/static/css/portal.css"] * len(p) for p in paths]
    walk(base, sessions, paths, 1)  # warm-up: connections, template caches
    results: dict[str, list] = {}
    for r in range(repeats):
        progress(f"round {r + 1} of {repeats}")
        results.setdefault(names[0], []).append(walk(base, sessions, static, rounds))
        results.setdefault(names[1], []).append(walk(base, sessions, paths, rounds))
    return results


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with portal_under_load(args.employees, UNITS, args.keep, "portal") as (_, base):
        nips = _people(args.employees, args.clients)
        progress(f"{args.clients} people sign in to the portal on {base}")
        sessions = [sign_in(base, nip) for nip in nips]
        paths = [menu(base, s) for s in sessions]
        progress(f"pages walked: {', '.join(paths[0])}")
        results = alternate(base, sessions, paths, ("static", "pages"), args.rounds, args.repeats)
        print("\nportal, signed-in people walking the employee's pages (this machine, one run)")
        summarise(results, ("static", "static file (baseline)"), ("pages", "employee pages (all)"))
        return 0 if not failed(results) else 1


def failed(results: dict) -> list[str]:
    return [f for runs in results.values() for r in runs for f in r["failures"]]


def _people(employees: int, count: int) -> list[str]:
    """Employees of the demo's agency (generated the same way, seed 1) who have a supervisor."""
    return [e.nip for e in generate(employees, UNITS, 1).employees if e.supervisor_nip][:count]


def merge(runs: list[dict]) -> dict:
    """Several walks as one: their seconds added, their latencies per path pooled."""
    latencies: dict[str, list[float]] = {}
    for r in runs:
        for path, values in r["latencies"].items():
            latencies.setdefault(path, []).extend(values)
    return {"seconds": sum(r["seconds"] for r in runs), "latencies": latencies,
            "failures": [f for r in runs for f in r["failures"]]}


def summarise(results: dict, baseline: tuple[str, str], measured: tuple[str, str]) -> dict:
    """Print the baseline's and the measured pages' figures, each path's, and their ratio
    (``baseline`` and ``measured`` are (key in ``results``, label)); the measured figures."""
    merged = {name: merge(runs) for name, runs in results.items()}
    static = report(baseline[1], merged[baseline[0]])
    pages = report(measured[1], merged[measured[0]])
    for path, values in sorted(merged[measured[0]]["latencies"].items()):
        p50, p95, p99 = cuts(values)
        print(f"    {path:<26} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  p99 {p99:7.1f} ms")
    print(f"  ratio {measured[0]} / {baseline[0]} (requests/s): {pages['rate'] / static['rate']:.2f}")
    for failure in merged[measured[0]]["failures"][:10]:
        print(f"  failed: {failure}")
    return pages


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.portal", description=__doc__.split("\n")[0])
    p.add_argument("--clients", type=int, default=20, help="signed-in people at once (20)")
    p.add_argument("--employees", type=int, default=60, help="size of the demo agency (60)")
    p.add_argument("--rounds", type=int, default=5, help="walks per client per round (5)")
    p.add_argument("--repeats", type=int, default=3, help="alternating static/pages rounds (3)")
    p.add_argument("--keep", action="store_true", help="keep the databases and topics")
    return p


if __name__ == "__main__":
    raise SystemExit(main())
