"""Training's gap analysis at the scale of an agency: ``python -m bench.training_replay``.

It generates one appraisal period's worth of assessment events for N employees (units, employees
with their supervisors, the period, then each employee's self-assessment and supervisor assessment
with realistic gaps) and puts them on a Kafka topic (untimed). Then, on the same records:

1. baseline   ``ConsumerRunner`` with no handlers and no reactors on a fresh training database:
              only decoding, validation and the once-only bookkeeping (offsets, event ids);
2. training   ``ConsumerRunner`` with the training service's handlers and reactors on another fresh
              training database (catalogue seeded): employees, periods, supervisor assessments,
              and the decisions (TrainingAssigned, DevelopmentOpportunityIdentified,
              DevelopmentNeedUnmet appended to the events table and projected).

Each clock starts when the group assigns the runner its partitions and stops when every record is
applied. It prints records per second for both, assignments per second for training, and the
ratio training / baseline. Databases and topics are unique to the run and removed at the end.
"""
from __future__ import annotations

import argparse
import logging
import random
import time
import uuid
from datetime import datetime, timezone

import psycopg
from psycopg.rows import dict_row

from bench.measure import Background, TimedConsumer
from services.training.definition import SERVICE
from shared.config import Settings
from shared.consumer import ConsumerRunner
from shared.clients import consumer_for
from shared.db import drop_database
from shared.envelope import Event, to_record
from shared.prerequisites import NONE
from shared.clients import producer_for
from shared.runtime import setup
from shared.topics import delete_topics, ensure_topics

CORE = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")
PERIOD, YEAR = "2026-Q1", 2026
# Supervisor's level relative to the required one: met 2 times in 3, one or two short 1 in 4, above 1 in 12.
OFFSETS = (-2, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 1)


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _event(ce_type: str, subject: str, data: dict, version: int = 1) -> Event:
    return Event(id=uuid.uuid4(), type=ce_type, source="/asn/assessment", subject=subject,
                 time=datetime.now(timezone.utc), data=data, stream_id=subject, version=version)


