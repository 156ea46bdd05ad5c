"""Reference data kept as files an agency can edit: job levels, the distribution table and the
seeded competency dictionary."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import yaml

from services.assessment.contract import PREDIKATS, UNIT_PREDIKATS
from services.assessment.domain_curve import Clause, CurveRules, check_rules
from services.assessment.domain_objection import ObjectionRules

DATA = Path(__file__).resolve().parent / "data"
JOB_LEVELS_FILE = DATA / "job_levels.yaml"
DISTRIBUTION_RULES_FILE = DATA / "distribution_rules.yaml"
OBJECTION_RULES_FILE = DATA / "objection_rules.yaml"
BERAKHLAK_FILE = DATA / "berakhlak.yaml"


@dataclass(frozen=True)
class JobLevel:
    """A job level (jenjang jabatan) and the level it requires by default of core competencies."""

    code: str
    name: str
    track: str
    required_level: int


@lru_cache(maxsize=8)
def job_levels(path: Path = JOB_LEVELS_FILE) -> dict[str, JobLevel]:
    """Job levels by code, from ``path`` (the composition root passes the agency's file:
    ASN_JOB_LEVELS_FILE, read through Settings) or the bundled file."""
    return {entry["code"]: JobLevel(**entry) for entry in yaml.safe_load(path.read_text("utf-8"))}


@dataclass(frozen=True)
class CoreValue:
    """A BerAKHLAK core value: its code (what events carry), its name and its three behaviours,
    each as {"id": ..., "en": ...}."""

    code: str
    name: Mapping[str, str]
    behaviours: tuple[Mapping[str, str], ...]


@lru_cache(maxsize=8)
def core_values(path: Path = BERAKHLAK_FILE) -> tuple[CoreValue, ...]:
    """The BerAKHLAK values in their order (SE MenPANRB 20/2021), from ``path`` (the composition
    root passes ASN_BERAKHLAK_FILE, read through Settings) or the bundled file; a value without
    both languages or a code given twice is refused at start-up."""
    values = tuple(CoreValue(v["code"], v["name"], tuple(v["behaviours"]))
                   for v in yaml.safe_load(path.read_text("utf-8")))
    codes = [v.code for v in values]
    texts = [t for v in values for t in (v.name, *v.behaviours)]
    if len(set(codes)) != len(codes) or any(set(t) != {"id", "en"} for t in texts):
        raise ValueError(f"{path}: each value needs a unique code and every text both id and en")
    return values


@lru_cache(maxsize=None)
def seeded_competencies() -> tuple[dict, ...]:
    """The managerial and socio-cultural competencies every agency starts with (CompetencyDefined data)."""
    return tuple(yaml.safe_load((DATA / "competencies.yaml").read_text("utf-8")))



@lru_cache(maxsize=8)
def distribution_rules(path: Path = DISTRIBUTION_RULES_FILE) -> CurveRules:
    """The distribution table (SE MenPANRB 3/2023) and the rounding policy, from ``path`` (the
    composition root passes ASN_DISTRIBUTION_RULES_FILE, read through Settings) or the bundled
    file; a table naming an unknown predikat, clause kind or rounding is refused at start-up."""
    data = yaml.safe_load(path.read_text("utf-8"))
    rules = CurveRules(data["rounding"], int(data.get("exempt_below", 1)), {
        unit: tuple(Clause(c["kind"], tuple(c["band"]), int(c.get("value", 0))) for c in clauses)
        for unit, clauses in data["patterns"].items()}, bool(data.get("subunits", True)))
    check_rules(rules, UNIT_PREDIKATS, PREDIKATS)
    return rules


@lru_cache(maxsize=8)
def objection_rules(path: Path = OBJECTION_RULES_FILE) -> ObjectionRules:
    """The days to object and to decide (PP 30/2019 Pasal 59; the decision's is the agency's),
    from ``path`` (ASN_OBJECTION_RULES_FILE through Settings) or the bundled file."""
    data = yaml.safe_load(path.read_text("utf-8"))
    return ObjectionRules(int(data["filing_days"]), int(data["decision_days"]))
