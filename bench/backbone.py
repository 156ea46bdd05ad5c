"""How much of raw kafka-python throughput the event backbone keeps: ``python -m bench.backbone``.

Each round, on the same broker and with the same producer and consumer settings as the plumbing
(``shared.relay.producer_for``, ``shared.consumer.consumer_for``), it measures four things:

1. raw producer     a KafkaProducer sends N records shaped exactly as the relay sends them
                    (key = NIP, ~860-byte assessment JSON, CloudEvents headers), then flushes;
2. relay            N events are bulk-inserted into the bench service's ``events`` table (untimed),
                    then ``shared.relay.Relay`` publishes them: read, encode, send, wait for acks,
                    move its cursor;
3. raw consumer     a KafkaConsumer (manual assign, from the beginning) reads the relay's N records;
4. consumer runner  ``shared.consumer.ConsumerRunner`` applies the same N records: decodes and
                    validates each event, records offsets and event ids and bumps a one-row
                    projection, all in one transaction per batch. Its clock starts when the group
                    assigns it the partitions (joining a group is a one-off start-up cost).
                    Built as the services build it (``apply``: the handlers kept on the fast path
                    and applied by the batch handler, a statement per run of events), and
                    measured again the old way, the handler's statement per event ("per event");
                    the two alternate which goes first from round to round.

Rates are events per second, the median of the rounds with the min-max beside it. The ratios
relay / raw producer and runner / raw consumer say how much of what kafka-python alone can do the
plumbing keeps once it adds its guarantees (ordering, at-least-once, once-only effects, offsets in
the same database transaction); the targets are issue 15's 0.8 and 0.5. A ratio compares two
things done on one CPU budget (2 cores here, shared with PostgreSQL and Kafka), so it moves less from machine
to machine than the rates do, but it does depend on how fast kafka-python itself is: without the
``crc32c`` package kafka-python checksums every record batch in pure Python, the raw clients spend
most of their time there, and both ratios look better than with the C checksum. The line under the
title says which one ran.

The bench uses its own registry, database and topics (unique names) and removes them at the end,
also after an error or Ctrl-C.
"""
from __future__ import annotations

import argparse
import logging
import signal
import statistics
import time

import psycopg
from kafka.errors import KafkaTimeoutError

from bench.measure import time_raw_consumer, time_raw_producer, time_relay, time_runner
from bench.workload import SERVICE, BenchEnv, Workload
from shared.config import Settings
from shared.envelope import to_record

MEASURES = ("raw producer", "relay", "raw consumer", "consumer runner", "runner per event")
TARGETS = (("relay / raw producer", "relay", "raw producer", 0.8),
           ("runner / raw consumer", "consumer runner", "raw consumer", 0.5),
           ("per event / raw consumer", "runner per event", "raw consumer", 0.5))


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_round(env: BenchEnv, workload: Workload, round_no: int, n: int) -> dict[str, float]:
    """One round of the four measurements, each on fresh topics; returns events/s by measure."""
    label, rates = f"round {round_no}/{env.rounds}", {}
    records = [to_record(e) for e in workload.events(n)]
    rates["raw producer"] = n / time_raw_producer(env, env.topic("raw", round_no), records)
    progress(f"{label}  raw producer     {rates['raw producer']:>9,.0f} events/s")
    started = time.perf_counter()
    workload.append(env.url, n)
    progress(f"{label}  appended {n:,} events to the events table in "
             f"{time.perf_counter() - started:.1f} s (not timed)")
    relayed = env.topic("relayed", round_no)
    rates["relay"] = n / time_relay(env, relayed, n)
    progress(f"{label}  relay            {rates['relay']:>9,.0f} events/s")
    rates["raw consumer"] = n / time_raw_consumer(env, relayed, n)
    progress(f"{label}  raw consumer     {rates['raw consumer']:>9,.0f} events/s")
    for measure in (("consumer runner", "runner per event") if round_no % 2 else
                    ("runner per event", "consumer runner")):  # alternating which goes first
        rates[measure] = n / time_runner(env, relayed, n, kept=measure == "consumer runner")
        progress(f"{label}  {measure:<16} {rates[measure]:>9,.0f} events/s")
    return rates


