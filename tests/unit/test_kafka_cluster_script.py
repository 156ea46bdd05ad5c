"""deploy/kafka-cluster.sh (sourced by deploy/infra.sh) writes each node's configuration from the
template: its own id and ports, every node a voter, data in its own folder; run as bash without
starting anything."""
from __future__ import annotations

import subprocess

from shared.config import REPO_ROOT

SCRIPT = REPO_ROOT / "deploy" / "infra.sh"


def bash(program: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", f"source {SCRIPT}\n{program}"], capture_output=True,
                          text=True, timeout=30, env={"PATH": "/usr/bin:/bin", **env})


def properties(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines()
                if line and not line.startswith("#"))


def test_each_node_gets_its_id_ports_and_folder_and_all_three_vote(tmp_path):
    done = bash(f"CLUSTER_HOME={tmp_path}; for i in 1 2 3; do mkdir -p {tmp_path}/node$i;"
                " cluster_render_config $i; done; cluster_bootstrap")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094"
    nodes = [properties((tmp_path / f"node{i}" / "server.properties").read_text()) for i in (1, 2, 3)]
    for i, node in enumerate(nodes, 1):
        assert node["node.id"] == str(i)
        assert node["listeners"] == (f"PLAINTEXT://127.0.0.1:{19091 + i},"
                                     f"CONTROLLER://127.0.0.1:{19191 + i}")
        assert node["log.dirs"] == str(tmp_path / f"node{i}" / "data")
        assert node["controller.quorum.voters"] == ("1@127.0.0.1:19192,2@127.0.0.1:19193,"
                                                    "3@127.0.0.1:19194")
        assert (node["min.insync.replicas"], node["offsets.topic.replication.factor"]) == ("2", "3")
        assert "@" not in node["log.dirs"] + node["listeners"]


def test_ports_move_with_the_settings_and_fewer_than_three_nodes_are_refused(tmp_path):
    done = bash("cluster_bootstrap", ASN_KAFKA_CLUSTER_PORT="29092", ASN_KAFKA_BROKERS="5")
    assert done.stdout.strip() == ",".join(f"127.0.0.1:{29092 + i}" for i in range(5))
    done = bash("cluster_bootstrap", ASN_KAFKA_BROKERS="2")
    assert done.returncode != 0 and "needs 3 or more nodes" in done.stderr
    done = bash("cluster_bootstrap", ASN_KAFKA_BROKERS="1")   # "cluster" by name: three nodes
    assert done.stdout.strip().count(",") == 2
