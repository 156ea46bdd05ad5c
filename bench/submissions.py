"""Submissions per second through gunicorn vs a bare one-INSERT app: ``python -m bench.submissions``.

Two gunicorns with the same settings serve, side by side on this machine:

  bare INSERT  ``bench.bare_insert``: parses the JSON body and INSERTs it as jsonb, nothing else;
  service      ``services.assessment.app``: a supervisor submits a direct report's assessment,
               ``POST /periods/<p>/assessments/<nip>/supervisor/submission`` (token, validation,
               reporting line, period and stream state, one event and its projections).

One client drives both: C threads, each with a keep-alive ``http.client`` connection (gunicorn's
sync workers close it after every answer; --threads > 1 keeps it), POST the same full assessment
(9 ratings with evidence and comment) with a bearer token; every answer must be 201. Each round
times both, in alternating order so that a drift of the machine hits both alike; every service
request assesses a report nobody has assessed yet. Target: service / bare >= 0.6 (the median of
the rounds' ratios). Both share the CPUs with the client, PostgreSQL and Kafka; each timing also
reads the CPU time its gunicorn workers, the database's PostgreSQL backends and the clients used
(``bench.http_load.CpuMeter``), per request: with every core busy, that is what bounds the rate.

The organisation (a unit, a head, supervisors and their reports, an open period) is made with the
service's own command handlers in a fresh database; it and the topics are removed at the end, also
after an error or Ctrl-C, unless --keep.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import signal
import statistics
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import psycopg
from kafka.errors import KafkaError
from psycopg.rows import dict_row

from bench.bare_insert import TABLE
from bench.http_load import CpuMeter, Server, figures, hammer
from services.assessment import organisation
from services.assessment.definition import SERVICE
from shared.auth import EMPLOYEE, ensure_dev_keys, mint
from shared.config import Settings
from shared.db import drop_database
from shared.runtime import setup
from shared.topics import delete_topics

TARGETS = ("bare INSERT", "service")
OTHER = "service @other"  # --against: the same service from another checkout
TARGET_RATIO = 0.6  # issue 15 (0.5 before it)
PERIOD = ("quarterly", 2026, 1)


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def nips(count: int) -> list[str]:
    """``count`` distinct valid NIPs: birth date from 1980-01-01, appointed 2005-01, male, serial."""
    return [f"{date(1980, 1, 1) + timedelta(days=i // 999):%Y%m%d}2005011{i % 999 + 1:03d}"
            for i in range(count)]


def build_organisation(settings: Settings, staff_count: int,
                       span: int) -> tuple[str, dict, list[str]]:
    """A unit, a head, supervisors with ``span`` reports each, an open period.

    Returns the period, each report's supervisor and the competencies every position requires.
    """
    people = nips(1 + math.ceil(staff_count / span) + staff_count)
    head, staff = people[0], people[-staff_count:]
    boss_of = {nip: people[1 + i // span] for i, nip in enumerate(staff)}
    url, context_on = settings.database_url(SERVICE.name), SERVICE.wire(SERVICE, settings)
    with psycopg.connect(url, row_factory=dict_row) as conn, conn.transaction():
        context = context_on(conn)
        organisation.register_unit(context, "BENCH", "Badan Benchmark", None)
        for code, level in (("KABAN", "JPT_PRATAMA"), ("KABID", "ADMINISTRATOR"),
                            ("ANALIS", "AHLI_PERTAMA")):
            organisation.set_standard(context, code, code.title(), level)
        rows = [(head, "KABAN", None)] + [(b, "KABID", head) for b in people[1:-staff_count]]
        for nip, position, boss in rows + [(n, "ANALIS", boss_of[n]) for n in staff]:
            organisation.register_employee(context, {
                "nip": nip, "name": f"Pegawai {nip[-4:]}", "position_code": position,
                "unit_code": "BENCH", "supervisor_nip": boss})
        period = organisation.open_period(context, *PERIOD).data["period_id"]
        codes = context.store.core_competencies()
    return period, boss_of, codes


def assessment_body(codes: list[str]) -> bytes:
    """A complete assessment: every core competency rated, with evidence and a comment."""
    ratings = [{"competency": c, "level": 3, "evidence": f"Bukti kinerja untuk {c} sepanjang "
                "triwulan: laporan tepat waktu", "comment": "Konsisten, perlu dipertahankan"}
               for c in codes]
    return json.dumps({"ratings": ratings, "work_result": "SESUAI",
                       "work_behaviour": "SESUAI"}).encode()


def targets(args: argparse.Namespace) -> tuple[str, ...]:
    """What each round times: the bare app, the service and, with --against, the other's."""
    return TARGETS + ((OTHER,) if args.against else ())


