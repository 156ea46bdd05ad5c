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
