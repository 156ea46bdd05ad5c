"""The distribution curve (SE MenPANRB 3/2023) without a database: the bundled table at its
boundaries, the rounding policies on small units, and an oracle that recomputes every verdict
independently from the table as DOMAIN.md states it."""
from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from services.assessment.contract import PREDIKATS, UNIT_PREDIKATS
from services.assessment.domain_curve import (BROKEN, EXEMPT, MET, UNSET, Clause, CurveRules,
                                              check_rules, curve_verdict, whole)
from services.assessment.reference import distribution_rules
from shared.config import Settings
from shared.errors import Invalid

SB, B, BP, K, SK = PREDIKATS
RULES = distribution_rules()


def unit(**counts: int) -> list[str]:
    """Employee predikat by count: unit(SB=1, B=7) -> ['SANGAT_BAIK', 'BAIK' x 7]."""
    names = {"SB": SB, "B": B, "BP": BP, "K": K, "SK": SK}
    return [names[short] for short, n in counts.items() for _ in range(n)]


def broken_kinds(verdict) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.kind, c.band) for c in verdict.broken]


def test_the_bundled_table_has_a_pattern_for_every_unit_predikat():
    assert set(RULES.patterns) == set(UNIT_PREDIKATS)
    assert RULES.rounding == "nearest" and RULES.exempt_below == 1


@pytest.mark.parametrize("policy, percent, employees, low, high", [
    # exactly on a whole number: every policy agrees
    ("strict", 60, 10, 6, 6), ("lenient", 60, 10, 6, 6), ("nearest", 60, 10, 6, 6),
    ("strict", 70, 10, 7, 7), ("lenient", 70, 10, 7, 7), ("nearest", 70, 10, 7, 7),
    ("strict", 10, 10, 1, 1), ("lenient", 10, 10, 1, 1), ("nearest", 10, 10, 1, 1),
    # small units: (min bound, max bound)
    ("strict", 70, 1, 1, 0), ("lenient", 70, 1, 0, 1), ("nearest", 70, 1, 1, 1),
    ("strict", 70, 2, 2, 1), ("lenient", 70, 2, 1, 2), ("nearest", 70, 2, 1, 1),
    ("strict", 70, 3, 3, 2), ("lenient", 70, 3, 2, 3), ("nearest", 70, 3, 2, 2),
    ("strict", 60, 7, 5, 4), ("lenient", 60, 7, 4, 5), ("nearest", 60, 7, 4, 4),
    ("strict", 10, 3, 1, 0), ("lenient", 10, 3, 0, 1), ("nearest", 10, 3, 0, 0),
    ("strict", 10, 7, 1, 0), ("lenient", 10, 7, 0, 1), ("nearest", 10, 7, 1, 1),
    ("nearest", 50, 1, 1, 1), ("nearest", 10, 5, 1, 1),  # halves round up
])
def test_a_share_as_whole_employees(policy, percent, employees, low, high):
    assert (whole(percent, employees, "min", policy),
            whole(percent, employees, "max", policy)) == (low, high)


def test_baik_at_exactly_70_percent_is_met_and_one_more_breaks_it():
    assert curve_verdict(B, unit(SB=1, B=7, BP=2), RULES).verdict == MET
    over = curve_verdict(B, unit(B=8, BP=2), RULES)
    assert over.verdict == BROKEN and broken_kinds(over) == [("max_percent", (B,))]
    assert over.broken[0].limit == 7 and over.broken[0].count == 8
    assert over.broken[0].key == "curve.clause.max_percent"


def test_baik_needs_one_butuh_perbaikan_or_kurang():
    without = curve_verdict(B, unit(SB=3, B=7), RULES)
    assert broken_kinds(without) == [("min_count", (BP, K))]
    assert curve_verdict(B, unit(SB=3, B=6, K=1), RULES).verdict == MET


def test_the_dominant_band_must_be_the_largest_ties_allowed():
    assert broken_kinds(curve_verdict(B, unit(B=3, BP=4), RULES)) == [("largest", (B,))]
    assert curve_verdict(B, unit(B=3, BP=3), RULES).verdict == MET
    assert curve_verdict("ISTIMEWA", unit(SB=5, B=5), RULES).verdict == MET


