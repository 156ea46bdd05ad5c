"""Rules as data: the seeded catalogue, the agency's training rules and the opportunity suggestions."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


DEFAULT_PERFORMANCE = {"SANGAT_BAIK": "above", "BAIK": "meets", "BUTUH_PERBAIKAN": "below",
                       "KURANG": "below", "SANGAT_KURANG": "below"}


@dataclass(frozen=True)
class Rules:
    """The JP cap on planned training per employee and year, the 20 JP minimum, the JPM thresholds."""

    planned_jp_cap: int | None
    minimum_jp: int
    jpm_optimal: float
    jpm_cukup_optimal: float
    performance: dict = None  # predikat -> above / meets / below (the talent grid's rows)
    potential_high: float = 100
    potential_medium: float = 80


@lru_cache(maxsize=None)
def rules(path: str | None = None) -> Rules:
    """The agency's rules, from ASN_TRAINING_RULES_FILE or the bundled rules.yaml."""
    source = Path(path or os.environ.get("ASN_TRAINING_RULES_FILE") or DATA / "rules.yaml")
    data = yaml.safe_load(source.read_text("utf-8"))
    talent = data.get("talent") or {}
    return Rules(planned_jp_cap=data.get("planned_jp_cap"), minimum_jp=int(data["minimum_jp"]),
                 jpm_optimal=float(data["jpm"]["optimal"]),
                 jpm_cukup_optimal=float(data["jpm"]["cukup_optimal"]),
                 performance=dict(talent.get("performance") or DEFAULT_PERFORMANCE),
                 potential_high=float((talent.get("potential") or {}).get("high", 100)),
                 potential_medium=float((talent.get("potential") or {}).get("medium", 80)))


@lru_cache(maxsize=None)
def seeded_programmes() -> tuple[dict, ...]:
    """The catalogue every agency starts with (ProgrammeDefined data)."""
    return tuple(yaml.safe_load((DATA / "programmes.yaml").read_text("utf-8")))


@lru_cache(maxsize=None)
def _suggestions() -> dict[str, dict]:
    return yaml.safe_load((DATA / "opportunities.yaml").read_text("utf-8"))


def suggestion(competency: str) -> dict:
    """The role suggested for a strength in ``competency`` ({id, en})."""
    return _suggestions().get(competency) or {
        "id": f"Menjadi narasumber internal untuk kompetensi {competency}",
        "en": f"Internal resource person for {competency}"}
