"""The relay against the raw kafka-python producer, per producer tuning: ``python -m bench.relay_tuning``.

``bench.backbone`` measures the relay and the raw producer with the settings of the environment
(``ASN_RELAY_BATCH``, ``ASN_KAFKA_LINGER_MS``, ``ASN_KAFKA_BATCH_BYTES``, ``ASN_KAFKA_COMPRESSION``:
``shared.config.ProducerTuning``). This runs the same two measurements (``bench.measure``: the
raw producer sends N records shaped as the relay's; the relay publishes N events appended to its
table, acks awaited, cursor moved) for several tunings in one session, on the same broker and
database: each round goes through every tuning (in alternating order, and with the raw producer
and the relay in alternating order), so the machine's drift hits all alike. Each tuning is given
as changes to the defaults, e.g. ``--tunings "-" "compression=lz4" "linger_ms=20,relay_batch=5000"``
(``-``: the defaults). Target (issue 15): relay / raw producer >= 0.8.

``--against DIR`` (another checkout of this repository, before a change, say) times that
checkout's relay too, in the same rounds: each relay then runs in a process of its own started in
its checkout (its ``bench.measure.time_relay``), this one's as well, so neither carries the
bench's own objects; the raw producer stays in this process.
"""
from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

import psycopg

from bench.backbone import clean_up, crc_implementation, progress, record_shape
from bench.measure import time_raw_producer, time_relay
from bench.workload import BenchEnv, Workload
from shared.config import ProducerTuning
from shared.envelope import to_record
from shared.topics import delete_topics, ensure_topics

DEFAULT_TUNINGS = ("-", "compression=gzip", "compression=lz4", "compression=zstd", "linger_ms=0",
                   "linger_ms=20", "batch_bytes=65536", "batch_bytes=1048576",
                   "relay_batch=5000", "relay_batch=10000")
TARGET = 0.8
OTHER = "relay @other"
# Run in a checkout's directory (its packages come first on the path): one relay measurement.
_RELAY_SCRIPT = """
import sys
import shared.relay
from bench.measure import time_relay
from bench.workload import BenchEnv
from shared.config import Settings
topic, n = sys.argv[1], int(sys.argv[2])
rate = n / time_relay(BenchEnv(Settings.from_env(), 1), topic, n)
print(shared.relay.__file__, rate)
"""


def tuning_from(text: str) -> ProducerTuning:
    """``"compression=lz4,linger_ms=20"`` as a ProducerTuning (``-``: the defaults)."""
    kinds = {f.name: f.type for f in fields(ProducerTuning)}
    changes = {}
    for part in filter(None, text.replace("-", "").split(",")):
        name, _, value = part.partition("=")
        if name not in kinds:
            raise ValueError(f"unknown setting {name!r}; known: {', '.join(kinds)}")
        changes[name] = value if name == "compression" else int(value)
    return replace(ProducerTuning(), **changes)


def one(env: BenchEnv, workload: Workload, text: str, topics: tuple[str, ...],
        n: int, order: list[str], against: Path | None) -> dict[str, float]:
    """Events/s of the raw producer and the relay(s) under the tuning ``text`` names, in ``order``."""
    tuned = replace(env, settings=env.settings.with_(producer=tuning_from(text)))
    records = [to_record(e) for e in workload.events(n)]
    rates = {}
    for what in order:
        if what == "raw":
            rates["raw"] = n / time_raw_producer(tuned, topics[0], records)
            continue
        workload.append(env.url, n)  # untimed; the relay publishes these
        wait_for_horizon(env.url)
        if against is None:
            rates["relay"] = n / time_relay(tuned, topics[1], n)
        else:
            here = Path(__file__).resolve().parent.parent
            rates[what] = relay_in(here if what == "relay" else against, tuned,
                                   topics[1 if what == "relay" else 2], n)
    return rates


def wait_for_horizon(url: str, timeout: float = 300.0) -> None:
    """Wait until every event appended is below the cluster's horizon: a transaction left open in
    any database of the cluster (other people's work on a shared machine) holds the relay back,
    which is not the relay's time (it waited 5 to 20 s at times on 2026-12-06)."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(url, autocommit=True) as conn:
        while not conn.execute("SELECT coalesce(max(tx_id) < pg_snapshot_xmin(pg_current_snapshot()),"
                               " true) FROM events").fetchone()[0]:
            if time.monotonic() > deadline:
                raise RuntimeError("the appended events stayed behind an open transaction")
            time.sleep(0.01)


def relay_in(checkout: Path, env: BenchEnv, topic: str, n: int) -> float:
    """Events/s of ``checkout``'s relay, timed by its ``bench.measure.time_relay`` in a process
    of its own started there, with this bench's database, topics and producer settings."""
    settings, tuning = env.settings, env.settings.producer
    environ = {**os.environ, "ASN_DATABASE_PREFIX": settings.database_prefix,
               "ASN_TOPIC_PREFIX": settings.topic_prefix,
               "ASN_TOPIC_PARTITIONS": str(settings.topic_partitions),
               "ASN_RELAY_BATCH": str(tuning.relay_batch),
               "ASN_KAFKA_LINGER_MS": str(tuning.linger_ms),
               "ASN_KAFKA_BATCH_BYTES": str(tuning.batch_bytes),
               "ASN_KAFKA_COMPRESSION": tuning.compression}
    done = subprocess.run([sys.executable, "-c", _RELAY_SCRIPT, topic, str(n)], cwd=checkout,
                          env=environ, capture_output=True, text=True, timeout=900)
    if done.returncode:
        raise RuntimeError(f"the relay of {checkout} failed:\n{done.stderr[-3000:]}")
    module, rate = done.stdout.split()[-2:]
    if not Path(module).resolve().is_relative_to(checkout.resolve()):
        raise RuntimeError(f"{checkout}'s relay ran {module}, not its own")
    return float(rate)