def test_butuh_perbaikan_at_exactly_60_percent_and_sangat_baik_at_exactly_10():
    assert curve_verdict(BP, unit(SB=1, B=3, BP=6), RULES).verdict == MET
    below = curve_verdict(BP, unit(SB=1, B=4, BP=5), RULES)
    assert broken_kinds(below) == [("min_percent", (BP,))]
    assert broken_kinds(curve_verdict(BP, unit(SB=2, B=2, BP=6), RULES)) == [
        ("max_percent", (SB,))]


def test_kurang_needs_10_percent_butuh_perbaikan():
    assert curve_verdict(K, unit(K=9, BP=1), RULES).verdict == MET
    assert broken_kinds(curve_verdict(K, unit(K=10, SB=0), RULES)) == [("min_percent", (BP,))]


def test_sangat_kurang_allows_no_sangat_baik():
    assert curve_verdict(SK, unit(SK=6, K=3, BP=1), RULES).verdict == MET
    assert broken_kinds(curve_verdict(SK, unit(SK=8, K=1, SB=1), RULES)) == [
        ("max_count", (SB,))]


@pytest.mark.parametrize("policy, size, employees, verdict", [
    # a Baik unit of 1 cannot meet it (Baik the largest, yet one BP/K): exempt_below is for it
    ("strict", 1, unit(B=1), BROKEN), ("lenient", 1, unit(BP=1), BROKEN),
    ("nearest", 1, unit(K=1), BROKEN),
    # of 2: one Baik and one Butuh Perbaikan is the only way under every policy
    ("strict", 2, unit(B=1, BP=1), MET), ("lenient", 2, unit(B=1, BP=1), MET),
    ("nearest", 2, unit(B=1, BP=1), MET), ("lenient", 2, unit(B=2), BROKEN),
    # of 3: two Baik and a Kurang
    ("strict", 3, unit(B=2, K=1), MET), ("lenient", 3, unit(B=2, K=1), MET),
    ("nearest", 3, unit(B=2, K=1), MET), ("nearest", 3, unit(B=1, SB=1, K=1), MET),
    # of 7: 70% is 4.9 -> strict 4, lenient 5, nearest 5
    ("strict", 7, unit(B=5, SB=1, BP=1), BROKEN), ("lenient", 7, unit(B=5, SB=1, BP=1), MET),
    ("nearest", 7, unit(B=5, SB=1, BP=1), MET), ("strict", 7, unit(B=4, SB=2, BP=1), MET),
    # of 10: exact
    ("strict", 10, unit(B=7, SB=2, BP=1), MET), ("lenient", 10, unit(B=8, BP=2), BROKEN),
    ("nearest", 10, unit(B=8, BP=2), BROKEN),
])
def test_small_units_under_each_rounding_policy(policy, size, employees, verdict):
    assert len(employees) == size
    assert curve_verdict(B, employees, replace(RULES, rounding=policy)).verdict == verdict


@pytest.mark.parametrize("policy, verdict", [("strict", BROKEN), ("lenient", MET),
                                             ("nearest", MET)])
def test_an_istimewa_unit_of_one_sangat_baik(policy, verdict):
    # at most 70% of 1: 0 (strict), 1 (lenient), 1 (nearest: 0.7 rounds to 1)
    assert curve_verdict("ISTIMEWA", unit(SB=1), replace(RULES, rounding=policy)).verdict == verdict


@pytest.mark.parametrize("policy, employees, verdict", [
    # a Kurang unit of 3 or 7: "at least 10% Butuh Perbaikan" is 1 (strict) or 0 (lenient)
    ("strict", unit(K=3), BROKEN), ("lenient", unit(K=3), MET), ("nearest", unit(K=3), MET),
    ("strict", unit(K=7), BROKEN), ("lenient", unit(K=7), MET), ("nearest", unit(K=7), BROKEN),
])
def test_a_minimum_share_on_small_units(policy, employees, verdict):
    assert curve_verdict(K, employees, replace(RULES, rounding=policy)).verdict == verdict


def test_without_a_unit_predikat_nothing_is_checked():
    found = curve_verdict(None, unit(B=10), RULES)
    assert (found.verdict, found.clauses, found.employees, found.counts) == (UNSET, (), 10, {B: 10})


