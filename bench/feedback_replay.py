"""Comparisons per second when a period's worth of assessment events is consumed: ``make bench-feedback``.

One topic is filled once with a whole quarterly period of a generated agency (units, the
competency dictionary, N employees with reporting lines, the period, and every employee's self
and supervisor AssessmentSubmitted, with realistic spread). Then, each round and each on a fresh
feedback database, the same records are consumed from the beginning by ``ConsumerRunner``:

1. bookkeeping   no handlers: decode, validate, record offsets and event ids (the baseline);
2. projections   the feedback handlers only: what a replay does with consumed records;
3. comparisons   handlers and reactors, as the live consumer runs: each employee's pair is
                 compared, RatingsCompared, RatingDiscrepancyDetected and FeedbackDialogueOpened
                 are recorded and projected in the consumer's transaction.

It prints records/s for each, comparisons/s, and the ratio comparisons / bookkeeping on records,
the median of the rounds with min-max. Everything uses its own databases and topic, removed at
the end, also after an error or Ctrl-C.
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
import uuid

import psycopg
from kafka import KafkaConsumer, TopicPartition
from psycopg.rows import dict_row

from services.feedback.definition import SERVICE
from shared.config import Settings
from shared.consumer import ConsumerRunner
from shared.prerequisites import NONE
from shared.db import drop_database
from shared.runtime import setup
from shared.topics import delete_topics, ensure_topics
from tests.support import assessment_events as ae
from tests.support.kafka import publish
from tests.support.people import CORE

MEASURES = ("bookkeeping", "projections", "comparisons")


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def period_events(employees: int, seed: int = 7) -> list:
    """Units, dictionary, organisation, period and both assessments of every employee."""
    rng = random.Random(seed)
    units = [f"UNIT{u:02d}" for u in range(10)]
    head = f"{10**17 - 1:018d}"
    events = [ae.unit("AGENCY", "Pemerintah Kabupaten"),
              *[ae.unit(u, f"Unit {u}", "AGENCY") for u in units],
              *[ae.competency(c, "sociocultural" if c == "SK.01" else "managerial") for c in CORE],
              ae.employee(head, "AGENCY", None), ae.period()]
    staff = [f"{n:018d}" for n in range(10**17, 10**17 + employees)]
    for i, person in enumerate(staff):
        unit = units[i % len(units)]
        boss = head if i < len(units) else staff[i % len(units)]
        events.append(ae.employee(person, unit, boss))
    for i, person in enumerate(staff):
        unit = units[i % len(units)]
        boss = head if i < len(units) else staff[i % len(units)]
        truth = {c: rng.choice((2, 3, 3, 3, 4)) for c in CORE}
        own = {c: max(1, min(5, level + rng.choice((-2, -1, 0, 0, 0, 1, 1, 2))))
               for c, level in truth.items()}
        events.append(ae.submitted(person, "self", person, own, unit_code=unit))
        events.append(ae.submitted(person, "supervisor", boss, truth, unit_code=unit))
    return events


def consume(settings: Settings, topic: str, runner: ConsumerRunner) -> float:
    """Seconds for ``runner`` to apply every record of ``topic`` from the beginning."""
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, group_id=None,
                             enable_auto_commit=False, max_poll_records=2000,
                             fetch_max_bytes=16 * 1024 * 1024,
                             max_partition_fetch_bytes=4 * 1024 * 1024)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        consumer.assign(parts)
        ends = consumer.end_offsets(parts)
        consumer.seek_to_beginning(*parts)
        started = time.perf_counter()
        while any(consumer.position(tp) < ends[tp] for tp in parts):
            records = [r for batch in consumer.poll(timeout_ms=500).values() for r in batch]
            if records:
                runner.process(records)
        return time.perf_counter() - started
    finally:
        consumer.close(autocommit=False)


def measure(settings: Settings, topic: str, kind: str) -> tuple[float, int]:
    """One measure on a fresh database: (seconds, comparisons made)."""
    db = settings.with_(database_prefix=f"{settings.database_prefix}{uuid.uuid4().hex[:6]}_")
    setup(SERVICE, db)
    try:
        with psycopg.connect(db.database_url(SERVICE.name), row_factory=dict_row) as conn:
            runner = ConsumerRunner(
                conn, name=SERVICE.consumer_name,
                handlers=SERVICE.handlers if kind != "bookkeeping" else {},
                reactors=SERVICE.bound_reactors(settings) if kind == "comparisons" else {},
                dlq_producer=None, dlq_topic="", registry=SERVICE.registry,
                prerequisites=SERVICE.prerequisites(settings) if kind == "comparisons" else NONE,
                apply=SERVICE.apply_kept)  # as the service's runner: projections written behind
            seconds = consume(settings, topic, runner)
            made = conn.execute("SELECT count(*) AS n FROM comparisons").fetchone()["n"]
            conn.rollback()
        return seconds, made
    finally:
        drop_database(db.server_url(), db.database_name(SERVICE.name))
        delete_topics(db.kafka_bootstrap, SERVICE.topics(db))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.feedback_replay", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    run = uuid.uuid4().hex[:8]
    settings = Settings.from_env().with_(database_prefix=f"asnbench_{run}_",
                                         topic_prefix=f"bench.{run}.")
    topic = settings.topic("assessment.events")
    ensure_topics(settings.kafka_bootstrap, [topic], settings.topic_partitions)
    try:
        events = period_events(args.employees)
        progress(f"publishing a period of {args.employees:,} employees: {len(events):,} records")
        publish(settings.kafka_bootstrap, topic, events)
        rates: dict[str, list[float]] = {m: [] for m in MEASURES}
        compared: list[float] = []
        for round_no in range(1, args.rounds + 1):
            for kind in MEASURES:
                seconds, made = measure(settings, topic, kind)
                rates[kind].append(len(events) / seconds)
                line = f"round {round_no}/{args.rounds}  {kind:<12} {len(events) / seconds:>8,.0f} records/s"
                if kind == "comparisons":
                    assert made == args.employees, f"{made} comparisons, expected {args.employees}"
                    compared.append(made / seconds)
                    line += f"  {made / seconds:>7,.0f} comparisons/s"
                progress(line)
        print(report(rates, compared, args, len(events)))
        return 0
    finally:
        delete_topics(settings.kafka_bootstrap, [topic])


def _figure(values: list[float]) -> str:
    return f"{statistics.median(values):>9,.0f}  ({min(values):,.0f}-{max(values):,.0f})"


def report(rates: dict[str, list[float]], compared: list[float], args, records: int) -> str:
    ratios = [c / b for c, b in zip(rates["comparisons"], rates["bookkeeping"])]
    lines = [f"\nfeedback replay: {args.employees:,} employees, {records:,} records, "
             f"{args.rounds} rounds (median, min-max)",
             *[f"  {kind:<22} records/s {_figure(rates[kind])}" for kind in MEASURES],
             f"  {'comparisons':<22} per second {_figure(compared)}",
             f"  ratio comparisons / bookkeeping (records/s): {statistics.median(ratios):.2f}"
             f"  ({min(ratios):.2f}-{max(ratios):.2f})"]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