def report(results: dict[str, list[dict]], args, shape: str) -> str:
    lines = ["", f"Relay vs raw kafka-python producer by tuning: {args.events:,} events x "
             f"{args.repeats} rounds, {args.partitions} partitions; {shape}",
             f"kafka-python CRC32C: {crc_implementation()}; defaults {ProducerTuning()}", "",
             f"{'tuning':<34}{'raw/s':>9}{'relay/s':>9}{'ratio':>7}   ratio of each round"]
    for text, rounds in results.items():
        for relay in [k for k in ("relay", OTHER) if k in rounds[0]]:
            lines.append(row(f"{text}{' (@other)' if relay == OTHER else ''}", rounds, relay))
        if OTHER in rounds[0]:
            gains = [r["relay"] / r[OTHER] for r in rounds]
            lines.append(f"{'  relay / relay @other':<34}{'':>18}{statistics.median(gains):>7.2f}"
                         f"   {', '.join(f'{g:.2f}' for g in gains)}")
    lines += ["", f"rates: medians of the rounds; ratio: the median of the rounds' ratios (each "
              f"round's measurements ran back to back); target relay / raw producer >= {TARGET}"]
    if args.against:
        lines.append(f"relay @other: the relay of {args.against}; each relay in its own process")
    return "\n".join(lines)


def row(label: str, rounds: list[dict], relay: str) -> str:
    raw = statistics.median(r["raw"] for r in rounds)
    rate = statistics.median(r[relay] for r in rounds)
    ratios = [r[relay] / r["raw"] for r in rounds]
    each = ", ".join(f"{ratio:.2f}" for ratio in ratios)
    return f"{label:<34}{raw:>9,.0f}{rate:>9,.0f}{statistics.median(ratios):>7.2f}   {each}"


def run(env: BenchEnv, args) -> str:
    tunings = {text: tuning_from(text) for text in args.tunings}
    kinds = ("raw", "relayed") + (("other",) if args.against else ())
    topics = {(text, r): tuple(env.settings.topic(f"tune{i}.{kind}.r{r}") for kind in kinds)
              for i, text in enumerate(tunings) for r in range(1, args.repeats + 1)}
    args.extra_topics = [t for pair in topics.values() for t in pair]
    progress(f"creating database and {len(args.extra_topics)} topics")
    env.create()
    ensure_topics(env.bootstrap, args.extra_topics, args.partitions, 1)
    workload, results = Workload(), {text: [] for text in tunings}
    for r in range(1, args.repeats + 1):
        order = list(tunings) if r % 2 else list(tunings)[::-1]
        for i, text in enumerate(order):
            got = one(env, workload, text, topics[(text, r)], args.events,
                      measured_in_order(args, r + i), args.against)
            results[text].append(got)
            progress(f"round {r}/{args.repeats}  {text:<32} raw {got['raw']:>8,.0f}  relay "
                     f"{got['relay']:>8,.0f}  ratio {got['relay'] / got['raw']:.2f}"
                     + (f"  @other {got[OTHER]:>8,.0f}  ratio {got[OTHER] / got['raw']:.2f}"
                        if args.against else ""))
    return report(results, args, record_shape(workload))


def measured_in_order(args, turn: int) -> list[str]:
    """The measurements of one tuning in one round, their order turned by ``turn``."""
    names = ["raw", "relay"] + ([OTHER] if args.against else [])
    shift = turn % len(names)
    return names[shift:] + names[:shift]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.relay_tuning", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--tunings", nargs="+", default=list(DEFAULT_TUNINGS), help="changes to the defaults")
    add("--events", type=int, default=20_000, help="events per measurement (20000)")
    add("--repeats", type=int, default=3, help="rounds (3)")
    add("--partitions", type=int, default=6, help="partitions of every topic (6)")
    add("--against", type=Path, help="another checkout of this repository (before a change, say):"
        f" its relay is timed too, as '{OTHER}', in the same rounds")
    args = parser.parse_args(argv)
    try:
        [tuning_from(t) for t in args.tunings]
    except ValueError as exc:
        parser.error(str(exc))
    if min(args.events, args.repeats, args.partitions) < 1:
        parser.error("--events, --repeats and --partitions must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.extra_topics = []
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    logging.getLogger("kafka").setLevel(logging.ERROR)
    env = BenchEnv.fresh(args.partitions, args.repeats)
    started = time.perf_counter()
    try:
        text = run(env, args)
    finally:
        clean_up(env)
        if args.extra_topics:
            delete_topics(env.bootstrap, args.extra_topics)
    print(text)
    print(f"\n({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
