"""The plan's rules kept as files an agency can edit: evidence files' limit and types."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from services.assessment.domain_evidence import EvidenceRules

EVIDENCE_RULES_FILE = Path(__file__).resolve().parent / "data" / "evidence_rules.yaml"


@lru_cache(maxsize=8)
def evidence_rules(path: Path = EVIDENCE_RULES_FILE) -> EvidenceRules:
    """The largest evidence file and the media types allowed, from ``path`` (the composition
    root passes ASN_EVIDENCE_RULES_FILE, read through Settings) or the bundled file; a limit
    that is not a positive number or an empty list of types is refused at start-up."""
    data = yaml.safe_load(path.read_text("utf-8"))
    rules = EvidenceRules(int(data["max_bytes"]), tuple(data["media_types"]))
    if rules.max_bytes <= 0 or not rules.media_types:
        raise ValueError(f"{path}: max_bytes must be positive and media_types not empty")
    return rules
