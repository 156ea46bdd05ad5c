"""What this machine can do at best, measured in the same run as ``bench.agency`` on the same
broker and PostgreSQL cluster, once the platform's processes have stopped:

- Kafka's own Java clients: ``ProducerPerformance`` (records of the mean size of the platform's
  assessment records, with the relay's producer settings) and ``ConsumerPerformance`` reading
  them back, from the kafka-tools jar in .local/kafka/libs;
- kafka-python alone: a producer sending the platform's assessment records again and a consumer
  reading them back (``bench.measure``, set up as the relay's and the runner's clients are);
- ``pgbench`` (PostgreSQL 15's, from Debian) running one INSERT of a submission's JSON body per
  transaction into a table of its own;
- the bare one-INSERT Flask app (``bench.bare_insert``) under gunicorn with the flags the platform's
  web processes run with, driven by the same client as the submissions.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
from kafka import KafkaConsumer, TopicPartition
from kafka.admin import KafkaAdminClient

from bench.http_load import Server, figures, hammer
from bench.measure import time_raw_consumer, time_raw_producer
from bench.workload import BenchEnv
from shared.config import REPO_ROOT, ProducerTuning, Settings
from shared.topics import delete_topics, ensure_topics
from tests.support.platform import environment

KAFKA_LIBS = REPO_ROOT / ".local" / "kafka" / "libs"
PGBENCH = next((p for p in ("/usr/lib/postgresql/15/bin/pgbench", shutil.which("pgbench"))
                if p and Path(p).exists()), None)
def relay_producer(tuning: ProducerTuning) -> tuple[str, ...]:
    """The relay's producer settings (shared.clients.producer_for with ``tuning``), in Java's names."""
    return ("acks=all", "enable.idempotence=true", f"linger.ms={tuning.linger_ms}",
            f"batch.size={tuning.batch_bytes}", "max.in.flight.requests.per.connection=5",
            f"compression.type={tuning.compression}")
PGBENCH_TABLE = "bench_pgbench_insert"


def _run(command: list[str], timeout: float = 600, **kwargs) -> str:
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({result.returncode}): "
                           f"{(result.stderr or result.stdout)[-1500:]}")
    return result.stdout


def _java(tool: str, *args: str) -> str:
    return _run(["java", "-cp", f"{KAFKA_LIBS}/*", f"org.apache.kafka.tools.{tool}", *args])


def producer_performance(settings: Settings, topic: str, records: int, size: int) -> float:
    """Records/s of Kafka's Java producer sending ``records`` of ``size`` bytes, flat out."""
    out = _java("ProducerPerformance", "--topic", topic, "--num-records", str(records),
                "--record-size", str(size), "--throughput", "-1", "--producer-props",
                f"bootstrap.servers={settings.kafka_bootstrap}", *relay_producer(settings.producer))
    return float(re.findall(r"\d+ records sent, ([\d.]+) records/sec", out)[-1])


def consumer_performance(settings: Settings, topic: str, records: int, group: str) -> float:
    """Records/s of Kafka's Java consumer reading ``records`` of ``topic`` from the start, once it
    has joined its group (fetch.nMsg.sec: the one-off group join left out, as bench.backbone
    leaves it out of the runner's time)."""
    out = _java("ConsumerPerformance", "--bootstrap-server", settings.kafka_bootstrap, "--topic",
                topic, "--num-records", str(records), "--group", group, "--timeout", "30000")
    header, values = [line for line in out.splitlines() if "," in line][-2:]
    row = dict(zip((h.strip() for h in header.split(",")), (v.strip() for v in values.split(","))))
    if int(row["data.consumed.in.nMsg"]) < records:
        raise RuntimeError(f"ConsumerPerformance read {row['data.consumed.in.nMsg']} of {records}")
    return float(row["fetch.nMsg.sec"])


