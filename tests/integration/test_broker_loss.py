"""One of three Kafka brokers killed (kill -9) under load: nothing lost, no duplicated effect, and
the relays and consumers carry on. The platform runs on the local 3-broker cluster
(deploy/kafka-cluster.sh; started here when it is not running, and left as found), its topics
replicated 3 times with min.insync.replicas 2. Submissions go through the public HTTP API
(bench/chaos's load: each with the assessor's token and an Idempotency-Key); the broker leading
the most of the platform's partitions is killed mid-stream, the load goes on, then every check of
`make chaos` on what was acknowledged, and stricter ones: every event on its topic exactly once,
decisions counted against what the submissions call for."""
from __future__ import annotations

import time
import uuid
from collections import Counter

import psycopg
import pytest
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType

from bench.chaos.checks import check_effects
from bench.chaos.load import Load
from demo import drive
from demo.agency import generate
from services.platform import definition as service_definition
from services.training.domain import strengths
from shared.config import SERVICES
from shared.lag import service_lag
from tests.support.cluster import cluster, controller, kill_node, leaders, script
from tests.support.platform import running_platform
from tests.support.progress import Progress
from tools.apiclient import client_for, dev_token

pytestmark = pytest.mark.integration
SUBMITTED = "assessment.AssessmentSubmitted.v1"


@pytest.fixture(scope="module")
def kafka_cluster(infra):
    with cluster() as running:
        yield running


@pytest.fixture
def platform(infra, kafka_cluster, tmp_path):
    settings = infra.with_(kafka_bootstrap=kafka_cluster.bootstrap, kafka_brokers=3,
                           topic_replication=3, topic_partitions=6)
    with running_platform(settings, tmp_path) as running:
        yield running


def wait_for(condition, timeout: float, what: str, platform, state=lambda: "") -> float:
    """Seconds until ``condition()`` holds; fails after ``timeout`` with what ``state()`` says,
    the transactions holding the relays' horizon back, and the processes' warnings and logs
    (in that order: a CI log may keep only its head)."""
    started = time.monotonic()
    while not condition():
        dead = [n for n, p in platform.processes.items() if p.poll() is not None]
        assert not dead and time.monotonic() - started < timeout, (
            f"{what}: not within {timeout:g} s; exited: {dead}; {state()}\n"
            f"open writing transactions: {open_transactions(platform.settings)}\n"
            f"{platform.logs(8, worst=True)}\n{platform.logs(6)}")
        time.sleep(0.2)
    return time.monotonic() - started


def open_transactions(settings) -> list[tuple]:
    """Transactions that have written and been open for over 5 s, in any database of the
    cluster: each holds back the relay of its database (shared.outbox.horizon)."""
    with psycopg.connect(settings.database_url("assessment"), autocommit=True) as conn:
        return conn.execute(
            "SELECT datname, application_name, state, now() - xact_start, left(query, 120)"
            "  FROM pg_stat_activity WHERE backend_xid IS NOT NULL"
            "   AND xact_start < now() - interval '5 seconds'").fetchall()


def caught_up(settings) -> bool:
    try:
        return all(service_lag(service_definition(s), settings).caught_up for s in SERVICES)
    except Exception:  # noqa: BLE001 - a broker still electing leaders: not yet
        return False


