"""Copies of a consuming service in one consumer group: ``make bench-copies``.

A period's worth of assessment events (bench.feedback_replay's agency: units, the competency
dictionary, N employees, the period, every self and supervisor assessment) is consumed by 1, 2 and
3 copies of feedback's consumer, then of training's: the same code the ``consume`` process runs
(handlers, reactors, the once-only bookkeeping), each copy a process of its own in one group, so
Kafka splits the topic's partitions (6 by default, at least 3) between them.

For each service and count, on a fresh database and fresh topics: the copies start, the clock
starts once the group is stable with every copy in it, the records are published (at a raw
producer's pace, far above what the consumers apply), and the clock stops when the database has
applied every record. It prints records/s per count and the speed-up over one copy, checks that
every count decided the same (comparisons, training's decisions), and shows the machine's cores
and load: copies are processes, so with 2 cores (shared with PostgreSQL and Kafka) they cannot
scale past what those 2 cores give. Databases, topics and groups are the run's own, removed at
the end. ``--brokers 3`` runs it on the local 3-broker cluster (make cluster).
"""
from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import time
import uuid

import psycopg
from kafka import KafkaAdminClient
from psycopg.rows import dict_row

from bench.feedback_replay import period_events, progress
from services.platform import definition as service_definition
from shared.clients import consumer_for, producer_for
from shared.config import Settings, cluster_bootstrap
from shared.db import drop_database
from shared.runtime import setup, stop_on_signals
from shared.topics import delete_topics, ensure_topics
from tests.support.kafka import publish

SERVICES = ("feedback", "training")
SUBMITTED = "assessment.AssessmentSubmitted.v1"
DECIDED = {"feedback": "SELECT count(*) FROM comparisons",
           "training": "SELECT count(*) FROM events WHERE type NOT LIKE 'training.Programme%%'"}


def run_copy(service_name: str, settings: Settings, group: str) -> None:
    """One copy: what ``python -m services.<name> consume`` runs, in group ``group``."""
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("kafka").setLevel(logging.ERROR)
    stop = stop_on_signals()
    service = service_definition(service_name)
    producer = producer_for(settings.kafka_bootstrap, client_id=f"{group}-dlq")
    consumer = consumer_for(settings.kafka_bootstrap, group, client_id=f"{group}-{os.getpid()}")
    try:
        with psycopg.connect(settings.database_url(service.name), row_factory=dict_row) as conn:
            runner = service.consumer_runner(conn, settings, dlq_producer=producer)
            runner.run(consumer, service.consumed_topics(settings), stop)
    finally:
        consumer.close(autocommit=False)
        producer.close(timeout=10)


