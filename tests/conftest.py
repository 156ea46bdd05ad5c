"""Fixtures shared by all tests: settings with names unique to this run."""
from __future__ import annotations

import uuid

import pytest

from shared.config import Settings


@pytest.fixture(scope="session")
def base_settings() -> Settings:
    """The environment's settings, with database and topic names no other run uses."""
    run = uuid.uuid4().hex[:8]
    return Settings.from_env().with_(database_prefix=f"asntest_{run}_",
                                     topic_prefix=f"test.{run}.", topic_partitions=3)
