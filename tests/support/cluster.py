"""The local 3-broker Kafka cluster (deploy/kafka-cluster.sh, `make cluster`) for tests and
benchmarks: started through the script when it is not running and left as found; which node leads
which partitions; a node killed the way a crash kills it."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kafka import KafkaAdminClient

from shared.config import LOCAL_DIR, REPO_ROOT, cluster_bootstrap

NODES = 3
SCRIPT = REPO_ROOT / "deploy" / "infra.sh"
HOME = LOCAL_DIR / "kafka-cluster"


def script(command: str) -> str:
    """``deploy/infra.sh <command> cluster``; its output, or AssertionError with it."""
    env = {**os.environ, "ASN_KAFKA_BROKERS": str(NODES)}
    done = subprocess.run([str(SCRIPT), command, "cluster"], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def node_pid(node: int) -> int | None:
    """The live pid of a node, as its pidfile names it."""
    try:
        pid = int((HOME / f"node{node}" / "kafka.pid").read_text())
    except (OSError, ValueError):
        return None
    return pid if _alive(pid) else None


def running() -> bool:
    return all(node_pid(n) for n in range(1, NODES + 1))


@dataclass
class Cluster:
    bootstrap: str
    started_in: float | None   # seconds the start took, None when it was running already


@contextmanager
def cluster():
    """The cluster, every node up; stopped at the end if it was not running before (a node killed
    meanwhile is started again either way)."""
    was_running = running()
    started = time.monotonic()
    script("start")
    try:
        yield Cluster(cluster_bootstrap(NODES), None if was_running else time.monotonic() - started)
    finally:
        script("start")   # the node a test killed, back
        if not was_running:
            script("stop")


def leaders(bootstrap: str, topics: list[str]) -> Counter:
    """How many of ``topics``' partitions each node leads now."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="asn-test-leaders")
    try:
        return Counter(p["leader_id"] for t in admin.describe_topics(topics) for p in t["partitions"])
    finally:
        admin.close()


def controller(bootstrap: str) -> int:
    """The node that is the active controller now."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="asn-test-leaders")
    try:
        return admin.describe_cluster()["controller_id"]
    finally:
        admin.close()


def kill_node(node: int) -> int:
    """kill -9 one node (no controlled shutdown, nothing flushed); its pid, once it is gone."""
    pid = node_pid(node)
    assert pid, f"node {node} is not running"
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return pid


def _alive(pid: int) -> bool:
    """True while the process exists and is not a zombie (dead, only not reaped yet)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][:1] != "Z"
    except OSError:
        return False
