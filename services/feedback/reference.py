"""Rules and the phrase library, kept as files an agency can edit (see data/*.yaml).

The composition root (``wiring.py``) reads them once per process, from the files Settings name.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
RULES_FILE, PHRASES_FILE = DATA / "rules.yaml", DATA / "phrases.yaml"


@dataclass(frozen=True)
class Rules:
    discrepancy_threshold: int = 2
    dialogue_grace_days: int = 14

    def __post_init__(self) -> None:
        if not 1 <= self.discrepancy_threshold <= 4:
            raise ValueError(f"discrepancy_threshold must be 1 to 4, not {self.discrepancy_threshold}")
        if self.dialogue_grace_days < 0:
            raise ValueError("dialogue_grace_days cannot be negative")


def load_rules(path: Path) -> Rules:
    """The agency's rules from a YAML file of Rules' fields."""
    return Rules(**(yaml.safe_load(Path(path).read_text("utf-8")) or {}))


def load_phrases(path: Path) -> dict[str, dict]:
    """The phrase library by code, from a YAML list of phrases."""
    return {p["code"]: p for p in yaml.safe_load(Path(path).read_text("utf-8"))}
