"""Settings hand each service the agency's own rule files, named by ASN_<NAME>_FILE variables."""
from __future__ import annotations

from pathlib import Path

from shared.config import Settings


def test_an_agency_file_named_in_the_environment_replaces_the_bundled_one(monkeypatch):
    monkeypatch.setenv("ASN_JOB_LEVELS_FILE", "/etc/agency/job_levels.yaml")
    monkeypatch.setenv("ASN_TRAINING_RULES_FILE", "/etc/agency/training.yaml")
    monkeypatch.setenv("ASN_FEEDBACK_PHRASES_FILE", "")  # set but empty: the bundled one
    settings = Settings.from_env()
    assert settings.data_file("job_levels", Path("bundled.yaml")) == Path(
        "/etc/agency/job_levels.yaml")
    assert settings.data_file("training_rules", Path("b.yaml")) == Path("/etc/agency/training.yaml")
    assert settings.data_file("feedback_phrases", Path("bundled.yaml")) == Path("bundled.yaml")
    assert Settings().data_file("job_levels", Path("bundled.yaml")) == Path("bundled.yaml")


def test_one_broker_by_default_topics_unreplicated(monkeypatch):
    for name in ("ASN_KAFKA_BROKERS", "ASN_KAFKA_BOOTSTRAP", "ASN_TOPIC_REPLICATION",
                 "ASN_KAFKA_MIN_INSYNC", "ASN_KAFKA_CLUSTER_PORT"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings.from_env()
    assert (settings.kafka_brokers, settings.kafka_bootstrap) == (1, "127.0.0.1:9092")
    assert (settings.topic_replication, settings.min_insync) == (1, 1)


def test_three_brokers_mean_the_local_cluster_replication_3_and_two_in_sync(monkeypatch):
    for name in ("ASN_KAFKA_BOOTSTRAP", "ASN_TOPIC_REPLICATION", "ASN_KAFKA_MIN_INSYNC",
                 "ASN_KAFKA_CLUSTER_PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASN_KAFKA_BROKERS", "3")
    settings = Settings.from_env()
    assert settings.kafka_bootstrap == "127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094"
    assert (settings.topic_replication, settings.min_insync) == (3, 2)
    monkeypatch.setenv("ASN_KAFKA_MIN_INSYNC", "3")
    monkeypatch.setenv("ASN_KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092")
    settings = Settings.from_env()
    assert (settings.kafka_bootstrap, settings.min_insync) == ("kafka-1:9092,kafka-2:9092", 3)
    assert Settings().with_(topic_replication=5).min_insync == 4