def report(rounds: list[dict], args: argparse.Namespace, body: bytes) -> str:
    """The table of medians over the rounds, the median ratio and whether it meets the target."""
    lines = ["", f"Assessment submissions vs a bare one-INSERT Flask endpoint: {args.requests:,} "
             f"requests x {args.repeats} rounds, {args.clients} clients, body {len(body):,} B",
             f"gunicorn --workers {args.workers} --threads {args.threads} each; {os.cpu_count()} "
             "CPUs shared with the clients, PostgreSQL and Kafka", "",
             f"{'(median of rounds)':<14}{'requests/s':>12}{'min - max':>16}"
             f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"]
    for target in targets(args):
        runs = [r[target] for r in rounds]
        med = {k: statistics.median(run[k] for run in runs) for k in ("rps", "p50", "p95", "p99")}
        spread = f"{min(r['rps'] for r in runs):,.0f} - {max(r['rps'] for r in runs):,.0f}"
        lines.append(f"{target:<14}{med['rps']:>12,.0f}{spread:>16}"
                     f"{med['p50']:>9.1f}{med['p95']:>9.1f}{med['p99']:>9.1f}")
    lines += ["", f"{'CPU ms a request':<18}{'workers':>9}{'PostgreSQL':>12}{'clients':>9}"
              "   (medians; this database's backends)"]
    for target in targets(args):
        cpu = {k: statistics.median(r[target]["cpu"][k] for r in rounds)
               for k in ("workers", "postgres", "client")}
        lines.append(f"{target:<18}{cpu['workers']:>9.2f}{cpu['postgres']:>12.2f}"
                     f"{cpu['client']:>9.2f}")
    ratios = [r["service"]["rps"] / r["bare INSERT"]["rps"] for r in rounds]
    ratio = statistics.median(ratios)
    verdict = "meets target" if ratio >= TARGET_RATIO else "BELOW target"
    if any(r[t]["failures"] for r in rounds for t in targets(args)):
        verdict = "NOT VALID: some requests failed"
    each = ", ".join(f"{r:.2f}" for r in ratios)
    lines += ["", f"service / bare INSERT  {ratio:.2f} (median; rounds {each})  "
              f">= {TARGET_RATIO}  {verdict}"]
    if args.against:
        for top, bottom in ((OTHER, "bare INSERT"), ("service", OTHER)):
            each = [r[top]["rps"] / r[bottom]["rps"] for r in rounds]
            lines.append(f"{top} / {bottom}  {statistics.median(each):.2f} (median; rounds "
                         f"{', '.join(f'{x:.2f}' for x in each)})")
        lines.append(f"({OTHER}: {args.against})")
    return "\n".join(lines)


def run_round(round_no: int, servers: dict, jobs: dict, body: bytes, args,
              meters: dict) -> dict:
    """Time every target on its ``jobs`` (the bare one on the service's tokens), in an order
    that turns round by round, with the CPU it took (``CpuMeter``)."""
    results, names = {}, targets(args)
    shift = round_no % len(names)
    order = names[shift:] + names[:shift] if len(names) > 2 else (
        TARGETS if round_no % 2 else TARGETS[::-1])
    for target in order:
        meters[target].start()
        timed = hammer(servers[target].port, jobs[target], body, args.clients)
        results[target] = got = figures(timed)
        got["cpu"] = cpu = meters[target].per_request(len(jobs[target]))
        progress(f"round {round_no}/{args.repeats}  {target:<12}{got['rps']:>8,.0f} requests/s  "
                 f"p50 {got['p50']:.1f}  p95 {got['p95']:.1f}  p99 {got['p99']:.1f} ms  CPU ms a"
                 f" request: workers {cpu['workers']:.2f}, PostgreSQL {cpu['postgres']:.2f},"
                 f" clients {cpu['client']:.2f}"
                 + (f"  {len(got['failures'])} FAILED" if got["failures"] else ""))
    return results


def start_servers(settings: Settings, args, logs: Path, servers: dict) -> None:
    """Both gunicorns with the service's environment; ``servers`` gets each as soon as it runs."""
    env = {**os.environ, "ASN_DATABASE_PREFIX": settings.database_prefix,
           "ASN_TOPIC_PREFIX": settings.topic_prefix,
           "ASN_JWT_PUBLIC_KEY_FILE": str(settings.jwt_public_key_file),
           "ASN_JWT_PRIVATE_KEY_FILE": str(settings.jwt_private_key_file)}
    apps = [("bench.bare_insert:create_app()", None), ("services.assessment.app:create_app()", None)]
    for target, (app, cwd) in zip(targets(args), apps + [(apps[1][0], args.against)]):
        servers[target] = Server(app, env, args.workers, args.threads,
                                 logs / f"{target.split()[-1]}.log", cwd=cwd)
    for server in servers.values():
        server.wait_healthy()


def run(settings: Settings, args, servers: dict) -> tuple[str, list[str]]:
    """Set up, warm up, run the rounds; the report and every failure. The caller cleans up."""
    progress(f"creating database {settings.database_name(SERVICE.name)} and an organisation of "
             f"{args.employees:,} employees")
    setup(SERVICE, settings)
    url = settings.database_url(SERVICE.name)
    period, boss_of, codes = build_organisation(settings, args.employees, args.span)
    body, key = assessment_body(codes), settings.jwt_private_key_file.read_bytes()
    tokens = {boss: mint(key, boss, [EMPLOYEE]) for boss in set(boss_of.values())}
    # Every timed request assesses a report nobody has assessed yet, so none is refused as a repeat.
    jobs = [(f"/periods/{period}/assessments/{nip}/supervisor/submission", tokens[boss_of[nip]])
            for nip in boss_of]
    start_servers(settings, args, settings.jwt_private_key_file.parent, servers)
    staff = list(boss_of)
    warm_up(servers, period, staff[:args.warmup], key, body, args.clients)
    if args.against:  # its own employees' self-assessments: each stream is submitted once
        warm_up({"service": servers[OTHER], "bare INSERT": servers["bare INSERT"]}, period,
                staff[args.warmup:2 * args.warmup], key, body, args.clients)
    n, dbname = args.requests, settings.database_name(SERVICE.name)
    meters = {target: CpuMeter(server, dbname, url) for target, server in servers.items()}
    rounds = [run_round(r + 1, servers, {
        "bare INSERT": [("/submissions", token) for _, token in jobs[r * n:(r + 1) * n]],
        "service": jobs[r * n:(r + 1) * n],
        OTHER: jobs[(args.repeats + r) * n:(args.repeats + r + 1) * n]}, body, args, meters)
        for r in range(args.repeats)]
    failures = [f for r in rounds for t in targets(args) for f in r[t]["failures"]]
    events, rows = stored(url)
    sent = args.warmup + args.repeats * args.requests
    expected = (2 * sent, sent + args.warmup) if args.against else (sent, sent)  # warmed twice
    if (events, rows) != expected:
        failures.append(f"stored {events} events and {rows} bare rows for {sent} requests each")
    return report(rounds, args, body), failures


def warm_up(servers: dict, period: str, nips_: list[str], key: bytes, body: bytes,
            clients: int) -> None:
    """Untimed: self-assessments of ``nips_`` on the service and as many bare INSERTs, all 201."""
    progress(f"both servers up; warming up with {len(nips_)} requests each")
    warm = [(f"/periods/{period}/assessments/{nip}/self/submission", mint(key, nip, [EMPLOYEE]))
            for nip in nips_]
    failures = hammer(servers["service"].port, warm, body, clients)["failures"]
    failures += hammer(servers["bare INSERT"].port, [("/submissions", t) for _, t in warm], body,
                       clients)["failures"]
    if failures:  # the set-up is broken: timing it would only waste minutes
        raise RuntimeError(f"{len(failures)} warm-up requests failed; the first: {failures[0]}")


def stored(url: str) -> tuple[int, int]:
    """How many submission events and bare rows reached the database."""
    with psycopg.connect(url) as conn:
        events = conn.execute("SELECT count(*) FROM events WHERE type LIKE "
                              "'%.AssessmentSubmitted.%'").fetchone()[0]
        return events, conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.submissions", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--requests", type=int, default=2000, help="timed requests per target and round (2000)")
    add("--repeats", type=int, default=3, help="rounds; medians are reported (3)")
    add("--clients", type=int, default=8, help="concurrent client threads (8)")
    add("--workers", type=int, default=2, help="gunicorn workers of each server (2)")
    add("--threads", type=int, default=1, help="gunicorn threads per worker; 1: sync workers (1)")
    add("--employees", type=int, help="reports to assess (default: requests x repeats)")
    add("--span", type=int, default=25, help="direct reports per supervisor (25)")
    add("--warmup", type=int, default=50, help="untimed requests per target first (50)")
    add("--keep", action="store_true", help="keep the database and topics for a look afterwards")
    add("--against", type=Path, help="another checkout of this repository (before a change, say):"
        f" its assessment service is timed too, as '{OTHER}', in the same rounds")
    args = parser.parse_args(argv)
    args.employees = args.employees or args.requests * args.repeats * (2 if args.against else 1)
    if min(args.repeats, args.clients, args.workers, args.threads, args.span, args.warmup) < 1:
        parser.error("every count must be positive")
    if args.requests < 10:
        parser.error("--requests must be at least 10 for percentiles to mean something")
    sides = 2 if args.against else 1
    if args.employees < sides * max(args.requests * args.repeats, args.warmup):
        parser.error("--employees must be at least --requests x --repeats and --warmup")
    return args


