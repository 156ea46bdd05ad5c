"""How long a live consumer's fetch waits for records to gather: ASN_CONSUMER_GATHER_MS."""
from __future__ import annotations

import pytest

from shared.config import Settings


def test_the_default_is_what_the_readme_says(monkeypatch):
    monkeypatch.delenv("ASN_CONSUMER_GATHER_MS", raising=False)
    assert Settings().consumer_gather_ms == Settings.from_env().consumer_gather_ms == 200


@pytest.mark.parametrize("value, expected", [("0", 0), ("50", 50)])
def test_it_comes_from_its_variable(monkeypatch, value, expected):
    monkeypatch.setenv("ASN_CONSUMER_GATHER_MS", value)
    assert Settings.from_env().consumer_gather_ms == expected


def test_a_negative_wait_is_refused_at_start(monkeypatch):
    monkeypatch.setenv("ASN_CONSUMER_GATHER_MS", "-1")
    with pytest.raises(ValueError, match="ASN_CONSUMER_GATHER_MS must be at least 0"):
        Settings.from_env()