def test_an_empty_unit_and_a_unit_below_the_threshold_are_exempt():
    assert curve_verdict(B, [], RULES).verdict == EXEMPT
    small = curve_verdict(B, unit(B=3), replace(RULES, exempt_below=5))
    assert small.verdict == EXEMPT and small.broken  # shown, not enforced
    assert curve_verdict(B, unit(B=5), replace(RULES, exempt_below=5)).verdict == BROKEN


def test_an_unknown_unit_predikat_is_refused():
    with pytest.raises(Invalid) as refused:
        curve_verdict("LUAR_BIASA", unit(B=1), RULES)
    assert refused.value.code == "unknown_unit_predicate"


@pytest.mark.parametrize("rules", [
    CurveRules("round", 1, {}),
    CurveRules("strict", 1, {"LUAR_BIASA": ()}),
    CurveRules("strict", 1, {B: (Clause("most", (B,)),)}),
    CurveRules("strict", 1, {B: (Clause("min_count", ("BAGUS",), 1),)}),
    CurveRules("strict", 1, {B: (Clause("min_count", (), 1),)}),
])
def test_a_table_the_service_cannot_apply_is_refused(rules):
    with pytest.raises(Invalid):
        check_rules(rules, UNIT_PREDIKATS, PREDIKATS)


# The oracle: the table of DOMAIN.md written out again, shares as exact fractions.
ORACLE = {  # unit predikat -> (dominant band or None, [(bound, band, share or count)])
    "ISTIMEWA": (SB, [("max", {SB}, Fraction(7, 10))]),
    B: (B, [("max", {B}, Fraction(7, 10)), ("min", {BP, K}, 1)]),
    BP: (None, [("min", {BP}, Fraction(6, 10)), ("max", {SB}, Fraction(1, 10))]),
    K: (None, [("min", {K}, Fraction(6, 10)), ("min", {BP}, Fraction(1, 10)),
               ("max", {SB}, Fraction(1, 10))]),
    SK: (None, [("min", {SK}, Fraction(6, 10)), ("min", {K, BP}, Fraction(1, 10)),
                ("max", {SB}, 0)]),
}


def oracle_holds(unit_predikat: str, predikats: list[str], policy: str) -> bool:
    n = len(predikats)
    dominant, lines = ORACLE[unit_predikat]
    if dominant and any(predikats.count(p) > predikats.count(dominant) for p in PREDIKATS):
        return False
    for bound, band, amount in lines:
        count = sum(1 for p in predikats if p in band)
        if isinstance(amount, int):
            limit = amount
        elif policy == "nearest":
            limit = math.floor(amount * n + Fraction(1, 2))
        elif (bound == "min") == (policy == "strict"):
            limit = math.ceil(amount * n)
        else:
            limit = math.floor(amount * n)
        if (count < limit) if bound == "min" else (count > limit):
            return False
    return True


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(UNIT_PREDIKATS), st.lists(st.sampled_from(PREDIKATS), min_size=1,
                                                 max_size=40), st.sampled_from(("strict",
                                                                                "lenient", "nearest")))
def test_the_verdict_matches_an_independent_computation(unit_predikat, predikats, policy):
    verdict = curve_verdict(unit_predikat, predikats, replace(RULES, rounding=policy))
    assert (verdict.verdict == MET) == oracle_holds(unit_predikat, predikats, policy)
    assert verdict.employees == len(predikats)


def test_an_agencys_own_table_is_read_and_a_table_the_service_cannot_apply_refused(tmp_path):
    own = tmp_path / "kurva.yaml"
    own.write_text("rounding: strict\nexempt_below: 5\nsubunits: false\npatterns:\n"
                   "  BAIK:\n    - {kind: max_percent, band: [BAIK], value: 80}\n", "utf-8")
    chosen = Settings(data_files={"distribution_rules": str(own)}).data_file(
        "distribution_rules", tmp_path / "bundled.yaml")
    agency = distribution_rules(chosen)
    assert (agency.rounding, agency.exempt_below, agency.subunits) == ("strict", 5, False)
    assert agency.patterns == {B: (Clause("max_percent", (B,), 80),)}
    bad = tmp_path / "bad.yaml"
    bad.write_text("rounding: up\npatterns: {}\n", "utf-8")
    with pytest.raises(Invalid):
        distribution_rules(bad)
