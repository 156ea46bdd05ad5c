"""Each service's replay, timed, on the databases and topics a run left: ``python -m bench.replay_speed``.

Point ``ASN_DATABASE_PREFIX`` and ``ASN_TOPIC_PREFIX`` at what ``python -m bench.agency --keep``
kept (its ``asnbench_<run>_`` databases and ``bench.<run>.`` topics). Each replay rebuilds into a
scratch schema and drops it (shared/replay.py); no verdict is stored, so the same data can be
replayed again and again, by this tree and by another (before and after, alternating). Prints, per
service, own events and consumed records, seconds (and this process's CPU seconds: the replay's
Python side; and the CPU seconds of the PostgreSQL backends serving its connections, named by
libpq's PGAPPNAME and read from /proc every 50 ms: the last 50 ms of each may be missed), events
per second, whether the rebuilt tables equal the live ones, and the load average. Wall time on a
shared machine varies with what else runs; the two CPU figures much less.
"""
from __future__ import annotations

import argparse
import os
import threading
import time
from pathlib import Path

import psycopg

from services.platform import DEFINITIONS
from shared.config import Settings
from shared.replay import replay

APP = "asn-replay-speed"  # the application_name of the replay's connections (PGAPPNAME)


class BackendCPU:
    """CPU seconds used by the PostgreSQL backends of the connections named ``APP`` while this
    is entered (they must run on this machine: their /proc entries are read)."""

    def __init__(self, url: str) -> None:
        self.url, self.ticks, self.stop = url, {}, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "BackendCPU":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    @property
    def seconds(self) -> float:
        """Their CPU seconds, user and system."""
        return sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")

    def _sample(self) -> None:
        with psycopg.connect(self.url, application_name=f"{APP}-sampler", autocommit=True) as conn:
            while not self.stop.wait(0.05):
                for pid, in conn.execute("SELECT pid FROM pg_stat_activity"
                                         " WHERE application_name = %s", (APP,)).fetchall():
                    try:
                        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:  # ended meanwhile
                        continue
                    self.ticks[pid] = max(self.ticks.get(pid, 0), int(fields[11]) + int(fields[12]))


def main(argv: list[str] | None = None) -> int:
    """Replay each service named (all by default) and print its figures; 1 if any differed."""
    parser = argparse.ArgumentParser(prog="python -m bench.replay_speed", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="", help="printed on each line (which tree ran it)")
    parser.add_argument("services", nargs="*", default=list(DEFINITIONS),
                        help="services to replay (all)")
    args = parser.parse_args(argv)
    settings, different = Settings.from_env(), 0
    os.environ["PGAPPNAME"] = APP
    for name in args.services:
        with BackendCPU(settings.database_url(name)) as backends:
            started, cpu = time.perf_counter(), time.process_time()
            got = replay(DEFINITIONS[name], settings, progress=False, keep_verdict=False)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        total = got.own_events + got.consumed_records
        different += not got.equal
        print(f"{args.label} {name}: {got.own_events} own + {got.consumed_records} consumed in"
              f" {seconds:.1f} s ({cpu:.1f} s CPU here, {backends.seconds:.1f} s PostgreSQL)"
              f" = {total / seconds:,.0f} events/s,"
              f" equal={got.equal},"
              f" load {os.getloadavg()[0]:.2f}", flush=True)
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
