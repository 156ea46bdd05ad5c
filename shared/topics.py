"""Kafka topics: created with the configured partition count and kept forever (the audit trail)."""
from __future__ import annotations

import logging

from kafka import KafkaAdminClient
from kafka.errors import KafkaError, TopicAlreadyExistsError

log = logging.getLogger(__name__)
FOREVER = {"retention.ms": "-1", "retention.bytes": "-1", "cleanup.policy": "delete"}


def ensure_topics(bootstrap: str, names: list[str], partitions: int, replication: int = 1,
                  **admin_config) -> list[str]:
    """Create the topics that do not exist yet; return the names created."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="asn-setup", **admin_config)
    try:
        existing = set(admin.list_topics())
        wanted = {name: {"num_partitions": partitions, "replication_factor": replication, "configs": FOREVER}
                  for name in names if name not in existing}
        if wanted:
            try:
                admin.create_topics(wanted, timeout_ms=30_000, wait_for_metadata=True)
            except TopicAlreadyExistsError:
                pass  # another process created it meanwhile
            log.info("created topics %s", ", ".join(sorted(wanted)))
        return sorted(wanted)
    finally:
        admin.close()


def delete_topics(bootstrap: str, names: list[str]) -> None:
    """Delete topics, as far as the broker lets us now (tests and benchmarks clean up with it)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="asn-setup")
    try:
        present = [n for n in names if n in set(admin.list_topics())]
        if present:
            admin.delete_topics(present, timeout_ms=30_000, raise_errors=False)
    except KafkaError as exc:  # a leftover topic costs disk, not correctness: say so, go on
        log.warning("could not delete topics %s: %s", ", ".join(names), exc)
    finally:
        admin.close()
