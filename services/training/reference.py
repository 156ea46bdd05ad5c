"""Rules as data: the seeded catalogue, the agency's training rules and the opportunity suggestions.

The composition root (``wiring.py``) reads the agency's files once, where Settings say they are.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from services.training.domain_reactions import suggestion_for
from services.training.domain_talent import Succession

DATA = Path(__file__).resolve().parent / "data"
RULES_FILE = DATA / "rules.yaml"
SUGGESTIONS_FILE = DATA / "opportunities.yaml"

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
    succession: Succession = None  # the succession group's rule (PP 11/2017 Pasal 199)


def load_rules(path: Path = RULES_FILE) -> Rules:
    """The agency's rules from ``path`` (the bundled rules.yaml unless given)."""
    data = yaml.safe_load(Path(path).read_text("utf-8"))
    talent = data.get("talent") or {}
    return Rules(planned_jp_cap=data.get("planned_jp_cap"), minimum_jp=int(data["minimum_jp"]),
                 jpm_optimal=float(data["jpm"]["optimal"]),
                 jpm_cukup_optimal=float(data["jpm"]["cukup_optimal"]),
                 performance=dict(talent.get("performance") or DEFAULT_PERFORMANCE),
                 potential_high=float((talent.get("potential") or {}).get("high", 100)),
                 potential_medium=float((talent.get("potential") or {}).get("medium", 80)),
                 succession=_succession(data.get("succession") or {}))


def _succession(data: dict) -> Succession:
    return Succession(float(data.get("competency_share", 100)), int(data.get("years", 2)),
                      tuple(data.get("predikats") or ("SANGAT_BAIK", "BAIK")))


def load_suggestions(path: Path = SUGGESTIONS_FILE) -> dict[str, dict]:
    """The roles suggested for a strength, by competency ({id, en})."""
    return yaml.safe_load(Path(path).read_text("utf-8"))


@lru_cache(maxsize=None)
def seeded_programmes() -> tuple[dict, ...]:
    """The catalogue every agency starts with (ProgrammeDefined data), bundled with the service."""
    return tuple(yaml.safe_load((DATA / "programmes.yaml").read_text("utf-8")))


@lru_cache(maxsize=None)
def _bundled_suggestions() -> dict[str, dict]:
    return load_suggestions()


def suggestion(competency: str) -> dict:
    """The bundled role suggested for a strength in ``competency`` ({id, en})."""
    return suggestion_for(_bundled_suggestions(), competency)