def test_a_broker_killed_under_load_loses_nothing_and_duplicates_nothing(platform, kafka_cluster,
                                                                          record_property):
    settings = platform.settings
    topics = [t for s in SERVICES for t in service_definition(s).topics(settings)]
    assert_replicated(settings.kafka_bootstrap, topics)
    agency = generate(40, 4, seed=3)
    hr = client_for(settings, "assessment", dev_token(settings, agency.hr_head.nip, ["hr_admin"]))
    drive.register(hr, agency)
    standards = {p["code"]: {r["competency"]: r["required_level"] for r in p["standard"]}
                 for p in hr.get("/positions")}
    load = Load(settings, agency, standards, hr, rate=20, threads=4, run_id=uuid.uuid4().hex[:8])
    progress = Progress(settings)

    def state() -> str:
        return (f"acknowledged {len(load.acks)}, failed {dict(load.figures.failed)},"
                f" (published, applied) {progress.latest}, sampling {progress.alive}")
    progress.start()
    load.start()
    try:
        # Generous: the first group joins on a cluster started moments before; a CI run once
        # timed out here at 90 s without saying why (the message now does).
        wait_for(lambda: len(load.acks) >= 40 and min(progress.latest[1].values()) >= 20, 180,
                 "submissions applied before the kill", platform, state)
        node, led = leaders(settings.kafka_bootstrap, topics).most_common(1)[0]
        active_controller = controller(settings.kafka_bootstrap)
        published_at_kill = progress.latest[0]
        killed_at = time.monotonic()
        kill_node(node)
        # Carry on: submissions stored after the kill are published and applied by both consumers.
        carried_on = wait_for(lambda: min(progress.latest[1].values()) > published_at_kill + 40,
                              120, "consumers applying what was stored after the kill",
                              platform, state)
    finally:
        load.stop(drain=60)
        stopped_at = time.monotonic()
    drained = wait_for(lambda: caught_up(settings), 120, "lag 0 after the load", platform, state)
    progress.stop()
    stalls = progress.longest_stall(killed_at, stopped_at)
    dead = [n for n, p in platform.processes.items() if p.poll() is not None]
    restart_started = time.monotonic()
    script("start")   # the killed node back, every broker registered again
    figures = {"killed node": node, "partitions it led": led,
               "it was the active controller": node == active_controller,
               "acknowledged": len(load.acks),
               "acknowledged after the kill": sum(a.at > killed_at for a in load.acks),
               "failed attempts": dict(load.figures.failed),
               "longest stall after the kill (s)": stalls,
               "kill to consumers past the kill (s)": round(carried_on, 1),
               "lag 0 after the load stopped (s)": round(drained, 1),
               "node restart (s)": round(time.monotonic() - restart_started, 1),
               "cluster start (s)": kafka_cluster.started_in}
    for name, value in figures.items():
        record_property(name, value)
    print(f"\nbroker loss: {figures}")
    assert not dead, f"processes exited: {dead}\n{platform.logs()}"
    assert load.figures.given_up == 0 and not load.figures.refused, load.figures
    found = check_effects(settings, load.acks)
    assert not found.failed, "\n".join(f"{c.name}: {c.detail}" for c in found.failed)
    assert found.figures["republished (duplicates on the topic)"] == {s: 0 for s in SERVICES}
    assert_decisions_as_submitted(settings)


def assert_replicated(bootstrap: str, topics: list[str]) -> None:
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        for topic in admin.describe_topics(topics):
            assert {len(p["replica_nodes"]) for p in topic["partitions"]} == {3}, topic
        configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, t)
                                          for t in topics])["topic"]
        assert {configs[t]["min.insync.replicas"]["value"] for t in topics} == {"2"}
    finally:
        admin.close()


def assert_decisions_as_submitted(settings) -> None:
    """Decided events counted against what the stored submissions call for: one comparison per
    employee and period with both sides submitted, one opportunity per strength a supervisor
    rated; each submission applied once by each consumer."""
    with psycopg.connect(settings.database_url("assessment")) as conn:
        submitted = conn.execute("SELECT event_id::text, data FROM events WHERE type = %s",
                                 (SUBMITTED,)).fetchall()
    sides = Counter((d["period_id"], d["nip"]) for _, d in submitted)
    pairs = {k for k, n in sides.items() if n == 2}
    wanted_strengths = sum(len(strengths(d["ratings"])) for _, d in submitted
                           if d["role"] == "supervisor")
    decided = {}
    for service in ("feedback", "training"):
        with psycopg.connect(settings.database_url(service)) as conn:
            decided[service] = Counter(dict(conn.execute(
                "SELECT type, count(*) FROM events GROUP BY type").fetchall()))
            applied = conn.execute(
                "SELECT count(*) FROM processed_events WHERE consumer = %s"
                " AND event_id = ANY(%s::uuid[])",
                (service_definition(service).consumer_name, [i for i, _ in submitted])
            ).fetchone()[0]
        assert applied == len(submitted), (service, applied, len(submitted))
    assert decided["feedback"]["feedback.RatingsCompared.v1"] == len(pairs) > 0
    assert (decided["training"]["training.DevelopmentOpportunityIdentified.v1"]
            == wanted_strengths > 0)
