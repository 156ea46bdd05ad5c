"""Monthly periods on both store adapters: an agency whose period rules say monthly opens
2026-M03 (the month in the event), is refused a quarterly one with nothing recorded, and the
bundled rules (quarterly) refuse a month."""
from __future__ import annotations

from dataclasses import replace

import pytest

from services.assessment import organisation as handlers
from services.assessment.domain_periods import PeriodRules
from shared.errors import Invalid


def test_an_agency_appraising_monthly_opens_and_closes_a_month(store):
    context = replace(store.context, periods=PeriodRules(("monthly",)))
    handlers.open_period(context, "monthly", 2026, None, 3)
    assert store.recorded() == [("assessment.AppraisalPeriodOpened.v1", "2026-M03", {
        "period_id": "2026-M03", "kind": "monthly", "year": 2026, "quarter": None,
        "starts_on": "2026-03-01", "ends_on": "2026-03-31", "month": 3})]
    assert store.store.period_status("2026-M03") == "open"
    handlers.close_period(context, "2026-M03")
    assert store.store.period_status("2026-M03") == "closed"


def test_the_cadence_the_agency_does_not_use_is_refused_and_nothing_recorded(store):
    monthly = replace(store.context, periods=PeriodRules(("monthly",)))
    for context, args in ((monthly, ("quarterly", 2026, 1)),
                          (store.context, ("monthly", 2026, None, 3))):
        with pytest.raises(Invalid) as refused:
            handlers.open_period(context, *args)
        assert refused.value.code == "period_kind_not_used"
    assert store.recorded() == []