def fresh_settings(tmp: Path) -> Settings:
    """Unique database and topic names, and a key pair of its own in ``tmp`` (gunicorn logs too)."""
    unique = uuid.uuid4().hex[:8]
    settings = Settings.from_env().with_(
        database_prefix=f"asnbench_{unique}_", topic_prefix=f"bench.{unique}.",
        jwt_private_key_file=tmp / "private.pem", jwt_public_key_file=tmp / "public.pem")
    ensure_dev_keys(settings.jwt_private_key_file, settings.jwt_public_key_file)
    return settings


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    signal.signal(signal.SIGTERM, _interrupt)
    servers: dict[str, Server] = {}
    with tempfile.TemporaryDirectory(prefix="asnbench-") as tmp:
        settings = fresh_settings(Path(tmp))
        try:
            text, failures = run(settings, args, servers)
        except KeyboardInterrupt:
            progress("interrupted")
            return 130
        except (psycopg.OperationalError, KafkaError) as exc:
            progress(f"PostgreSQL or Kafka did not answer ({exc}); deploy/infra.sh start?")
            return 1
        except RuntimeError as exc:
            progress(str(exc))
            return 1
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop the clean-up
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            clean_up(settings, servers, args.keep)
    print(text)
    if failures:
        print(f"\nFAILED: {len(failures):,} failures (requests not answered 201, or rows missing); "
              f"the first: {failures[0]}")
    return 1 if failures else 0


def clean_up(settings: Settings, servers: dict, keep: bool) -> None:
    progress("stopping gunicorn" + ("" if keep else ", dropping the bench database and topics"))
    for server in servers.values():
        server.stop()
    if keep:
        progress(f"kept database {settings.database_name(SERVICE.name)} and topics "
                 f"{settings.topic_prefix}*")
        return
    try:
        drop_database(settings.server_url(), settings.database_name(SERVICE.name))
    finally:
        delete_topics(settings.kafka_bootstrap, SERVICE.topics(settings))


if __name__ == "__main__":
    raise SystemExit(main())
