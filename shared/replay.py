"""Replay: rebuild a service's projections from zero into a fresh schema and compare with the live ones.

The live side is read in one REPEATABLE READ, READ ONLY transaction: its projections, its consumer
offsets and its events table are one consistent snapshot, even while the service keeps running.
The rebuild applies every own event of that snapshot, then every consumed record up to the offsets
the live consumer had reached, and compares a checksum per table.
"""
from __future__ import annotations

import getpass
import socket
import uuid
from dataclasses import asdict, dataclass, field

import psycopg
from kafka import TopicPartition
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from tqdm import tqdm

from shared.config import Settings
from shared.batch import DeadLettered
from shared.db import BY_KEY, Statistics, create_schema_with, unlogged
from shared.replay_compare import TableResult, compare
from shared.replay_consumed import ConsumedReplay
from shared.replay_own import Progress, replay_own
from shared.service import ServiceDefinition
from shared.topics import reader

# Tracking tables read and written only by their keys: no statistics needed (shared.db.Statistics).
# The rebuild's commits need not wait for the WAL: its tables are scratch (and unlogged).
_SCRATCH = "-c synchronous_commit=off"


@dataclass
class ReplayReport:
    service: str
    schema: str
    own_events: int = 0
    consumed_records: int = 0
    tables: list[TableResult] = field(default_factory=list)
    # Consumed records that could not be decoded or applied: skipped, as the live consumer
    # dead-lettered them, so the rebuild still matches; reported so nobody mistakes them for none.
    skipped: list[DeadLettered] = field(default_factory=list)
    verdict_id: int | None = None  # the row in replay_verdicts that keeps this verdict

    @property
    def equal(self) -> bool:
        """Whether every table the replay rebuilt matches the live one."""
        return all(t.equal for t in self.tables)


def replay(service: ServiceDefinition, settings: Settings, *, keep: bool = False,
           progress: bool = True, ran_by: str | None = None,
           keep_verdict: bool = True) -> ReplayReport:
    """Rebuild ``service``'s projections and compare them table by table with the live ones.

    The verdict is kept in the service's own ``replay_verdicts`` table (who ran it: ``ran_by``,
    else the user and host), where ``GET /audit/replays`` serves it to auditors.
    """
    url = settings.database_url(service.name)
    schema = f"replay_{uuid.uuid4().hex[:12]}"
    report = ReplayReport(service.name, schema)
    with psycopg.connect(url, row_factory=dict_row) as live, \
            psycopg.connect(url, row_factory=dict_row, options=_SCRATCH) as rebuilt:
        live.isolation_level, live.read_only = psycopg.IsolationLevel.REPEATABLE_READ, True
        with rebuilt.transaction():
            create_schema_with(rebuilt, schema, service.projection_migrations())
            unlogged(rebuilt, schema)
        try:
            own = live.execute("SELECT count(*) AS n FROM events").fetchone()["n"]
            ends = _live_offsets(live, service)
            total = own + sum(off + 1 for off in ends.values())
            with tqdm(total=total, desc=f"replay {service.name}", unit="ev",
                      disable=not progress) as bar:
                done = Progress(bar, Statistics(rebuilt, schema, skip=BY_KEY))
                report.own_events = replay_own(live, rebuilt, service, schema, done)
                report.consumed_records = _replay_consumed(rebuilt, service, settings, schema,
                                                           ends, done, report.skipped)
            report.tables = compare(live, rebuilt, schema)
        finally:
            live.rollback()
            if not keep:
                with rebuilt.transaction():
                    rebuilt.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
    if keep_verdict:
        report.verdict_id = keep_verdict_of(url, report, ran_by or default_runner())
    return report


def _storable(text: str) -> str:
    """A reason as jsonb can hold it: a U+0000 or a lone surrogate quoted by its escape."""
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def default_runner() -> str:
    """Who ran a replay when nobody says: the operating-system user on this host."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a container)
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


def keep_verdict_of(url: str, report: ReplayReport, ran_by: str) -> int:
    """Store the verdict in the service's database (its own transaction); the row's id."""
    with psycopg.connect(url, row_factory=dict_row) as conn:
        row = conn.execute(
            "INSERT INTO replay_verdicts (ran_by, equal, own_events, consumed_records, tables,"
            " skipped) VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
            (ran_by[:200], report.equal, report.own_events, report.consumed_records,
             Jsonb([asdict(t) for t in report.tables]),
             Jsonb([{**asdict(s), "reason": _storable(s.reason)} for s in report.skipped])
             )).fetchone()
        conn.commit()
    return row["id"]


def _live_offsets(live: psycopg.Connection, service: ServiceDefinition) -> dict[TopicPartition, int]:
    rows = live.execute("SELECT topic, partition, last_offset FROM consumer_offsets"
                        " WHERE consumer = %s", (service.consumer_name,)).fetchall()
    return {TopicPartition(r["topic"], r["partition"]): r["last_offset"] for r in rows}


def _replay_consumed(rebuilt, service: ServiceDefinition, settings: Settings, schema: str,
                     ends: dict[TopicPartition, int], done: Progress, skipped: list) -> int:
    if not ends:
        return 0
    runner = ConsumedReplay(rebuilt, service, settings, schema)  # handlers' writes batched
    consumer = reader(settings.kafka_bootstrap, f"{service.name}-replay", max_poll_records=2000)
    try:
        consumer.assign(list(ends))
        consumer.seek_to_beginning(*ends)
        pending, count = dict(ends), 0
        while pending:
            batches = consumer.poll(timeout_ms=1000)
            records = [r for tp, part in batches.items() if tp in pending
                       for r in part if r.offset <= pending[tp]]
            for tp in list(pending):
                if consumer.position(tp) > pending[tp]:
                    del pending[tp]
            if records:
                skipped += runner.process(records).dead
                count += len(records)
                done.applied(len(records))
        return count
    finally:
        consumer.close(autocommit=False)


def print_report(report: ReplayReport) -> None:
    """A table per projection and a one-line verdict."""
    print(f"replay of {report.service}: {report.own_events} own events, "
          f"{report.consumed_records} consumed records"
          + (f", {len(report.skipped)} skipped (cannot be decoded or applied)" if report.skipped else ""))
    for s in report.skipped:
        print(f"  skipped {s.topic}[{s.partition}]@{s.offset}: {s.reason}")
    for t in report.tables:
        mark = "equal" if t.equal else "DIFFERENT"
        print(f"  {t.table:<32} live {t.live_rows:>8}  replay {t.replay_rows:>8}  {mark}")
    verdict = "projections equal the replay" if report.equal else "projections DIFFER from the replay"
    print(f"verdict: {verdict}" + ("" if report.tables else " (no projection tables)")
          + (f" (kept as replay verdict {report.verdict_id})" if report.verdict_id else ""))
