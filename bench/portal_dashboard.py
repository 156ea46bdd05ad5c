"""HR's Dasbor under load for a unit of 2,000 employees: ``python -m bench.portal_dashboard``.

The machinery of bench/portal.py: a whole platform on this machine, the demo's agency built
with **one unit** of ``--employees`` people (2,000) taken through one whole period by the demo's
submission path (so feedback has compared everyone and training has assigned the gaps), and the
portal under gunicorn as the Procfile runs it (2 workers x 8 threads). C clients, each a person
acting as BKPSDM (``hr_admin``, development sign-in, a keep-alive session), load the Dasbor page
for that unit and period and its htmx fragment (the figures only), round after round; in the same
run the same clients fetch the stylesheet as often (the baseline). Target: p95 < 300 ms.
``--clients 20,5,1`` measures each count in turn on the same platform. The portal shares each
(period, unit, language)'s figures for ASN_PORTAL_DASHBOARD_TTL seconds (per gunicorn worker);
``--ttl 0`` makes every page read them all again (the cold case), the default keeps them warm.

Then, to see which of the page's reads dominates, the same C clients call the services directly
with an HR token, each read of the page in turn (the reads the dashboard view makes, taken from
the view itself), round after round: each read's p50/p95 under the same concurrency.
"""
from __future__ import annotations

import argparse
import os
from unittest import mock

import requests

from bench.portal import (alternate, cuts, failed, merge, portal_under_load, progress,
                          session, sign_in, summarise, walk)
from demo.agency import ROOT, generate
from demo.drive import current_quarter
from services.portal.views.hr import dashboard as dashboard_view
from tools.apiclient import dev_token
from shared.auth import EMPLOYEE, HR_ADMIN

UNITS = 1  # every employee in the agency's one unit (the head office)
TARGET_P95_MS = 300


def dashboard_reads(period: dict, unit: str) -> list[tuple[str, str]]:
    """(service, path) of every read the Dasbor view makes for ``period`` and ``unit``: the
    view's own list (its ``_read``, with the backend replaced by a recorder), after GET /periods."""
    recorded: list[tuple[str, str]] = [("assessment", "/periods")]

    class Recorder:
        def read_many(self, calls, absent=None):
            recorded.extend((service, path) for service, path, *_ in calls)
            return [None] * len(calls)

    with mock.patch.object(dashboard_view, "api", Recorder):
        dashboard_view._read(period, unit)
    return recorded


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.ttl is not None:  # the portal's gunicorn inherits this process's environment
        os.environ["ASN_PORTAL_DASHBOARD_TTL"] = str(args.ttl)
    with portal_under_load(args.employees, UNITS, args.keep, "dashboard") as (platform, base):
        agency = generate(args.employees, UNITS, 1)
        period_id = current_quarter()  # the demo's period
        page = f"/dasbor?periode={period_id}&unit={ROOT}"
        nips = [e.nip for e in agency.employees][:max(args.clients)]
        progress(f"{len(nips)} people acting as BKPSDM sign in to the portal on {base}")
        sessions = [sign_in(base, nip, "hr_admin") for nip in nips]
        shown = sessions[0].get(f"{base}{page}", timeout=120).text
        if "Sebaran predikat kinerja" not in shown:  # a page without figures measures nothing
            raise RuntimeError(f"Dasbor shows no figures:\n{shown[:2000]}")
        progress(f"pages loaded: {page} and its htmx fragment; unit {ROOT} of "
                 f"{len(agency.employees)} employees; ASN_PORTAL_DASHBOARD_TTL "
                 f"{os.environ.get('ASN_PORTAL_DASHBOARD_TTL', 'unset (the default)')}")
        failures = [_clients(base, sessions[:c], page, len(agency.employees), args)
                    for c in args.clients]
        _reads(platform, agency.hr_head.nip, period_id, args.clients[0], args)
        return 0 if not any(failures) else 1


def _clients(base: str, sessions: list, page: str, employees: int, args) -> list[str]:
    """C = len(sessions) people loading the page and its fragment, against the stylesheet."""
    paths = [[page, (f"{page} [htmx]", page, {"HX-Request": "true"})]] * len(sessions)
    load = os.getloadavg()[0]
    results = alternate(base, sessions, paths, ("static", "dashboard"), args.rounds,
                        args.repeats)
    print(f"\nportal, {len(sessions)} people acting as BKPSDM loading Dasbor for one unit of "
          f"{employees} employees (this machine, one run; load average {load:.1f} at the start,"
          f" {os.getloadavg()[0]:.1f} at the end)")
    pages = summarise(results, ("static", "static file (baseline)"),
                      ("dashboard", "Dasbor, page and fragment"))
    verdict = "met" if pages["p95"] < TARGET_P95_MS else "NOT met"
    print(f"  target p95 < {TARGET_P95_MS} ms: {verdict}", flush=True)
    return failed(results)


def _reads(platform, hr_nip: str, period_id: str, count: int, args) -> None:
    """Each read of the page, straight to its service, by ``count`` clients."""
    settings = platform.settings
    token = dev_token(settings, hr_nip, [EMPLOYEE, HR_ADMIN])
    period = next(p for p in requests.get(f"{settings.service_urls['assessment']}/periods",
                                          headers={"Authorization": f"Bearer {token}"},
                                          timeout=30).json() if p["period_id"] == period_id)
    reads = dashboard_reads(period, ROOT)
    urls = [f"{settings.service_urls[service]}{path}" for service, path in reads]
    clients = []
    for _ in range(count):
        client = session()
        client.headers["Authorization"] = f"Bearer {token}"
        clients.append(client)
    progress(f"the page's {len(reads)} reads, straight to the services, {count} clients")
    walk("", clients, [urls] * count, 1)  # warm-up
    found = merge([walk("", clients, [urls] * count, args.rounds)
                   for _ in range(args.repeats)])
    print(f"\nthe page's reads, each straight to its service ({count} clients, "
          "one read after another; the portal makes all but GET /periods side by side)")
    for (service, path), url in zip(reads, urls):
        p50, p95, p99 = cuts(found["latencies"][url])
        print(f"    {service:<10} {path.split('?')[0]:<38} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
              f"  p99 {p99:7.1f} ms")
    for failure in found["failures"][:10]:
        print(f"  failed: {failure}")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.portal_dashboard",
                                description=__doc__.split("\n")[0])
    p.add_argument("--clients", type=_counts, default=[20],
                   help="people acting as BKPSDM at once (20); several, as 20,5,1, are measured"
                        " one after another on the same platform, the service reads with the"
                        " first")
    p.add_argument("--employees", type=int, default=2000, help="people in the one unit (2000)")
    p.add_argument("--rounds", type=int, default=5, help="loads per client per round (5)")
    p.add_argument("--repeats", type=int, default=3, help="alternating static/dashboard rounds (3)")
    p.add_argument("--ttl", type=float, default=None,
                   help="the portal's ASN_PORTAL_DASHBOARD_TTL, seconds the figures are shared"
                        " (default: the portal's own, 5); 0 reads them for every page")
    p.add_argument("--keep", action="store_true", help="keep the databases and topics")
    return p


def _counts(text: str) -> list[int]:
    counts = [int(part) for part in text.split(",") if part.strip()]
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("one or more counts of at least 1, as 20,5,1")
    return counts


if __name__ == "__main__":
    raise SystemExit(main())
