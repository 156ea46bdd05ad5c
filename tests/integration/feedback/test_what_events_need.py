"""What a consumed assessment event needs before feedback applies it: checked as training checks
it (shared/prerequisites.py), so the two consumers never disagree about a record."""
from __future__ import annotations

from dataclasses import replace

from tests.integration.feedback.conftest import pair
from tests.support import assessment_events as ae
from tests.support import people


def compared(env) -> list[str]:
    return [r["nip"] for r in env.rows("SELECT nip FROM comparisons ORDER BY nip")]


def test_an_assessment_from_a_foreign_source_is_dead_lettered(fb):
    own, boss = pair(own=5, boss=1)
    result = fb.feed(own, replace(boss, source="/x/intruder"))
    assert (result.applied, result.dead_lettered) == (1, 1)
    assert result.dead[0].reason.startswith("unprocessable: foreign source: '/x/intruder'")
    assert compared(fb) == []


def test_an_assessment_of_an_employee_never_registered_is_dead_lettered(fb):
    stranger = "199912312020121999"
    result = fb.feed(*pair(stranger, supervisor=people.SUPERVISOR))
    assert result.dead_lettered == 2
    assert {d.reason.split(":")[1].strip() for d in result.dead} == {"unknown employee '%s'"
                                                                      % stranger}
    assert fb.rows("SELECT count(*) AS n FROM submissions")[0]["n"] == 0


def test_assessments_wait_for_their_period_then_are_compared(fb):
    q2 = ae.period("2026-Q2", 2026, 2)
    result = fb.feed(*pair(own=5, boss=1, period_id="2026-Q2"))
    assert (result.applied, result.parked) == (0, 2)
    assert compared(fb) == []
    result = fb.feed(q2)
    assert (result.applied, result.released) == (1, 2)
    assert compared(fb) == [people.EMPLOYEE]
