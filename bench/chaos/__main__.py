"""`python -m bench.chaos`: the whole platform on throwaway PostgreSQL and Kafka, under load, while
web workers, gunicorn masters, relays, consumers, the broker and PostgreSQL are killed in turn and
poison records are written to the consumed topics; then every check (docs/reliability.md).

Exit status 0 only when every check passed; 1 otherwise, with each failed check named.
"""
from __future__ import annotations

import argparse
import logging
import sys

from bench.chaos.run import Options, run


def parser() -> argparse.ArgumentParser:
    d = Options()
    p = argparse.ArgumentParser(prog="python -m bench.chaos", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, default=d.seconds,
                   help=f"how long load and faults go on (default {d.seconds:g})")
    p.add_argument("--employees", type=int, default=d.employees,
                   help=f"about how many in the agency (default {d.employees})")
    p.add_argument("--rate", type=float, default=d.rate,
                   help=f"new submissions a second (default {d.rate:g})")
    p.add_argument("--threads", type=int, default=d.threads,
                   help=f"submissions in flight at once (default {d.threads})")
    p.add_argument("--faults", type=int, default=None,
                   help="how many faults (default: as many as the time allows, every kind at"
                        " least once)")
    p.add_argument("--gap", type=float, default=d.gap,
                   help=f"seconds from one recovery to the next fault (default {d.gap:g})")
    p.add_argument("--overlap", action="store_true",
                   help="spread one round of faults evenly over the time without waiting for"
                        " each recovery (the short run of the test suite)")
    p.add_argument("--pause", type=float, default=d.pause,
                   help=f"seconds a killed process stays down (default {d.pause:g})")
    p.add_argument("--keep", action="store_true",
                   help="keep the temporary directory (every process's log, the data)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("kafka").setLevel(logging.CRITICAL)  # reconnect noise while it is down
    logging.getLogger("shared").setLevel(logging.ERROR)    # the replays name each poison record
    options = Options(seconds=args.seconds, employees=args.employees, rate=args.rate,
                      threads=args.threads, faults=args.faults, pause=args.pause, keep=args.keep,
                      gap=args.gap, overlap=args.overlap)
    return 0 if run(options).ok else 1


if __name__ == "__main__":
    sys.exit(main())
