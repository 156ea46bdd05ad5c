"""Rules and the phrase library, kept as files an agency can edit (see data/*.yaml)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Rules:
    discrepancy_threshold: int = 2
    dialogue_grace_days: int = 14

    def __post_init__(self) -> None:
        if not 1 <= self.discrepancy_threshold <= 4:
            raise ValueError(f"discrepancy_threshold must be 1 to 4, not {self.discrepancy_threshold}")
        if self.dialogue_grace_days < 0:
            raise ValueError("dialogue_grace_days cannot be negative")


def rules() -> Rules:
    """The agency's rules, from ASN_FEEDBACK_RULES_FILE or the bundled file."""
    return _rules(os.environ.get("ASN_FEEDBACK_RULES_FILE") or str(DATA / "rules.yaml"))


@lru_cache(maxsize=8)
def _rules(path: str) -> Rules:
    return Rules(**(yaml.safe_load(Path(path).read_text("utf-8")) or {}))


def phrases() -> dict[str, dict]:
    """The phrase library by code, from ASN_FEEDBACK_PHRASES_FILE or the bundled file."""
    return _phrases(os.environ.get("ASN_FEEDBACK_PHRASES_FILE") or str(DATA / "phrases.yaml"))


@lru_cache(maxsize=8)
def _phrases(path: str) -> dict[str, dict]:
    return {p["code"]: p for p in yaml.safe_load(Path(path).read_text("utf-8"))}
