"""A whole appraisal period of a large agency through the platform: ``make bench-agency``.

``python -m bench.agency --employees N`` (default 100,000) starts a platform of its own (every
service's web, relay and consumer process, as tests/support/platform.py and the other benchmarks
start one: 2 sync web workers per service, databases and topics with unique names) and then, on
the clock:

1. import     the agency (``bench.agency_org``: a head, bureaus, divisions, sections of ``--span``
              staff; reporting lines along the tree) as SIASN-style CSV files of ``--batch`` rows,
              ``POST /imports/employees`` as HR, one after the other;
2. period     ``POST /periods`` opens this quarter's period (and HR reads the positions' standards);
3. self       every employee's self-assessment, ``POST .../self/submission`` with their own token;
4. supervisor every supervisor's assessment of each direct report, with the supervisor's token;
5. drain      until feedback has compared every pair and every relay and consumer has caught up
              (``shared.lag.service_lag``); the stage ends at the last event feedback or training
              recorded;
6. replay     with the processes stopped, each service's projections rebuilt from its events and
              the records it consumed (``asn replay``, shared/replay.py) and compared with the
              live ones: events/s and the verdict.

The submissions come from ``--clients`` threads with keep-alive connections (``bench.http_load``);
bodies are the demo's realistic assessments (``demo.ratings``). Tokens are minted with the
development key before the clock starts (in production the IdP issues them). A line every
``--every`` seconds shows the lag; the end shows each stage's time and rate, the submissions'
p50/p95/p99, each consumer's rate while it drained its backlog, the peak resident memory of every
process and the whole. Then, with the platform's processes stopped, the ceilings of this machine
on the same broker and cluster (``bench.ceilings``) and each stage against its ceiling.

Everything shares the machine's CPUs (client, services, PostgreSQL, Kafka). Databases and topics
are removed at the end unless --keep.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import time
from dataclasses import dataclass

from bench import agency_cpu, ceilings
from bench.agency_org import batches, generate
from bench.agency_report import report
from bench.agency_watch import COMPARED, DECIDED, SUBMITTED, Watch, activity, consumed, lags
from bench.agency_watch import counted, progress, wait_decided
from bench.http_load import hammer
from bench.portal import bench_platform
from demo import drive
from demo.agency import Agency
from demo.ratings import assessments
from services.platform import DEFINITIONS
from shared.replay import replay
from tools.apiclient import ApiClient, dev_token


@dataclass
class Stage:
    name: str
    seconds: float
    count: int
    unit: str


def mint_tokens(settings, agency: Agency) -> dict[str, str]:
    return {e.nip: dev_token(settings, e.nip, ["employee"]) for e in agency.employees}


def submission_jobs(agency: Agency, standards: dict, period: str, tokens: dict, seed: int,
                    role: str) -> list[tuple]:
    """(path, the assessor's token, body) of every ``role`` ("self" or "supervisor")
    assessment. Built one role at a time and let go after it: both roles' bodies at once put
    the load generator above 500 MB at 100,000 employees."""
    jobs = []
    for e in agency.employees:
        base = f"/periods/{period}/assessments/{e.nip}"
        if role == "self":
            body, token = assessments(standards[e.position.code], e.nip, seed)[0], tokens[e.nip]
        elif e.supervisor_nip:
            body = assessments(standards[e.position.code], e.nip, seed)[1]
            token = tokens[e.supervisor_nip]
        else:
            continue
        jobs.append((f"{base}/{role}/submission", token, json.dumps(body).encode()))
    return jobs


def import_agency(hr: ApiClient, agency: Agency, size: int) -> None:
    parts = batches(agency, size)
    for n, part in enumerate(parts, 1):
        started = time.perf_counter()
        drive.register(hr, part)
        progress(f"import file {n}/{len(parts)}: {len(part.employees):,} rows in "
                 f"{time.perf_counter() - started:.1f} s")


def open_period(hr: ApiClient) -> tuple[str, dict]:
    """This quarter's period, opened; each position's standard (competency -> required level)."""
    period = drive.current_quarter()
    drive.ensure_period(hr, period)
    return period, {p["code"]: {r["competency"]: r["required_level"] for r in p["standard"]}
                    for p in hr.get("/positions")}


def run_period(platform, agency: Agency, args) -> dict:
    """Stages 1-5 under the watch; everything the report needs but the ceilings."""
    settings, stages, out = platform.settings, [], {}
    hr = ApiClient(settings.service_urls["assessment"],
                   dev_token(settings, agency.hr_head.nip, ["hr_admin"]), timeout=600)
    started = time.perf_counter()
    tokens = mint_tokens(settings, agency)
    out["tokens"] = (len(tokens), time.perf_counter() - started)
    port = int(settings.service_urls["assessment"].rsplit(":", 1)[1])
    with Watch(platform, args.every) as watch:
        out["started"] = begun = time.time()
        cpu = out["cpu"] = [("start", 0.0, agency_cpu.snapshot(platform))]
        import_agency(hr, agency, args.batch)
        stages.append(Stage("import", time.time() - begun, len(agency.employees), "rows"))
        cpu.append(("import", stages[-1].seconds, agency_cpu.snapshot(platform)))
        mark = time.time()
        period, standards = open_period(hr)
        stages.append(Stage("open period", time.time() - mark, 1, "period"))
        out["timed"], preparing, counts = {}, 0.0, {}
        for role in ("self", "supervisor"):
            mark = segment = time.time()
            jobs = submission_jobs(agency, standards, period, tokens, args.seed, role)
            preparing += time.time() - mark
            counts[role], out["body"] = len(jobs), jobs[0][2] if jobs else out.get("body")
            progress(f"{len(jobs):,} {role} assessments from {args.clients} clients")
            mark = time.time()
            out["timed"][role] = hammer(port, jobs, None, args.clients)
            stages.append(Stage(f"{role} assessments", time.time() - mark, len(jobs), "requests"))
            cpu.append((role, time.time() - segment, agency_cpu.snapshot(platform)))
            del jobs
        stages.insert(-2, Stage("prepare bodies (bench)", preparing, len(agency.employees),
                                "employees"))
        out["submitted_at"] = time.time()
        at_end = lags(settings)
        out["lag_at_end"] = {s: lag.consumer_lag for s, lag in at_end.items()}
        out["applied_at_end"] = {s: sum(p.applied for p in lag.partitions)
                                 for s, lag in at_end.items()}
        out["done_at_end"] = {"feedback": counted(settings, "feedback", COMPARED),
                              "training": counted(settings, "training", DECIDED)}
        progress("every submission answered; waiting for feedback and training")
        wait_decided(settings, counts["supervisor"], args.timeout)
        cpu.append(("drain", time.time() - out["submitted_at"], agency_cpu.snapshot(platform)))
        out["activity"] = {"assessment": activity(settings, "assessment", SUBMITTED),
                           "feedback": activity(settings, "feedback", COMPARED),
                           "training": activity(settings, "training", DECIDED)}
        out["ended"] = max(out["activity"]["feedback"][2], out["activity"]["training"][2],
                           out["submitted_at"])
        out["consumed"] = consumed(settings)
        stages.append(Stage("drain", out["ended"] - out["submitted_at"],
                            sum(n - out["applied_at_end"][s] for s, n in out["consumed"].items()),
                            "records applied"))
    out.update(stages=stages, samples=watch.samples, memory=watch.memory.rows())
    out["failures"] = [f for r in out["timed"].values() for f in r["failures"]]
    return out


def replays(settings) -> dict[str, tuple[int, int, float, bool]]:
    """Each service's replay: (own events, consumed records, seconds, equal to the live)."""
    found = {}
    for service in DEFINITIONS.values():
        progress(f"replay of {service.name}: its projections rebuilt and compared")
        started = time.perf_counter()
        got = replay(service, settings, progress=False, keep_verdict=False)
        found[service.name] = (got.own_events, got.consumed_records,
                               time.perf_counter() - started, got.equal)
    return found


def measure_ceilings(platform, result: dict, args) -> dict:
    settings = platform.settings
    submissions = sum(s.count for s in result["stages"] if s.unit == "requests")
    progress("ceilings: Kafka's Java producer and consumer, kafka-python's, on the same broker")
    found = ceilings.kafka(settings, settings.topic("assessment.events"), args.ceiling_records)
    progress("ceilings: pgbench, one INSERT a transaction, on the same cluster")
    found["pgbench"] = ceilings.pgbench(settings, result["body"],
                                        min(submissions, args.ceiling_records), args.clients)
    progress("ceilings: the bare one-INSERT app under the same gunicorn flags")
    found["bare"] = ceilings.bare_insert(settings, result["body"],
                                         min(submissions, args.ceiling_requests), args.clients,
                                         platform.workdir)
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.agency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--employees", type=int, default=100_000, help="size of the agency (100000)")
    add("--span", type=int, default=20, help="staff in each section under its head (20)")
    add("--seed", type=int, default=1, help="the same seed gives the same agency and ratings")
    add("--batch", type=int, default=2000, help="rows per import file (2000)")
    add("--clients", type=int, default=8, help="concurrent client threads (8)")
    add("--partitions", type=int, default=3, help="partitions of every topic (3)")
    add("--every", type=float, default=5.0, help="seconds between lag lines (5)")
    add("--timeout", type=float, default=3600, help="seconds to wait for the consumers (3600)")
    add("--ceiling-records", type=int, default=50_000,
        help="at most this many records or transactions for the Kafka and pgbench ceilings")
    add("--ceiling-requests", type=int, default=10_000,
        help="at most this many requests to the bare INSERT app (10000)")
    add("--keep", action="store_true", help="keep the databases and topics")
    args = parser.parse_args(argv)
    if min(args.employees - 1, args.span, args.batch, args.clients, args.partitions,
           args.ceiling_records, args.ceiling_requests) < 1 or args.every <= 0:
        parser.error("--employees must be at least 2 and every other count positive")
    return args


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    logging.getLogger("kafka").setLevel(logging.ERROR)
    signal.signal(signal.SIGTERM, _interrupt)
    agency, load = generate(args.employees, args.span, args.seed), os.getloadavg()
    progress(f"agency: {len(agency.employees):,} employees in {len(agency.units):,} units")
    try:
        with bench_platform("agency", args.keep, args.partitions) as platform:
            result = run_period(platform, agency, args)
            platform.stop()  # the replays and the ceilings get the machine to themselves
            result["replays"] = replays(platform.settings)
            result["ceilings"] = measure_ceilings(platform, result, args)
    except KeyboardInterrupt:
        progress("interrupted")
        return 130
    except (TimeoutError, RuntimeError) as exc:
        progress(f"FAILED: {exc}")
        return 1
    result["load"] = (load, os.getloadavg())
    print("\n".join(report(result, agency, args)))
    for failure in result["failures"][:5]:
        print(f"  failed: {failure}")
    different = [name for name, (*_, equal) in result["replays"].items() if not equal]
    if different:
        print(f"  the replay of {', '.join(different)} DIFFERS from the live projections")
    return 1 if result["failures"] or different else 0


if __name__ == "__main__":
    sys.exit(main())
