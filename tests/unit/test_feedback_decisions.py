"""The feedback decisions without a database: the events they return (their purity is checked
for every service in test_architecture.py)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from services.feedback import domain_comparison as comparing
from services.feedback import domain_dialogues as dialogues
from services.feedback.contract import EVENTS
from services.feedback.domain import Submission
from shared.errors import Conflict
from shared.recording import decided

def side(levels: dict, n: int = 1, assessor: str = "198002022005011002") -> Submission:
    return Submission(n, assessor, levels, {code: 3 for code in levels},
                      {"work_result": "SESUAI", "work_behaviour": "SESUAI"}, "UNIT", "ANALIS")


def state(latest=None, open_codes=(), open_dialogue=None, **sides) -> comparing.ComparisonState:
    return comparing.ComparisonState(sides, latest, open_codes, open_dialogue)


def test_a_comparison_needs_both_sides_and_a_new_pair():
    own, boss = side({"M.01": 5}), side({"M.01": 2})
    assert comparing.decide_comparison("P", "e", state(self=own), 2) is None
    assert comparing.decide_comparison("P", "e", state((1, 1, 1), self=own, supervisor=boss),
                                       2) is None
    assert comparing.decide_comparison("P", "e", state(self=side({"M.02": 3}), supervisor=boss),
                                       2) == comparing.ComparisonDecided()


def test_the_decided_events_fit_the_contract():
    decision = comparing.decide_comparison(
        "2026-Q1", "199003032015021003",
        state((1, 1, 1), ("M.02",), "2026-Q1.199003032015021003.1",
              self=side({"M.01": 5, "M.02": 3}, n=2), supervisor=side({"M.01": 2, "M.02": 3})), 2)
    events = [*decision.recorded, decision.opened]
    assert [type(e).__name__ for e in events] == [
        "DiscrepancyResolved", "RatingsCompared", "RatingDiscrepancyDetected",
        "FeedbackDialogueOpened"]
    assert (events[0].comparison, events[0].by_comparison, events[3].supersedes) == (
        1, 2, "2026-Q1.199003032015021003.1")
    for event in events:
        stored = decided(event, "199003032015021003")
        EVENTS.check(stored.type, stored.data)


def test_the_dialogue_decisions_return_their_events():
    dialogue = dialogues.Dialogue("d", "e", "opened", 1, frozenset({1}), "boss")
    when = datetime(2027, 1, 1, tzinfo=timezone.utc)
    assert dialogues.schedule(dialogue, "boss", when, "R").scheduled_at == when.isoformat()
    given = dialogues.give_feedback(dialogue, "boss", [{
        "item": 1, "went_well": "", "to_improve": "", "phrase_codes": [],
        "actions": [{"action": "a", "due_on": date(2027, 1, 2)}]}], "s", date(2027, 1, 1), {})
    assert given.items[0]["actions"] == [{"action": "a", "due_on": "2027-01-02"}]
    with pytest.raises(Conflict):
        dialogues.acknowledge(dialogue, "e", True, None)
    note = dialogues.Note("n", "e", 1, acknowledged=False)
    assert dialogues.acknowledge_note(note, "e", False, "no").kind == "note"
