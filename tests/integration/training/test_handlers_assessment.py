"""The assessment reactor on both store adapters: gaps become assignments under the JP cap, a gap
without a programme or beyond the cap an unmet need, strengths opportunities, and nothing is
decided twice. Given consumed events, the reactor called, then what it recorded and what the
store loads afterwards asserted: the same bodies for the in-memory and the PostgreSQL adapter."""
from __future__ import annotations

import dataclasses

import pytest

from services.training import domain
from services.training.domain_events import decided_id
from services.training.reactors import react_to_assessment
from shared.consumer import UnprocessableEvent
from tests.integration.training.conftest import ORG, submitted
from tests.support import people

NIP, PERIOD = people.EMPLOYEE, people.PERIOD
LOW = {code: 1 for code in people.CORE} | {"M.04": 4}  # gaps beyond the 80 JP cap, one strength


def with_rating(event, competency: str, level: int, required: int):
    """The assessment with one more rating (a competency the core list does not have)."""
    rating = {"competency": competency, "level": level, "required_level": required,
              "evidence": "Bukti", "comment": "Catatan"}
    return dataclasses.replace(event, data={**event.data,
                                            "ratings": event.data["ratings"] + [rating]})


def summary(recorded: list[dict]) -> list[tuple]:
    return [(r["type"], r["data"].get("competency") or r["data"]["gap"]["competency"],
             r["data"].get("programme_code") or r["data"].get("reason")) for r in recorded]


def test_gaps_become_assignments_and_strengths_opportunities(store):
    store.given(*ORG)
    boss = submitted(levels={"M.03": 2, "SK.01": 1, "M.04": 4})
    react_to_assessment(store.ctx, boss)
    recorded = store.recorded()
    assert summary(recorded) == [
        ("TrainingAssigned", "SK.01", "PLT-WAWASAN-KEBANGSAAN"),
        ("TrainingAssigned", "M.03", "PLT-PUBLIC-SPEAKING"),
        ("DevelopmentOpportunityIdentified", "M.04", None)]
    first = recorded[0]
    assert first["stream_id"] == f"assignment-{decided_id(str(boss.id), 'SK.01')}"
    assert first["subject"] == NIP and first["causationid"] == str(boss.id)
    assert first["data"]["year"] == 2026 and first["data"]["jp"] == 20
    assert first["data"]["reason"] == {
        "kind": "gap", "gap": {"competency": "SK.01", "assessed": 1, "required": 3},
        "period_id": PERIOD, "source_event_id": str(boss.id), "submission": 1, "comparison": None}
    assert recorded[2]["data"]["suggestion"]["en"] == "Prepared to lead projects (project lead track)"
    now = store.ctx.store.situation(NIP, PERIOD, ["SK.01", "M.03"])
    assert domain.open_competencies(now.assignments) == {"SK.01", "M.03"}
    assert domain.planned_jp(now.assignments, 2026) == 40 and now.seen == {"M.04"}


def test_a_gap_without_a_programme_is_an_unmet_need(store):
    store.given(*ORG)
    boss = with_rating(submitted(levels={"SK.01": 1}), "T.KEU.01", 1, 3)
    react_to_assessment(store.ctx, boss)
    recorded = store.recorded()
    assert summary(recorded) == [("TrainingAssigned", "SK.01", "PLT-WAWASAN-KEBANGSAAN"),
                                 ("DevelopmentNeedUnmet", "T.KEU.01", "no_programme")]
    need = recorded[1]
    assert need["stream_id"] == f"need-{decided_id(str(boss.id), 'T.KEU.01')}"
    assert need["data"] == {"nip": NIP, "year": 2026, "reason": "no_programme",
                            "period_id": PERIOD, "source_event_id": str(boss.id),
                            "gap": {"competency": "T.KEU.01", "assessed": 1, "required": 3}}


def test_gaps_beyond_the_cap_are_unmet_and_the_cap_is_never_passed(store):
    store.given(*ORG)
    react_to_assessment(store.ctx, submitted(levels=LOW))
    recorded = store.recorded()
    assigned = [r["data"]["competency"] for r in recorded if r["type"] == "TrainingAssigned"]
    unmet = [(r["data"]["gap"]["competency"], r["data"]["reason"])
             for r in recorded if r["type"] == "DevelopmentNeedUnmet"]
    assert assigned == ["M.01", "M.02", "M.03", "M.06"]
    assert unmet == [(code, "cap_reached") for code in ("M.05", "M.07", "M.08", "SK.01")]
    now = store.ctx.store.situation(NIP, PERIOD, list(people.CORE))
    assert domain.planned_jp(now.assignments, 2026) == 80 == store.ctx.rules.planned_jp_cap


def test_a_second_delivery_or_a_resubmission_decides_nothing_twice(store):
    store.given(*ORG)
    first = submitted(levels={"M.03": 2, "M.08": 2, "M.05": 5})
    react_to_assessment(store.ctx, first)
    react_to_assessment(store.ctx, first)
    assert len(store.recorded()) == 3  # two assignments and an opportunity, once
    react_to_assessment(store.ctx, submitted(levels={"M.03": 1, "M.08": 2, "M.01": 2, "M.05": 5},
                                             submission=2))
    assert summary(store.recorded()[3:]) == [("TrainingAssigned", "M.01", "PLT-INTEGRITAS-DASAR")]


def test_a_self_assessment_decides_nothing(store):
    store.given(*ORG)
    react_to_assessment(store.ctx, submitted(role="self", levels={"M.03": 1}))
    assert store.recorded() == []


def test_a_period_never_opened_and_naming_no_year_cannot_be_decided_on(store):
    store.given(*ORG)
    with pytest.raises(UnprocessableEvent):
        react_to_assessment(store.ctx, submitted(levels={"M.03": 1}, period_id="Q1-XX"))
    assert store.recorded() == []