def topic_records(settings: Settings, topic: str, limit: int) -> list[tuple]:
    """Up to ``limit`` records of ``topic`` as (key, value, headers), to be sent again."""
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        ends, found = consumer.end_offsets(parts), []
        while len(found) < limit and any(consumer.position(tp) < ends[tp] for tp in parts):
            for batch in consumer.poll(timeout_ms=500).values():
                found += [(r.key, r.value, r.headers) for r in batch]
        return found[:limit]
    finally:
        consumer.close(autocommit=False)


def kafka(settings: Settings, source: str, count: int) -> dict:
    """The four Kafka ceilings on ``count`` records each: Java's producer sends records of the
    mean size of ``source``'s values (no key, no headers) and Java's consumer reads them back;
    kafka-python's producer sends ``source``'s own records (key, value, headers; repeated when
    the topic holds fewer) and kafka-python's consumer reads those back."""
    env, sample = BenchEnv(settings, 1), topic_records(settings, source, count)
    size = round(sum(len(v) for _, v, _ in sample) / len(sample))
    records = (sample * -(-count // len(sample)))[:count]
    java, python = (settings.topic(f"ceiling.{kind}") for kind in ("java", "python"))
    ensure_topics(settings.kafka_bootstrap, [java, python], settings.topic_partitions,
                  settings.topic_replication)
    group = settings.topic("ceiling.perf-consumer")
    try:
        return {"records": count, "size": size, "sample": len(sample),
                "java producer": producer_performance(settings, java, count, size),
                "java consumer": consumer_performance(settings, java, count, group),
                "python producer": count / time_raw_producer(env, python, records),
                "python consumer": count / time_raw_consumer(env, python, count)}
    finally:
        delete_topics(settings.kafka_bootstrap, [java, python])
        _forget_group(settings, group)


def _forget_group(settings: Settings, group: str) -> None:
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        admin.delete_consumer_groups([group])
    except Exception:  # noqa: BLE001 - a leftover empty group is harmless
        pass
    finally:
        admin.close()


def pgbench(settings: Settings, body: bytes, transactions: int, clients: int) -> float:
    """Transactions/s of pgbench, each one INSERT of ``body`` as jsonb, ``clients`` at once, in
    the assessment service's database (the table is dropped again)."""
    if PGBENCH is None:
        raise RuntimeError("pgbench not found (Debian: postgresql-15 or postgresql-client-15)")
    url = settings.database_url("assessment")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE TABLE {PGBENCH_TABLE} (id bigserial PRIMARY KEY, body jsonb NOT NULL,"
                     " stored_at timestamptz NOT NULL DEFAULT now())")
    literal = body.decode().replace("'", "''")
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".sql") as script:
            script.write(f"INSERT INTO {PGBENCH_TABLE} (body) VALUES ('{literal}'::jsonb);\n")
            script.flush()
            out = _run([PGBENCH, "-n", "-h", settings.pg_host, "-p", str(settings.pg_port),
                        "-U", settings.pg_user, "-c", str(clients), "-j", str(min(clients, 2)),
                        "-t", str(max(transactions // clients, 1)), "-f", script.name,
                        settings.database_name("assessment")],
                       env={"PGPASSWORD": settings.pg_password, "PATH": "/usr/bin:/bin"})
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP TABLE IF EXISTS {PGBENCH_TABLE}")
    return float(re.search(r"tps = ([\d.]+)", out).group(1))


def bare_insert(settings: Settings, body: bytes, requests: int, clients: int, workdir: Path) -> dict:
    """requests/s and latencies of the bare one-INSERT app, 2 sync workers without the production
    config, as tests/support/platform.py runs the services' web processes."""
    server = Server("bench.bare_insert:create_app()", environment(settings), workers=2, threads=1,
                    log=workdir / "bare-insert.log", production=False)
    try:
        server.wait_healthy()
        hammer(server.port, [("/submissions", "-")] * min(requests, 200), body, clients)  # warm-up
        timed = hammer(server.port, [("/submissions", "-")] * requests, body, clients)
    finally:
        server.stop()
    return figures(timed)
