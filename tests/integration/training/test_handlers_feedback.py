"""The feedback reactors on both store adapters: a blind spot gets coaching (or mentoring) under
the cap, and its resolution cancels the recommendation nobody started yet."""
from __future__ import annotations

from services.training import tracking
from services.training.domain_events import decided_id
from services.training.reactors import react_to_assessment, react_to_discrepancy, react_to_resolution
from tests.integration.training.adapters import TODAY
from tests.integration.training.conftest import ORG, discrepancy, resolved, submitted
from tests.support import people

NIP, PERIOD = people.EMPLOYEE, people.PERIOD


def test_a_blind_spot_gets_coaching_for_it(store):
    store.given(*ORG)
    spot = discrepancy("M.03", supervisor_level=2)
    react_to_discrepancy(store.ctx, spot)
    [assigned] = store.recorded()
    assert assigned["type"] == "TrainingAssigned" and assigned["causationid"] == str(spot.id)
    assert assigned["stream_id"] == f"assignment-{decided_id(str(spot.id), 'M.03')}"
    assert assigned["data"]["programme_code"] == "COACH-M03"
    assert assigned["data"]["reason"] == {
        "kind": "blind_spot", "gap": {"competency": "M.03", "assessed": 2, "required": 3},
        "period_id": PERIOD, "source_event_id": str(spot.id), "submission": None,
        "comparison": 1}
    made = store.ctx.store.assignment(assigned["data"]["assignment_id"])
    assert (made.status, made.reason_kind, made.comparison) == ("assigned", "blind_spot", 1)


def test_no_coaching_for_a_hidden_strength_an_open_gap_or_beyond_the_cap(store):
    store.given(*ORG)
    react_to_discrepancy(store.ctx, discrepancy("M.03", "hidden_strength", self_level=2,
                                                supervisor_level=4))
    assert store.recorded() == []
    react_to_assessment(store.ctx, submitted(levels={code: 1 for code in people.CORE}))
    before = len(store.recorded())
    react_to_discrepancy(store.ctx, discrepancy("M.01", supervisor_level=1))  # open already
    react_to_discrepancy(store.ctx, discrepancy("M.05", supervisor_level=1))  # 80 JP planned
    assert len(store.recorded()) == before


def test_a_superseded_blind_spot_cancels_its_unstarted_recommendation(store):
    store.given(*ORG)
    react_to_discrepancy(store.ctx, discrepancy("M.03", comparison=1))
    assignment_id = store.recorded()[0]["data"]["assignment_id"]
    gone = resolved("M.03", comparison=1, by=2)
    react_to_resolution(store.ctx, gone)
    cancelled = store.recorded()[1]
    assert (cancelled["type"], cancelled["stream_id"], cancelled["version"]) == (
        "TrainingCancelled", f"assignment-{assignment_id}", 2)
    assert cancelled["data"] == {"assignment_id": assignment_id, "nip": NIP, "reason": "superseded",
                                 "note": "discrepancy of comparison 1 superseded by comparison 2"}
    assert cancelled["causationid"] == str(gone.id)
    assert store.ctx.store.assignment(assignment_id).status == "cancelled"


def test_a_started_recommendation_stays(store):
    store.given(*ORG)
    react_to_discrepancy(store.ctx, discrepancy("M.03", comparison=1))
    assignment_id = store.recorded()[0]["data"]["assignment_id"]
    tracking.start(store.ctx, assignment_id, TODAY, NIP)
    react_to_resolution(store.ctx, resolved("M.03", comparison=1, by=2))
    assert [r["type"] for r in store.recorded()] == ["TrainingAssigned", "TrainingStarted"]
    assert store.ctx.store.assignment(assignment_id).status == "in_progress"
