"""Work behaviour's handlers (the official's notes per BerAKHLAK value) on both store adapters:
the same bodies run on the in-memory store and on PostgreSQL (fixture ``store``)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.assessment import domain_periods, noting_behaviour
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from tests.integration.assessment.conftest import TODAY
from tests.integration.assessment.handlers import organisation
from tests.support import people

NOTED = "assessment.BehaviourNoted.v1"


def note(store, nip=people.EMPLOYEE, caller=people.SUPERVISOR, value="akuntabel",
         kind="positive", observed_on=date(2026, 1, 20), text="Laporan tepat waktu",
         period=people.PERIOD):
    return noting_behaviour.note(store.context, caller, period, nip, value, kind, observed_on,
                                 text)


def test_the_official_notes_behaviour_per_value_one_event_each(store):
    store.given(*organisation())
    note(store)
    note(store, value="kolaboratif", kind="to_improve", text="Jarang berbagi data")
    [(t1, s1, first), (t2, s2, second)] = store.recorded()
    assert (t1, s1, t2, s2) == (NOTED, people.EMPLOYEE, NOTED, people.EMPLOYEE)
    assert first == {"period_id": people.PERIOD, "nip": people.EMPLOYEE, "value": "akuntabel",
                     "kind": "positive", "observed_on": "2026-01-20",
                     "text": "Laporan tepat waktu", "noted_by": people.SUPERVISOR}
    assert (second["value"], second["kind"]) == ("kolaboratif", "to_improve")


@pytest.mark.parametrize("changes, refusal, code", [
    ({"caller": people.PEER}, Forbidden, "not_the_official"),
    ({"caller": people.HEAD}, Forbidden, "not_the_official"),  # the official's superior
    ({"nip": "199912312020121009"}, NotFound, "unknown_employee"),
    ({"period": "2026-Q2"}, NotFound, "unknown_period"),
    ({"value": "jujur"}, Invalid, "unknown_value"),
    ({"observed_on": TODAY + timedelta(days=1)}, Invalid, "observed_in_future"),
    ({"observed_on": date(2025, 12, 31)}, Invalid, "observed_before_period"),
])
def test_a_note_is_refused_to_others_and_outside_the_period_changing_nothing(store, changes,
                                                                            refusal, code):
    store.given(*organisation())
    with pytest.raises(refusal) as refused:
        note(store, **changes)
    assert refused.value.code == code and store.recorded() == []


def test_no_note_once_the_period_is_closed(store):
    store.given(*organisation(), domain_periods.AppraisalPeriodClosed(people.PERIOD))
    with pytest.raises(Conflict) as refused:
        note(store)
    assert refused.value.code == "period_not_open" and store.recorded() == []