def workload(n: int, seed: int = 2026) -> list[Event]:
    """Units, N employees, the period, and a self and a supervisor assessment per employee."""
    rng = random.Random(seed)
    units = [f"UNIT.{u:02d}" for u in range(max(n // 100, 1))]
    events = [_event("assessment.UnitRegistered.v1", "AGENCY",
                     {"code": "AGENCY", "name": "Pemerintah Daerah", "parent_code": None})]
    events += [_event("assessment.UnitRegistered.v1", u, {"code": u, "name": f"Unit {u}",
                                                          "parent_code": "AGENCY"}) for u in units]
    nips = [f"1990{i:014d}" for i in range(n)]
    heads = {u: nips[i] for i, u in enumerate(units)}
    people = []
    for i, nip in enumerate(nips):
        unit = units[i % len(units)]
        boss = None if nip == heads[unit] else heads[unit]
        people.append((nip, unit, boss))
        events.append(_event("assessment.EmployeeRegistered.v1", nip, {
            "nip": nip, "name": f"Pegawai {i}", "position_code": "ANALIS" if boss else "KABID",
            "unit_code": unit, "supervisor_nip": boss}))
    events.append(_event("assessment.AppraisalPeriodOpened.v1", PERIOD, {
        "period_id": PERIOD, "kind": "quarterly", "year": YEAR, "quarter": 1,
        "starts_on": "2026-01-01", "ends_on": "2026-03-31"}))
    for nip, unit, boss in people:
        required = 2 if boss else 3
        levels = {c: min(max(required + rng.choice(OFFSETS), 1), 5) for c in CORE}
        for role in ("self", "supervisor"):
            shown = levels if role == "supervisor" else {
                c: min(v + rng.choice((0, 0, 1)), 5) for c, v in levels.items()}
            events.append(_event("assessment.AssessmentSubmitted.v1", nip, {
                "period_id": PERIOD, "nip": nip, "role": role,
                "assessor_nip": (boss or nip) if role == "supervisor" else nip,
                "position_code": "ANALIS" if boss else "KABID",
                "job_level": "PENGAWAS" if boss else "ADMINISTRATOR", "unit_code": unit,
                "submission": 1, "ratings": [
                    {"competency": c, "level": shown[c], "required_level": required,
                     "evidence": "Laporan kegiatan triwulan dan catatan atasan", "comment": "-"}
                    for c in CORE],
                "work_result": "SESUAI", "work_behaviour": "SESUAI",
                "predikat": "BAIK" if role == "supervisor" else None}))
    return events


def publish(settings: Settings, topic: str, events: list[Event]) -> None:
    producer = producer_for(settings.kafka_bootstrap, client_id="bench-training-publisher")
    try:
        futures = [producer.send(topic, key=k, value=v, headers=h)
                   for k, v, h in (to_record(e) for e in events)]
        producer.flush()
        for future in futures:
            future.get(timeout=0)
    finally:
        producer.close(timeout=10)


def time_runner(settings: Settings, topic: str, total: int, *, decide: bool) -> float:
    """Seconds for a ConsumerRunner (training's handlers and reactors, or none) to apply ``total``."""
    name = f"bench-{'training' if decide else 'baseline'}-{uuid.uuid4().hex[:6]}"
    with psycopg.connect(settings.database_url(SERVICE.name), row_factory=dict_row) as conn:
        dlq = producer_for(settings.kafka_bootstrap, client_id=f"{name}-dlq")
        consumer = TimedConsumer(consumer_for(settings.kafka_bootstrap, name, client_id=name))
        runner = ConsumerRunner(conn, name=name,
                                handlers=SERVICE.handlers if decide else {},
                                reactors=SERVICE.bound_reactors(settings) if decide else {},
                                dlq_producer=dlq, dlq_topic=SERVICE.dlq_topic(settings),
                                registry=SERVICE.registry,
                                prerequisites=SERVICE.prerequisites(settings) if decide else NONE,
                                apply=SERVICE.apply_kept if decide else None)
        try:
            with Background(lambda stop: runner.run(consumer, [topic], stop), name) as running:
                shown = 0
                while runner.totals.settled < total:
                    running.wait_until(lambda: runner.totals.settled >= min(total, shown + total // 4))
                    shown = runner.totals.settled
                    progress(f"  {name}: {shown:,}/{total:,} records applied")
                elapsed = time.perf_counter() - consumer.listener.assigned_at
        finally:
            consumer.close(autocommit=False)
            dlq.close(timeout=10)
    if runner.totals.settled != total or runner.totals.dead_lettered:
        raise RuntimeError(f"{name} ended with {runner.totals}, expected {total} applied")
    return elapsed


def decisions(settings: Settings) -> dict[str, int]:
    with psycopg.connect(settings.database_url(SERVICE.name), row_factory=dict_row) as conn:
        rows = conn.execute("SELECT type, count(*) AS n FROM events WHERE type NOT LIKE"
                            " 'training.Programme%%' GROUP BY type ORDER BY type").fetchall()
    return {r["type"].split(".")[1]: r["n"] for r in rows}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.training_replay", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=2000, help="employees (2000)")
    parser.add_argument("--partitions", type=int, default=Settings.from_env().topic_partitions,
                        help="partitions of the assessment topic (ASN_TOPIC_PARTITIONS)")
    args = parser.parse_args(argv)
    if args.employees < 2 or args.partitions < 1:
        parser.error("--employees must be at least 2 and --partitions positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    logging.getLogger("kafka").setLevel(logging.ERROR)
    unique = uuid.uuid4().hex[:8]
    base = Settings.from_env().with_(topic_prefix=f"bench.{unique}.", topic_partitions=args.partitions)
    envs = {kind: base.with_(database_prefix=f"asnbench_{unique}_{kind}_")
            for kind in ("baseline", "training")}
    topic = base.topic("assessment.events")
    try:
        for kind, settings in envs.items():
            progress(f"setting up {settings.database_name(SERVICE.name)} (catalogue seeded)")
            setup(SERVICE, settings)
        ensure_topics(base.kafka_bootstrap, [topic], args.partitions, base.topic_replication)
        events = workload(args.employees)
        supervisor = sum(1 for e in events if e.data.get("role") == "supervisor")
        progress(f"publishing {len(events):,} assessment events ({args.employees:,} employees,"
                 f" {supervisor:,} supervisor assessments) to {topic} (not timed)")
        publish(base, topic, events)
        progress("baseline: ConsumerRunner without handlers (offsets and event ids only)")
        baseline = time_runner(envs["baseline"], topic, len(events), decide=False)
        progress("training: ConsumerRunner with training's handlers and reactors")
        training = time_runner(envs["training"], topic, len(events), decide=True)
        made = decisions(envs["training"])
    finally:
        progress("dropping the bench databases and topic")
        for settings in envs.values():
            drop_database(settings.server_url(), settings.database_name(SERVICE.name))
        delete_topics(base.kafka_bootstrap, [topic] + SERVICE.topics(base))
    assigned = made.get("TrainingAssigned", 0)
    print(f"\nTraining gap analysis: {len(events):,} assessment records, {args.employees:,} employees,"
          f" {args.partitions} partitions")
    print(f"decisions: {', '.join(f'{k} {v:,}' for k, v in made.items())}\n")
    print(f"{'':<34}{'seconds':>9}{'records/s':>12}{'assignments/s':>15}")
    print(f"{'baseline (runner, no handlers)':<34}{baseline:>9.2f}{len(events) / baseline:>12,.0f}{'-':>15}")
    print(f"{'training (handlers + reactors)':<34}{training:>9.2f}{len(events) / training:>12,.0f}"
          f"{assigned / training:>15,.0f}")
    print(f"\nratio training / baseline (records/s): {baseline / training:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
