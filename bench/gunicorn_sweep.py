"""gunicorn worker classes and counts for the assessment service: ``python -m bench.gunicorn_sweep``.

For each configuration (``--configs``: ``W`` is W sync workers, ``WxT`` W gthread workers of T
threads), the set-up of ``bench.submissions`` (the same organisation, body and tokens, both apps
under deploy/gunicorn.conf.py with that configuration), and then:

  peak   C clients send as fast as they are answered: the bare one-INSERT app and the service,
         in alternating order, ``--requests`` each; requests/s, p50/p95/p99, and the ratio;
  half   the service again at half of the peak it just measured, the requests due on a fixed
         schedule (``bench.http_load.hammer(rate=...)``: each latency counts from when its
         request was due, so falling behind shows): p50/p95/p99.

Rounds (``--repeats``) go through the configurations in alternating order; the report gives each
configuration's medians over the rounds. The targets (issue 15): service / bare >= 0.6, p99 at
half of peak < 50 ms. Everything shares this machine's cores (the clients, PostgreSQL, Kafka).
"""
from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
from pathlib import Path

from bench.http_load import Server, figures, hammer
from bench.submissions import (assessment_body, build_organisation, clean_up, fresh_settings,
                               progress)
from services.assessment.definition import SERVICE
from shared.auth import EMPLOYEE, mint
from shared.config import Settings
from shared.runtime import setup

TARGET_RATIO, TARGET_P99_MS = 0.6, 50.0


def parse_config(text: str) -> tuple[int, int]:
    """``"3"`` -> (3, 1) sync workers; ``"2x4"`` -> (2, 4) gthread workers x threads."""
    workers, _, threads = text.partition("x")
    return int(workers), int(threads or 1)


def label(config: tuple[int, int]) -> str:
    workers, threads = config
    return f"sync x{workers}" if threads == 1 else f"gthread {workers}x{threads}"


def measure(config, env: dict, tmp: Path, jobs: dict, body: bytes, args, round_no: int) -> dict:
    """Peak of both apps and the service at half of its peak, under one configuration."""
    workers, threads = config
    servers = {name: Server(app, env, workers, threads, tmp / f"{name}-{workers}x{threads}.log")
               for name, app in (("bare", "bench.bare_insert:create_app()"),
                                 ("service", "services.assessment.app:create_app()"))}
    try:
        for server in servers.values():
            server.wait_healthy()
        for name, server in servers.items():  # untimed: imports, pools, caches
            warm = hammer(server.port, jobs[name][:args.warmup], body, args.clients)
            if warm["failures"]:
                raise RuntimeError(f"warm-up failed on {name}: {warm['failures'][0]}")
        got = {}
        order = ("bare", "service") if round_no % 2 else ("service", "bare")
        for name in order:
            got[name] = figures(hammer(servers[name].port, jobs[name][args.warmup:][:args.requests],
                                       body, args.clients))
        rate = got["service"]["rps"] / 2
        half_jobs = jobs["service"][args.warmup + args.requests:]
        got["half"] = figures(hammer(servers["service"].port, half_jobs, body, args.clients,
                                     rate=rate))
        got["half"]["rate"] = rate
    finally:
        for server in servers.values():
            server.stop()
    failures = [f for g in got.values() for f in g["failures"]]
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed under {label(config)}: {failures[0]}")
    progress(f"round {round_no}  {label(config):<14} bare {got['bare']['rps']:>6,.0f}/s  service "
             f"{got['service']['rps']:>6,.0f}/s (p99 {got['service']['p99']:.1f} ms)  ratio "
             f"{got['service']['rps'] / got['bare']['rps']:.2f}  at {rate:,.0f}/s: p50 "
             f"{got['half']['p50']:.1f} p95 {got['half']['p95']:.1f} p99 {got['half']['p99']:.1f}")
    return got


