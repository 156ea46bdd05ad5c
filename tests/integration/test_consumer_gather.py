"""A live consumer's fetch waits for records to gather; without ``gather_ms`` it answers at once."""
from __future__ import annotations

from shared.clients import GATHER_BYTES, consumer_for


def test_a_gathering_consumer_asks_the_broker_to_wait_for_a_batch(infra):
    gathering = consumer_for(infra.kafka_bootstrap, None, gather_ms=200)
    plain = consumer_for(infra.kafka_bootstrap, None)
    try:
        assert (gathering.config["fetch_min_bytes"], gathering.config["fetch_max_wait_ms"]) == (
            GATHER_BYTES, 200)
        assert plain.config["fetch_min_bytes"] == 1
    finally:
        gathering.close()
        plain.close()
