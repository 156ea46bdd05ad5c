"""The agency's period rules as a file it can edit (data/period_rules.yaml): the periodic
cadence and the annual appraisal."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

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
