"""The behaviour events of the audit trail in a sentence (``audit.event.<Type>`` in
messages/behaviour.yaml), for ``views/audit/words.py``."""
from __future__ import annotations

from services.portal.pages import t


def _noted(data: dict):
    return "audit.event.BehaviourNoted", {**data, "kind": t(f"behaviour.kind.{data['kind']}")}


def _invited(data: dict):
    return "audit.event.BehaviourInputInvited", {
        **data, "relation": t(f"behaviour.relation.{data['relation']}")}


def _given(data: dict):
    return "audit.event.BehaviourInputGiven", {
        **data, "relation": t(f"behaviour.relation.{data['relation']}"),
        "count": len(data["answers"])}


BEHAVIOUR_WORDS = {"BehaviourNoted": _noted, "BehaviourInputInvited": _invited,
                   "BehaviourInputGiven": _given}
