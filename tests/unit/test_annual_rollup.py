"""The annual predikat proposed from the year's periodic results, each policy at its boundaries
(latest, mode with its ties, mean_score at each threshold), the bundled policy, refused policies,
and the official's confirmation: the proposal confirmed, another predikat only with a reason."""
from __future__ import annotations

import pytest

from services.assessment import domain_annual as annual
from services.assessment.domain_annual import AnnualPolicy, AnnualState, PeriodicResult
from services.assessment.reference_periods import PERIOD_RULES_FILE, annual_policy
from shared.errors import Conflict, Forbidden, Invalid, NotFound

SB, B, BP, K, SK = "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"
SCORES = {SB: 5, B: 4, BP: 3, K: 2, SK: 1}
MEAN = AnnualPolicy("mean_score", SCORES, ((4.5, SB), (3.5, B), (2.5, BP), (1.5, K), (0, SK)))
OFFICIAL, OTHER = "198001012005011001", "198001012005011002"


def test_latest_is_the_last_result_and_nothing_proposes_nothing():
    assert annual.propose([SB, SB, BP], AnnualPolicy("latest")) == BP
    assert annual.propose([K], AnnualPolicy("latest")) == K
    for name in annual.POLICIES:
        assert annual.propose([], MEAN if name == "mean_score" else AnnualPolicy(name)) is None


@pytest.mark.parametrize("results, proposed", [
    ([B, B, SB], B),                 # the most frequent
    ([SB, B], B),                    # a tie of one each: the later
    ([B, SB, SB, B], B),             # a tie of two each: the one given last
    ([SB, B, B, SB], SB),
    ([BP, SB, B, SB, BP, B], B),     # a three-way tie: the last
    ([SK, SK, SK, B, SB], SK)])      # many bad months outweigh the recent good ones
def test_mode_is_the_most_frequent_and_a_tie_goes_to_the_later(results, proposed):
    assert annual.propose(results, AnnualPolicy("mode")) == proposed


@pytest.mark.parametrize("results, proposed", [
    ([SB, B], SB),          # mean 4.5: exactly the threshold of Sangat Baik
    ([SB, B, B, B], B),     # 4.25
    ([B, BP], B),           # 3.5: exactly Baik's
    ([B, BP, BP, BP], BP),  # 3.25
    ([BP, K], BP),          # 2.5
    ([K, SK], K),           # 1.5
    ([K, SK, SK, SK], SK),  # 1.25
    ([SK], SK)])
def test_mean_score_at_each_threshold(results, proposed):
    assert annual.propose(results, MEAN) == proposed


def test_the_bundled_policy_is_mode_and_a_bad_policy_is_refused(tmp_path):
    policy = annual_policy(PERIOD_RULES_FILE)
    assert policy.name == "mode" and policy.scores == SCORES
    assert annual.propose([B, SB], policy) == SB
    for text in ("annual_policy: median\n",
                 "annual_policy: mean_score\nscores: {BAIK: 4}\nthresholds: [[1, BAIK]]\n",
                 "annual_policy: mean_score\nscores: {SANGAT_BAIK: 5, BAIK: 4,"
                 " BUTUH_PERBAIKAN: 3, KURANG: 2, SANGAT_KURANG: 1}\n"
                 "thresholds: [[1, BAIK], [3, SANGAT_BAIK]]\n"):
        bad = tmp_path / "bad.yaml"
        bad.write_text(text, "utf-8")
        annual_policy.cache_clear()
        with pytest.raises(ValueError):
            annual_policy(bad)


def _state(**changes) -> AnnualState:
    values = {"period_kind": "annual", "period_status": "open",
              "assessed": ("BKPSDM", B, OFFICIAL),
              "periodic": (PeriodicResult("2026-Q1", SB), PeriodicResult("2026-Q2", SB),
                           PeriodicResult("2026-Q3", B)), "version": 0}
    return AnnualState(**{**values, **changes})


def test_the_official_confirms_the_proposal_or_gives_another_with_a_reason():
    confirmed = annual.confirm(_state(), "2026", "X", SB, None, OFFICIAL, AnnualPolicy())
    assert (confirmed.proposed, confirmed.previous, confirmed.predikat, confirmed.reason,
            confirmed.policy, len(confirmed.periodic)) == (SB, B, SB, None, "mode", 3)
    changed = annual.confirm(_state(), "2026", "X", B, " Target utama tidak tercapai ",
                             OFFICIAL, AnnualPolicy())
    assert (changed.proposed, changed.predikat, changed.reason) == (
        SB, B, "Target utama tidak tercapai")
    with pytest.raises(Invalid) as refused:
        annual.confirm(_state(), "2026", "X", B, "  ", OFFICIAL, AnnualPolicy())
    assert refused.value.code == "reason_required"


@pytest.mark.parametrize("changes, caller, predikat, refusal, code", [
    ({"period_status": None}, OFFICIAL, SB, NotFound, "unknown_period"),
    ({"period_kind": "quarterly"}, OFFICIAL, SB, Invalid, "not_annual"),
    ({"period_status": "closed"}, OFFICIAL, SB, Conflict, "period_not_open"),
    ({"assessed": None}, OFFICIAL, SB, Conflict, "not_assessed"),
    ({}, OTHER, SB, Forbidden, "not_the_official"),
    ({"periodic": ()}, OFFICIAL, SB, Conflict, "no_periodic_results"),
    ({}, OFFICIAL, "ISTIMEWA", Invalid, "unknown_predikat")])
def test_each_refusal(changes, caller, predikat, refusal, code):
    with pytest.raises(refusal) as refused:
        annual.confirm(_state(**changes), "2026", "X", predikat, "alasan", caller, AnnualPolicy())
    assert refused.value.code == code