def record_shape(workload: Workload) -> str:
    """What the records look like, e.g. 'value ~861 B, 11 headers (~340 B)'."""
    records = [to_record(e) for e in workload.events(200)]
    value = statistics.mean(len(v) for _, v, _ in records)
    headers = statistics.mean(sum(len(k) + len(v) for k, v in h) for _, _, h in records)
    return f"value ~{value:.0f} B, {len(records[0][2])} headers (~{headers:.0f} B)"


def crc_implementation() -> str:
    """kafka-python checksums every record batch; without the crc32c package it does so in Python."""
    from kafka.record import util
    if getattr(util, "crc32c_c", None) is not None:
        return "C (crc32c package)"
    return "pure Python (no crc32c package: every Kafka client here is several times slower)"


def report(rounds: list[dict[str, float]], args: argparse.Namespace, shape: str) -> str:
    """The results table, the two ratios and whether each meets its target."""
    medians = {m: statistics.median(r[m] for r in rounds) for m in MEASURES}
    lines = ["", f"Event backbone vs raw kafka-python: {args.events:,} events x {args.repeats} "
             f"rounds, {args.partitions} partitions; {shape}",
             f"kafka-python CRC32C: {crc_implementation()}", "",
             f"{'':<18}{'events/s (median)':>19}{'min - max':>24}"]
    for m in MEASURES:
        low, high = min(r[m] for r in rounds), max(r[m] for r in rounds)
        lines.append(f"{m:<18}{medians[m]:>19,.0f}{f'{low:,.0f} - {high:,.0f}':>24}")
    lines += ["", f"{'ratio (of medians)':<24}{'value':>7}{'target':>10}"]
    for name, top, bottom, target in TARGETS:
        ratio = medians[top] / medians[bottom]
        verdict = "meets target" if ratio >= target else "BELOW target"
        lines.append(f"{name:<24}{ratio:>7.2f}{f'>= {target:.1f}':>10}   {verdict}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.backbone", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20_000, help="events per round (20000)")
    parser.add_argument("--repeats", type=int, default=3, help="rounds; the median is reported (3)")
    parser.add_argument("--partitions", type=int, default=Settings.from_env().topic_partitions,
                        help="partitions of every bench topic (ASN_TOPIC_PARTITIONS, 6)")
    args = parser.parse_args(argv)
    if args.events < 1 or args.repeats < 1 or args.partitions < 1:
        parser.error("--events, --repeats and --partitions must be positive")
    return args


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def run(env: BenchEnv, args: argparse.Namespace) -> str:
    """Set up, run every round and return the report; the caller cleans up."""
    progress(f"creating database {env.settings.database_name(SERVICE.name)} and topics "
             f"{env.settings.topic_prefix}* ({args.partitions} partitions)")
    env.create()
    workload = Workload()
    rounds = [run_round(env, workload, r, args.events) for r in range(1, args.repeats + 1)]
    return report(rounds, args, record_shape(workload))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    # kafka-python warns when its I/O thread waits for the GIL, which a busy benchmark always causes.
    logging.getLogger("kafka").setLevel(logging.ERROR)
    signal.signal(signal.SIGTERM, _interrupt)
    env = BenchEnv.fresh(args.partitions, args.repeats)
    try:
        text = run(env, args)
    except KeyboardInterrupt:
        progress("interrupted")
        return 130
    except (psycopg.OperationalError, KafkaTimeoutError) as exc:
        progress(f"PostgreSQL or Kafka did not answer ({exc}); are they up? deploy/infra.sh start")
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop the clean-up
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        clean_up(env)
    print(text)
    return 0


def clean_up(env: BenchEnv) -> None:
    progress("dropping the bench database and topics")
    try:
        env.destroy()
    except Exception as exc:  # noqa: BLE001 - say what is left behind rather than hide the result
        progress(f"clean-up could not finish ({exc}); if they exist, drop database "
                 f"{env.settings.database_name(SERVICE.name)} and topics "
                 f"{env.settings.topic_prefix}* by hand")


if __name__ == "__main__":
    raise SystemExit(main())
