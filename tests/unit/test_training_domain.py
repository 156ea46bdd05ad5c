"""The pure training rules: gaps, programme ranking, the JP cap, JPM, assignment states."""
from __future__ import annotations

import pytest

from services.training import domain
from services.training.contract import ALL_KINDS
from services.training.domain import Gap, Programme


def rating(code, level, required):
    return {"competency": code, "level": level, "required_level": required}


def prog(code, kind="managerial", jp=24, comps=("M.01",), lo=1, hi=4):
    return Programme(code, kind, jp, tuple(comps), lo, hi)


def test_gaps_are_positive_only_larger_first_then_managerial_before_sociocultural_before_technical():
    found = domain.gaps([rating("T.KEU.01", 1, 3), rating("SK.01", 1, 3), rating("M.05", 2, 3),
                         rating("M.02", 1, 3), rating("M.03", 3, 3), rating("M.04", 4, 3)])
    assert [(g.competency, g.size) for g in found] == [
        ("M.02", 2), ("SK.01", 2), ("T.KEU.01", 2), ("M.05", 1)]


def test_strengths_are_above_required_or_at_level_five():
    found = domain.strengths([rating("M.01", 4, 3), rating("M.02", 5, 5), rating("M.03", 3, 3)])
    assert [r["competency"] for r in found] == ["M.01", "M.02"]


def test_a_programme_must_cover_the_competency_and_suit_the_current_level():
    gap = Gap("M.01", 1, 3)
    assert domain.choose(gap, [prog("A", comps=("M.02",)), prog("B", lo=2)], None).reason == "no_programme"
    assert domain.choose(gap, [prog("A", comps=("M.02",)), prog("C", lo=1)], None).programme.code == "C"


def test_classical_training_ranks_before_e_learning_before_coaching():
    gap = Gap("M.01", 2, 3)
    options = [prog("COACH", "coaching", 10), prog("EL", "e_learning", 8), prog("PLT", "managerial", 24)]
    assert domain.choose(gap, options, None).programme.code == "PLT"
    assert domain.choose(gap, options[:2], None).programme.code == "EL"


def test_among_equals_the_one_reaching_the_required_level_then_fewer_jp_then_code():
    gap = Gap("M.01", 1, 4)
    low = prog("LOW", hi=1, jp=8)
    assert domain.choose(gap, [low, prog("HIGH", hi=3, jp=40)], None).programme.code == "HIGH"
    assert domain.choose(gap, [prog("B", jp=20), prog("A", jp=20), prog("C", jp=16)],
                         None).programme.code == "C"
    assert domain.choose(gap, [prog("B"), prog("A")], None).programme.code == "A"


def test_guidance_only_when_asked_for_coaching_or_mentoring():
    gap = Gap("M.01", 2, 3)
    options = [prog("PLT"), prog("MENTOR", "mentoring", 12), prog("COACH", "coaching", 10)]
    assert domain.choose(gap, options, None, domain.GUIDANCE_KINDS).programme.code == "COACH"


def test_the_cap_takes_the_next_programme_that_fits_or_leaves_the_gap_unmet():
    gap = Gap("M.01", 2, 3)
    options = [prog("PLT", jp=24), prog("EL", "e_learning", 8)]
    assert domain.choose(gap, options, 10).programme.code == "EL"
    assert domain.choose(gap, options, 7).reason == "cap_reached"


def test_plan_counts_planned_jp_across_gaps_and_skips_open_competencies():
    found = [Gap("M.01", 1, 3), Gap("M.02", 1, 3), Gap("M.03", 2, 3)]
    options = [prog("P1", comps=("M.01",), jp=30), prog("P2", comps=("M.02",), jp=30),
               prog("P3", comps=("M.03",), jp=30)]
    choices = domain.plan(found, options, {"M.02"}, planned_jp=10, cap=70)
    assert [(c.gap.competency, c.programme and c.programme.code, c.reason) for c in choices] == [
        ("M.01", "P1", None), ("M.02", None, "open"), ("M.03", "P3", None)]
    choices = domain.plan(found, options, set(), planned_jp=10, cap=70)
    assert [c.reason for c in choices] == [None, None, "cap_reached"]
    assert all(c.programme for c in domain.plan(found, options, set(), 0, None))


@pytest.mark.parametrize("ratings, score, category", [
    ([rating("M.01", 3, 3), rating("M.02", 3, 3)], 100.0, "optimal"),
    ([rating("M.01", 5, 3), rating("M.02", 2, 3)], 83.33, "cukup_optimal"),  # no credit above required
    ([rating("M.01", 2, 3), rating("M.02", 2, 3)], 66.67, "kurang_optimal"),
    ([rating(f"M.0{i}", 3, 3) for i in range(1, 10)] + [rating("SK.01", 2, 3)], 96.67, "optimal"),
])
def test_job_person_match(ratings, score, category):
    assert domain.jpm(ratings) == score
    assert domain.jpm_category(score) == category


def test_jpm_thresholds_are_inclusive_at_the_bottom():
    assert [domain.jpm_category(s) for s in (90, 89.99, 78, 77.99)] == [
        "optimal", "cukup_optimal", "cukup_optimal", "kurang_optimal"]


@pytest.mark.parametrize("state, action, after", [
    ("assigned", "start", "in_progress"), ("assigned", "complete", "completed"),
    ("in_progress", "complete", "completed"), ("assigned", "cancel", "cancelled"),
    ("in_progress", "cancel", "cancelled"), ("in_progress", "report", "in_progress")])
def test_allowed_transitions(state, action, after):
    assert domain.transition(state, action) == after


@pytest.mark.parametrize("state, action, code", [
    ("in_progress", "start", "invalid_transition"), ("completed", "start", "assignment_closed"),
    ("completed", "cancel", "assignment_closed"), ("cancelled", "complete", "assignment_closed"),
    ("cancelled", "report", "assignment_closed")])
def test_refused_transitions(state, action, code):
    with pytest.raises(domain.TransitionRefused) as refused:
        domain.transition(state, action)
    assert refused.value.code == code


def test_year_of_a_period_id_and_the_jp_still_owed():
    assert [domain.year_of(p) for p in ("2026-Q1", "2026", "2025.S2", "Q1-2026")] == [2026, 2026, 2025, None]
    assert [domain.jp_shortfall(jp) for jp in (0, 12, 20, 35)] == [20, 8, 0, 0]


def test_every_kind_of_the_contract_has_a_rank_and_guidance_ranks_last():
    assert sorted(domain.KIND_RANK) == sorted(ALL_KINDS)
    assert all(domain.KIND_RANK[k] == max(domain.KIND_RANK.values()) for k in domain.GUIDANCE_KINDS)


def test_planned_jp_is_the_years_assignments_not_cancelled_and_the_room_what_the_cap_leaves():
    held = [domain.Planned("M.01", 24, 2026, "completed"), domain.Planned("M.02", 20, 2026, "assigned"),
            domain.Planned("M.03", 30, 2026, "cancelled"), domain.Planned("M.04", 40, 2025, "assigned")]
    assert domain.planned_jp(held, 2026) == 44
    assert domain.open_competencies(held) == {"M.02", "M.04"}
    assert [domain.room_under_cap(cap, 44) for cap in (80, 40, None)] == [36, 0, None]
