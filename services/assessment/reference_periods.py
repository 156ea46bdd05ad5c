"""The agency's period rules as a file it can edit (data/period_rules.yaml): the periodic
cadence, the annual appraisal and the roll-up policy proposing its predikat."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from services.assessment.domain_annual import AnnualPolicy, check_policy
from services.assessment.domain_periods import PeriodRules, check_rules

PERIOD_RULES_FILE = Path(__file__).resolve().parent / "data" / "period_rules.yaml"


@lru_cache(maxsize=8)
def period_rules(path: Path = PERIOD_RULES_FILE) -> PeriodRules:
    """The periodic cadences HR may open and whether the annual appraisal is held, from ``path``
    (ASN_PERIOD_RULES_FILE through Settings) or the bundled file; an unknown cadence is refused
    at start-up."""
    data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    periodic = data.get("periodic", ["quarterly"])
    periodic = (periodic,) if isinstance(periodic, str) else tuple(periodic)
    return check_rules(PeriodRules(periodic, bool(data.get("annual", True))))


@lru_cache(maxsize=8)
def annual_policy(path: Path = PERIOD_RULES_FILE) -> AnnualPolicy:
    """The roll-up of the year's periodic results into the proposed annual predikat (the same
    file's ``annual_policy``, ``scores`` and ``thresholds``); an unknown policy, or mean_score
    without a score per predikat or thresholds highest first, is refused at start-up."""
    data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    return check_policy(AnnualPolicy(
        data.get("annual_policy", "mode"), dict(data.get("scores") or {}),
        tuple((float(minimum), predikat) for minimum, predikat in data.get("thresholds") or ())))
