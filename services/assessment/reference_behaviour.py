"""The agency's choices about work behaviour as a file (data/behaviour_rules.yaml)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from services.assessment.domain_behaviour import PEER_POLICIES, BehaviourRules
from services.assessment.reference import DATA

BEHAVIOUR_RULES_FILE = DATA / "behaviour_rules.yaml"


@lru_cache(maxsize=8)
def behaviour_rules(path: Path = BEHAVIOUR_RULES_FILE) -> BehaviourRules:
    """Whether employees read their notes, how peer input is shown to them and who is a peer,
    from ``path`` (ASN_BEHAVIOUR_RULES_FILE through Settings) or the bundled file; an unknown
    peer policy or a minimum below 1 is refused at start-up."""
    data = yaml.safe_load(path.read_text("utf-8"))
    rules = BehaviourRules(bool(data["employee_sees_notes"]), bool(data["names_hidden"]),
                           int(data["min_responses"]), str(data["peers"]))
    if rules.peers not in PEER_POLICIES or rules.min_responses < 1:
        raise ValueError(f"{path}: peers is one of {PEER_POLICIES}, min_responses at least 1")
    return rules
