"""Each service's replay, timed, on the databases and topics a run left: ``python -m bench.replay_speed``.

Point ``ASN_DATABASE_PREFIX`` and ``ASN_TOPIC_PREFIX`` at what ``python -m bench.agency --keep``
kept (its ``asnbench_<run>_`` databases and ``bench.<run>.`` topics). Each replay rebuilds into a
scratch schema and drops it (shared/replay.py); no verdict is stored, so the same data can be
replayed again and again, by this tree and by another (before and after, alternating). Prints, per
service, own events and consumed records, seconds (and this process's CPU seconds: the replay's
Python side), events per second, whether the rebuilt tables equal the live ones, and the load
average.
"""
from __future__ import annotations

import argparse
import os
import time

from services.platform import DEFINITIONS
from shared.config import Settings
from shared.replay import replay


def main(argv: list[str] | None = None) -> int:
    """Replay each service named (all by default) and print its figures; 1 if any differed."""
    parser = argparse.ArgumentParser(prog="python -m bench.replay_speed", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="", help="printed on each line (which tree ran it)")
    parser.add_argument("services", nargs="*", default=list(DEFINITIONS),
                        help="services to replay (all)")
    args = parser.parse_args(argv)
    settings, different = Settings.from_env(), 0
    for name in args.services:
        started, cpu = time.perf_counter(), time.process_time()
        got = replay(DEFINITIONS[name], settings, progress=False, keep_verdict=False)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        total = got.own_events + got.consumed_records
        different += not got.equal
        print(f"{args.label} {name}: {got.own_events} own + {got.consumed_records} consumed in"
              f" {seconds:.1f} s ({cpu:.1f} s CPU here) = {total / seconds:,.0f} events/s,"
              f" equal={got.equal},"
              f" load {os.getloadavg()[0]:.2f}", flush=True)
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
