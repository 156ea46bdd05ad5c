"""The succession group's rule (PP 11/2017 Pasal 199) as data: services/training/domain_talent.py."""
from __future__ import annotations

from services.training.domain_talent import Succession, succession_gaps
from services.training.reference import RULES_FILE, load_rules

RULE = Succession()
GOOD = {2025: "BAIK", 2026: "SANGAT_BAIK"}


def test_fitting_competencies_20_jp_and_two_good_years_make_the_group():
    assert succession_gaps(100.0, 20, 20, GOOD, 2026, RULE) == []


def test_each_criterion_missed_is_named():
    assert succession_gaps(None, 0, 20, {2026: "KURANG"}, 2026, RULE) == [
        {"criterion": "competency", "share": None},
        {"criterion": "development", "completed_jp": 0},
        {"criterion": "performance", "year": 2025, "predikat": None},
        {"criterion": "performance", "year": 2026, "predikat": "KURANG"}]
    assert succession_gaps(99.9, 20, 20, GOOD, 2026, RULE) == [
        {"criterion": "competency", "share": 99.9}]


def test_the_rule_is_the_agencys_rules_file(tmp_path):
    assert load_rules(RULES_FILE).succession == RULE
    own = tmp_path / "rules.yaml"
    own.write_text(RULES_FILE.read_text().replace("competency_share: 100", "competency_share: 80")
                   .replace("years: 2", "years: 3"))
    rule = load_rules(own).succession
    assert (rule.competency_share, rule.years) == (80.0, 3)
    assert succession_gaps(85.0, 20, 20, GOOD, 2026, rule) == [
        {"criterion": "performance", "year": 2024, "predikat": None}]
