"""The relays' producer tuning: read from ASN_* variables, checked, handed to kafka-python."""
from __future__ import annotations

import pytest

from shared.config import ProducerTuning, Settings


def test_the_defaults_are_what_the_docs_say():
    assert ProducerTuning().producer_config() == {"linger_ms": 5, "batch_size": 256 * 1024,
                                                  "compression_type": None}
    assert ProducerTuning().relay_batch == 2000
    assert Settings().producer == ProducerTuning()


def test_each_setting_comes_from_its_variable(monkeypatch):
    monkeypatch.setenv("ASN_RELAY_BATCH", "5000")
    monkeypatch.setenv("ASN_KAFKA_LINGER_MS", "20")
    monkeypatch.setenv("ASN_KAFKA_BATCH_BYTES", "1048576")
    monkeypatch.setenv("ASN_KAFKA_COMPRESSION", "LZ4")
    tuning = Settings.from_env().producer
    assert tuning == ProducerTuning(relay_batch=5000, linger_ms=20, batch_bytes=1048576,
                                    compression="lz4")
    assert tuning.producer_config() == {"linger_ms": 20, "batch_size": 1048576,
                                        "compression_type": "lz4"}


@pytest.mark.parametrize("changes", [{"compression": "snappy"}, {"relay_batch": 0},
                                     {"batch_bytes": 0}, {"linger_ms": -1}])
def test_a_setting_kafka_python_cannot_take_is_refused_at_start(changes):
    with pytest.raises(ValueError, match="ASN_"):
        ProducerTuning(**changes)