def report(results: dict, args) -> str:
    """A row per configuration: medians over the rounds."""
    lines = ["", f"Assessment submissions by gunicorn configuration: {args.requests:,} requests at "
             f"peak, {args.half:,} at half of peak, {args.clients} clients, {args.repeats} rounds "
             "(medians)", "",
             f"{'configuration':<16}{'bare/s':>8}{'service/s':>11}{'ratio':>7}"
             f"{'  peak p50/p95/p99 ms':<24}{'half: /s':>9}{'  p50/p95/p99 ms':<22}"]
    for config, rounds in results.items():
        med = {key: statistics.median(r[part][stat] for r in rounds)
               for key, part, stat in (("bare", "bare", "rps"), ("svc", "service", "rps"),
                                       ("p50", "service", "p50"), ("p95", "service", "p95"),
                                       ("p99", "service", "p99"), ("rate", "half", "rate"),
                                       ("h50", "half", "p50"), ("h95", "half", "p95"),
                                       ("h99", "half", "p99"))}
        ratio = statistics.median(r["service"]["rps"] / r["bare"]["rps"] for r in rounds)
        lines.append(f"{label(config):<16}{med['bare']:>8,.0f}{med['svc']:>11,.0f}{ratio:>7.2f}"
                     f"  {med['p50']:>5.1f} / {med['p95']:>5.1f} / {med['p99']:>5.1f}    "
                     f"{med['rate']:>7,.0f}  {med['h50']:>5.1f} / {med['h95']:>5.1f} / "
                     f"{med['h99']:>5.1f}")
    lines += ["", f"targets: service / bare >= {TARGET_RATIO}, p99 at half of peak < "
              f"{TARGET_P99_MS:.0f} ms"]
    return "\n".join(lines)


def run(settings: Settings, args, tmp: Path) -> str:
    configs = [parse_config(c) for c in args.configs.split(",")]
    per = args.warmup + args.requests + args.half
    count = per * len(configs) * args.repeats
    progress(f"creating database {settings.database_name(SERVICE.name)} and an organisation of "
             f"{count:,} employees")
    setup(SERVICE, settings)
    period, boss_of, codes = build_organisation(settings, count, 25)
    body, key = assessment_body(codes), settings.jwt_private_key_file.read_bytes()
    tokens = {boss: mint(key, boss, [EMPLOYEE]) for boss in set(boss_of.values())}
    service = [(f"/periods/{period}/assessments/{nip}/supervisor/submission", tokens[boss_of[nip]])
               for nip in boss_of]
    env = _environment(settings)
    results: dict = {config: [] for config in configs}
    for round_no in range(1, args.repeats + 1):
        for config in (configs if round_no % 2 else configs[::-1]):
            mine, service = service[:per], service[per:]
            jobs = {"service": mine, "bare": [("/submissions", token) for _, token in mine]}
            results[config].append(measure(config, env, tmp, jobs, body, args, round_no))
    return report(results, args)


def _environment(settings: Settings) -> dict:
    return {**os.environ, "ASN_DATABASE_PREFIX": settings.database_prefix,
            "ASN_TOPIC_PREFIX": settings.topic_prefix,
            "ASN_JWT_PUBLIC_KEY_FILE": str(settings.jwt_public_key_file),
            "ASN_JWT_PRIVATE_KEY_FILE": str(settings.jwt_private_key_file)}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.gunicorn_sweep", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--configs", default="2,3,4,5,2x2,2x4,2x8",
        help="comma-separated: W sync workers, WxT gthread (default 2,3,4,5,2x2,2x4,2x8)")
    add("--requests", type=int, default=2000, help="requests at peak per app (2000)")
    add("--half", type=int, default=1000, help="requests at half of peak (1000)")
    add("--clients", type=int, default=8, help="client threads (8)")
    add("--repeats", type=int, default=2, help="rounds (2)")
    add("--warmup", type=int, default=50, help="untimed requests per app first (50)")
    args = parser.parse_args(argv)
    try:
        [parse_config(c) for c in args.configs.split(",")]
    except ValueError:
        parser.error("--configs: e.g. 2,3,2x4")
    if min(args.requests, args.half, args.warmup) < 10 or min(args.clients, args.repeats) < 1:
        parser.error("--requests, --half, --warmup must be at least 10, the rest positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="asnsweep-") as tmp:
        settings = fresh_settings(Path(tmp))
        try:
            text = run(settings, args, Path(tmp))
        finally:
            clean_up(settings, {}, keep=False)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