def stable(bootstrap: str, group: str, members: int) -> bool:
    """The group has ``members`` members and no rebalance under way."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="bench-copies-watch")
    try:
        found = admin.describe_groups([group]).get(group) or {}
    finally:
        admin.close()
    return found.get("group_state") == "Stable" and len(found.get("members") or ()) == members


def forget_group(bootstrap: str, group: str) -> None:
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="bench-copies-watch")
    try:
        admin.delete_groups([group])
    except Exception as exc:  # noqa: BLE001 - an empty group left behind costs nothing: say so
        progress(f"could not delete group {group}: {exc}")
    finally:
        admin.close()


def applied(settings: Settings, service_name: str, topic: str) -> int:
    service = service_definition(service_name)
    with psycopg.connect(settings.database_url(service_name)) as conn:
        return conn.execute("SELECT coalesce(sum(last_offset + 1), 0) FROM consumer_offsets"
                            " WHERE consumer = %s AND topic = %s",
                            (service.consumer_name, topic)).fetchone()[0]


def wait(condition, timeout: float, what: str, copies: list) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if [p for p in copies if not p.is_alive()] or time.monotonic() > deadline:
            raise RuntimeError(f"{what}: not within {timeout:g} s, or a copy exited")
        time.sleep(0.05)


def run_once(base: Settings, service_name: str, count: int, events: list,
             together: bool = False) -> tuple[float, int, int]:
    """Seconds for ``count`` copies to apply the assessments of ``events`` once the rest of them
    (the organisation, the period) is applied; what they decided; the records left parked."""
    unique = uuid.uuid4().hex[:6]
    settings = base.with_(database_prefix=f"{base.database_prefix}{unique}_",
                          topic_prefix=f"{base.topic_prefix}{unique}.")
    service = service_definition(service_name)
    topic = settings.topic("assessment.events")
    group = f"bench-copies-{unique}-{service_name}"
    spawn = multiprocessing.get_context("spawn")
    copies = []
    try:
        setup(service, settings)
        ensure_topics(settings.kafka_bootstrap, service.consumed_topics(settings),
                      settings.topic_partitions, settings.topic_replication, settings.min_insync)
        copies = [spawn.Process(target=run_copy, args=(service_name, settings, group), daemon=True)
                  for _ in range(count)]
        for p in copies:
            p.start()
        wait(lambda: stable(settings.kafka_bootstrap, group, count), 120, "group stable", copies)
        known = [] if together else [e for e in events if e.type != SUBMITTED]
        publish(settings.kafka_bootstrap, topic, known)   # the organisation and the period, first
        wait(lambda: applied(settings, service_name, topic) >= len(known), 300, "known applied",
             copies)
        started = time.perf_counter()
        publish(settings.kafka_bootstrap, topic, [e for e in events if e not in known])
        wait(lambda: applied(settings, service_name, topic) >= len(events), 600, "all applied",
             copies)
        seconds = time.perf_counter() - started
        with psycopg.connect(settings.database_url(service_name)) as conn:
            decided = conn.execute(DECIDED[service_name]).fetchone()[0]
            parked = conn.execute("SELECT count(*) FROM parked_events").fetchone()[0]
        return seconds, decided, parked
    finally:
        for p in copies:
            p.terminate()
        for p in copies:
            p.join(20)
        drop_database(settings.server_url(), settings.database_name(service_name))
        forget_group(settings.kafka_bootstrap, group)
        delete_topics(settings.kafka_bootstrap,
                      service.topics(settings) + service.consumed_topics(settings))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.copies", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=2000, help="employees (2000)")
    parser.add_argument("--copies", type=int, default=3, help="up to this many copies (3)")
    parser.add_argument("--partitions", type=int, default=6, help="partitions per topic (6)")
    parser.add_argument("--brokers", type=int, choices=(1, 3), default=1,
                        help="1: the single broker (ASN_KAFKA_BOOTSTRAP); 3: the local cluster")
    parser.add_argument("--services", nargs="+", choices=SERVICES, default=list(SERVICES))
    parser.add_argument("--together", action="store_true",
                        help="publish the organisation and the period with the assessments, not"
                             " before them (copies then race on parked records: see"
                             " docs/deploying.md)")
    args = parser.parse_args(argv)
    if args.partitions < args.copies or args.copies < 1:
        parser.error("--partitions must be at least --copies, which must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    logging.getLogger("kafka").setLevel(logging.ERROR)
    run = uuid.uuid4().hex[:8]
    base = Settings.from_env().with_(database_prefix=f"asnbench_{run}_",
                                     topic_prefix=f"bench.{run}.",
                                     topic_partitions=args.partitions)
    if args.brokers == 3:
        base = base.with_(kafka_bootstrap=cluster_bootstrap(3), kafka_brokers=3,
                          topic_replication=3, topic_min_insync=2)
    events = period_events(args.employees)
    records = sum(e.type == SUBMITTED for e in events)
    results: dict[str, list[tuple[int, float, int, int]]] = {s: [] for s in args.services}
    for service_name in args.services:
        for count in range(1, args.copies + 1):
            seconds, decided, parked = run_once(base, service_name, count, events, args.together)
            results[service_name].append((count, seconds, decided, parked))
            progress(f"{service_name}: {count} cop{'y' if count == 1 else 'ies'}"
                     f" {records / seconds:,.0f} records/s ({decided:,} decided, {parked} parked)")
    print(report(results, args, records))
    return 0 if all(consistent(rows) for rows in results.values()) else 1


def consistent(rows: list) -> bool:
    """Every count decided the same, and left nothing parked."""
    return len({decided for _, _, decided, _ in rows}) == 1 and not any(p for *_, p in rows)


def report(results: dict, args, records: int) -> str:
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    lines = [f"\nconsumer copies: {records:,} assessment records ({args.employees:,} employees),"
             f" {args.partitions} partitions, {args.brokers} broker(s); {os.cpu_count()} cores,"
             f" load average {load} at the end",
             f"  {'service':<10}{'copies':>7}{'seconds':>9}{'records/s':>11}{'x one copy':>12}"
             f"{'decided':>9}{'parked':>8}"]
    for service_name, rows in results.items():
        one = records / rows[0][1]
        for count, seconds, decided, parked in rows:
            lines.append(f"  {service_name:<10}{count:>7}{seconds:>9.2f}{records / seconds:>11,.0f}"
                         f"{records / seconds / one:>12.2f}{decided:>9,}{parked:>8}")
        if not consistent(rows):
            lines.append(f"  {service_name}: the counts decided differently or left records"
                         " parked - a bug")
    lines.append(f"  copies are processes; {os.cpu_count()} cores, shared with PostgreSQL and"
                 " Kafka, bound what more copies can add")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
