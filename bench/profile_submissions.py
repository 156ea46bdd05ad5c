"""Where a submission's time goes in the web worker, under load: ``python -m bench.profile_submissions``.

The set-up of ``bench.submissions`` (a fresh database, an organisation, the same body and tokens,
gunicorn with deploy/gunicorn.conf.py), then, for the assessment service and the bare one-INSERT
app in turn: py-spy (``requirements.txt``) samples every worker of the gunicorn while C client
threads send it the timed requests, and ``bench.profile_breakdown`` sums the samples into phases
(the JWT check, the body check, the context query, the event append, the projections, the
commit, the response, the metrics, the access log, gunicorn's HTTP...), in ms per request, with
how much of each was spent waiting on a socket (PostgreSQL's answer, for the database phases).

py-spy samples from outside the process (``--nonblocking``: the workers are never paused), so the
workers run the code as deployed; its own CPU (a few percent of a core at the default rate) comes
out of the same two cores, which is why the requests/s printed here are not the benchmark's:
``make bench-submissions`` measures throughput, this measures shares. Needs ptrace rights (root,
or kernel.yama.ptrace_scope 0).
"""
from __future__ import annotations

import argparse
import logging
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import profile_breakdown
from bench.http_load import Server, figures, hammer
from bench.submissions import (TARGETS, assessment_body, build_organisation, clean_up,
                               fresh_settings, progress, start_servers, warm_up)
from services.assessment.definition import SERVICE
from shared.auth import EMPLOYEE, mint
from shared.config import Settings
from shared.runtime import setup

PY_SPY = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))


def workers_of(server: Server) -> list[int]:
    """The pids of the gunicorn master's workers (its child processes)."""
    pid = server.proc.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children]


def sample(server: Server, jobs: list, body: bytes, args, out: Path) -> tuple[dict, str]:
    """Hammer ``server`` with ``jobs`` while py-spy samples each worker; figures and breakdown."""
    spies = [subprocess.Popen([PY_SPY, "record", "--pid", str(pid), "--rate", str(args.rate),
                               "--format", "raw", "--output", str(out.with_suffix(f".{pid}.txt")),
                               "--idle", "--nonblocking"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for pid in workers_of(server)]
    time.sleep(1.5)  # py-spy attaches
    got = figures(hammer(server.port, jobs, body, args.clients))
    time.sleep(0.5)
    for spy in spies:
        spy.send_signal(signal.SIGINT)
    for spy in spies:
        _, err = spy.communicate(timeout=60)
        if spy.returncode not in (0, -signal.SIGINT):
            raise RuntimeError(f"py-spy failed: {err.decode(errors='replace')[-1500:]}")
    lines = [line for path in out.parent.glob(f"{out.stem}.*.txt")
             for line in path.read_text().splitlines()]
    if args.raw:
        for path in out.parent.glob(f"{out.stem}.*.txt"):
            shutil.copy(path, args.raw)
    result = profile_breakdown.breakdown(lines)
    return got, profile_breakdown.table(result, args.rate, len(jobs))


def run(settings: Settings, args, servers: dict, tmp: Path) -> str:
    progress(f"creating an organisation of {args.requests + args.warmup:,} employees")
    setup(SERVICE, settings)
    period, boss_of, codes = build_organisation(settings, args.requests + args.warmup, 25)
    body, key = assessment_body(codes), settings.jwt_private_key_file.read_bytes()
    tokens = {boss: mint(key, boss, [EMPLOYEE]) for boss in set(boss_of.values())}
    staff = list(boss_of)
    jobs = [(f"/periods/{period}/assessments/{nip}/supervisor/submission", tokens[boss_of[nip]])
            for nip in staff[args.warmup:]]
    start_servers(settings, args, tmp, servers)
    warm_up(servers, period, staff[:args.warmup], key, body, args.clients)
    text = [f"py-spy at {args.rate} samples/s per thread; {args.requests:,} requests, "
            f"{args.clients} clients, gunicorn --workers {args.workers} --threads {args.threads}"]
    for target in TARGETS[::-1]:
        progress(f"sampling {target}")
        mine = jobs if target == "service" else [("/submissions", t) for _, t in jobs]
        got, breakdown = sample(servers[target], mine, body, args, tmp / target.split()[0])
        text += ["", f"{target}: {got['rps']:,.0f} requests/s while sampled, p50 {got['p50']:.1f}"
                 f" p95 {got['p95']:.1f} p99 {got['p99']:.1f} ms"
                 + (f", {len(got['failures'])} FAILED" if got["failures"] else ""), breakdown]
    return "\n".join(text)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_submissions", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--requests", type=int, default=3000, help="sampled requests per target (3000)")
    add("--clients", type=int, default=8, help="concurrent client threads (8)")
    add("--workers", type=int, default=2, help="gunicorn workers (2)")
    add("--threads", type=int, default=1, help="gunicorn threads per worker; 1: sync (1)")
    add("--rate", type=int, default=250, help="py-spy samples per second (250)")
    add("--warmup", type=int, default=50, help="untimed requests first (50)")
    add("--raw", type=Path, help="a folder to keep py-spy's raw stacks in")
    args = parser.parse_args(argv)
    if min(args.requests, args.clients, args.workers, args.threads, args.rate, args.warmup) < 1:
        parser.error("every count must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.keep, args.against = False, None
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    servers: dict[str, Server] = {}
    with tempfile.TemporaryDirectory(prefix="asnprofile-") as tmp:
        settings = fresh_settings(Path(tmp))
        try:
            text = run(settings, args, servers, Path(tmp))
        finally:
            clean_up(settings, servers, keep=False)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
