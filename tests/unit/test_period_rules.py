"""The agency's periods (PermenPANRB 6/2022: periodic appraisal monthly or quarterly as the agency
chooses, and the annual one): a month's bounds at the year's ends, the cadence the rules allow and
the rest refused, the rules file read and checked, the period ids the events and the CLI take."""
from __future__ import annotations

import re
from datetime import date

import pytest

from services.assessment import domain_periods as periods
from services.assessment.domain_periods import PeriodRules
from services.assessment.reference_periods import PERIOD_RULES_FILE, period_rules
from shared.errors import Invalid
from shared.events.fields import PERIOD_PATTERN
from tools.cli.api import period_spec

MONTHLY = PeriodRules(("monthly",))


def test_a_months_bounds_at_the_years_ends_and_in_a_leap_february():
    assert periods.bounds("monthly", 2026, None, 1) == ("2026-M01", date(2026, 1, 1),
                                                        date(2026, 1, 31))
    assert periods.bounds("monthly", 2026, None, 12) == ("2026-M12", date(2026, 12, 1),
                                                         date(2026, 12, 31))
    assert periods.bounds("monthly", 2028, None, 2)[2] == date(2028, 2, 29)
    assert periods.bounds("quarterly", 2026, 1, None) == ("2026-Q1", date(2026, 1, 1),
                                                          date(2026, 3, 31))
    assert periods.bounds("annual", 2026, None, None)[0] == "2026"


@pytest.mark.parametrize("kind, quarter, month", [
    ("monthly", None, None), ("monthly", None, 0), ("monthly", None, 13), ("monthly", 1, 3),
    ("quarterly", 1, 3), ("annual", None, 3)])
def test_a_month_that_does_not_fit_the_kind_is_refused(kind, quarter, month):
    with pytest.raises(Invalid) as refused:
        periods.bounds(kind, 2026, quarter, month)
    assert refused.value.code == "bad_period"


def test_the_cadence_the_rules_do_not_use_is_refused_and_the_one_they_do_is_opened():
    opened = periods.open_period("monthly", 2026, None, 3, False, MONTHLY)
    assert (opened.TYPE, opened.period_id, opened.month, opened.quarter, opened.starts_on,
            opened.ends_on) == ("assessment.AppraisalPeriodOpened.v1", "2026-M03", 3, None,
                                "2026-03-01", "2026-03-31")
    for kind, quarter, rules in (("quarterly", 1, MONTHLY), ("monthly", None, PeriodRules()),
                                 ("annual", None, PeriodRules(("monthly",), annual=False))):
        with pytest.raises(Invalid) as refused:
            periods.open_period(kind, 2026, quarter, 3 if kind == "monthly" else None, False,
                                rules)
        assert refused.value.code == "period_kind_not_used"
        assert refused.value.extra["errors"]["kind"]
    both = PeriodRules(("monthly", "quarterly"))
    assert periods.open_period("quarterly", 2026, 2, None, False, both).period_id == "2026-Q2"
    assert not hasattr(periods.open_period("quarterly", 2026, 2, None, False, both), "month")


def test_the_bundled_rules_keep_the_quarterly_cadence_and_an_agency_file_chooses(tmp_path):
    assert period_rules(PERIOD_RULES_FILE) == PeriodRules(("quarterly",), True)
    chosen = tmp_path / "periods.yaml"
    chosen.write_text("periodic: monthly\nannual: true\n", "utf-8")
    assert period_rules(chosen) == PeriodRules(("monthly",), True)
    both = tmp_path / "both.yaml"
    both.write_text("periodic: [monthly, quarterly]\nannual: false\n", "utf-8")
    assert period_rules(both) == PeriodRules(("monthly", "quarterly"), False)
    for text in ("periodic: [weekly]\n", "periodic: []\n"):
        bad = tmp_path / "bad.yaml"
        bad.write_text(text, "utf-8")
        period_rules.cache_clear()
        with pytest.raises(ValueError):
            period_rules(bad)


@pytest.mark.parametrize("period_id, valid", [
    ("2026-M01", True), ("2026-M12", True), ("2026-Q4", True), ("2026", True),
    ("2026-M00", False), ("2026-M13", False), ("2026-M3", False), ("2026-Q5", False)])
def test_the_period_ids_events_carry(period_id, valid):
    assert bool(re.match(PERIOD_PATTERN, period_id)) is valid


def test_the_cli_opens_a_month():
    assert period_spec("2026-M03") == {"kind": "monthly", "year": 2026, "quarter": None,
                                       "month": 3}
