"""The plan's rules kept as files an agency can edit: evidence files' limit and types, and the
thresholds of the hasil kerja rating proposed from the realisation."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from services.assessment.contract import EXPECTATIONS
from services.assessment.domain_evidence import EvidenceRules
from services.assessment.domain_realisation import WorkResultRules

DATA = Path(__file__).resolve().parent / "data"
EVIDENCE_RULES_FILE = DATA / "evidence_rules.yaml"
WORK_RESULT_RULES_FILE = DATA / "work_result_rules.yaml"


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


@lru_cache(maxsize=8)
def work_result_rules(path: Path = WORK_RESULT_RULES_FILE) -> WorkResultRules:
    """What "most" is, whether above also meets, and the proposal when no case holds, from
    ``path`` (ASN_WORK_RESULT_RULES_FILE through Settings) or the bundled file; a share outside
    [0, 1) or an unknown rating is refused at start-up."""
    data = yaml.safe_load(path.read_text("utf-8"))
    rules = WorkResultRules(float(data["most"]), bool(data["above_meets"]), data["otherwise"])
    if not 0 <= rules.most < 1 or rules.otherwise not in EXPECTATIONS:
        raise ValueError(f"{path}: most must be in [0, 1) and otherwise one of {EXPECTATIONS}")
    return rules
