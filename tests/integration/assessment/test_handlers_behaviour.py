"""Work behaviour's handlers (the official's notes per BerAKHLAK value) on both store adapters:
the same bodies run on the in-memory store and on PostgreSQL (fixture ``store``)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.assessment import domain_periods, inviting_behaviour, noting_behaviour
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from tests.integration.assessment.conftest import TODAY
from tests.integration.assessment.handlers import organisation
from tests.support import people

NOTED = "assessment.BehaviourNoted.v1"
INVITED, GIVEN = "assessment.BehaviourInputInvited.v1", "assessment.BehaviourInputGiven.v1"


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


# Peer and subordinate input: PEER shares EMPLOYEE's unit and position; HEAD is neither.
ANSWERS = [{"value": "kolaboratif", "choice": "above", "comment": "Selalu berbagi data"},
           {"value": "akuntabel", "choice": "meets", "comment": None}]


def invite(store, invitee=people.PEER, caller=people.SUPERVISOR, nip=people.EMPLOYEE):
    return inviting_behaviour.invite(store.context, caller, people.PERIOD, nip, invitee)


def test_the_official_invites_a_peer_who_answers_once(store):
    store.given(*organisation())
    invite(store)
    inviting_behaviour.respond(store.context, people.PEER, people.PERIOD, people.EMPLOYEE,
                               ANSWERS)
    assert inviting_behaviour.respond(store.context, people.PEER, people.PERIOD,
                                      people.EMPLOYEE, ANSWERS) is None  # the same again
    [(t1, s1, invited), (t2, s2, given)] = store.recorded()
    assert (t1, s1, t2, s2) == (INVITED, people.EMPLOYEE, GIVEN, people.EMPLOYEE)
    assert invited == {"period_id": people.PERIOD, "nip": people.EMPLOYEE,
                       "invitee_nip": people.PEER, "relation": "peer",
                       "invited_by": people.SUPERVISOR}
    assert given == {"period_id": people.PERIOD, "nip": people.EMPLOYEE,
                     "invitee_nip": people.PEER, "relation": "peer", "answers": ANSWERS}
    with pytest.raises(Conflict) as refused:
        inviting_behaviour.respond(store.context, people.PEER, people.PERIOD, people.EMPLOYEE,
                                   ANSWERS[:1])
    assert refused.value.code == "already_answered" and len(store.recorded()) == 2


def test_the_head_invites_the_supervisor_s_direct_report_as_a_subordinate(store):
    store.given(*organisation())
    invite(store, invitee=people.EMPLOYEE, caller=people.HEAD, nip=people.SUPERVISOR)
    assert store.recorded()[0][2]["relation"] == "subordinate"


@pytest.mark.parametrize("changes, refusal, code", [
    ({"caller": people.PEER}, Forbidden, "not_the_official"),
    ({"invitee": people.HEAD}, Invalid, "not_a_peer"),  # another position's level
    ({"invitee": people.EMPLOYEE}, Invalid, "not_a_rater"),
    ({"invitee": people.SUPERVISOR}, Invalid, "not_a_rater"),
    ({"invitee": "199912312020121009"}, Invalid, "unknown_invitee"),
])
def test_an_invitation_is_refused_to_others_and_outside_the_rules(store, changes, refusal,
                                                                  code):
    store.given(*organisation())
    with pytest.raises(refusal) as refused:
        invite(store, **changes)
    assert refused.value.code == code and store.recorded() == []


@pytest.mark.parametrize("caller, answers, refusal, code", [
    (people.HEAD, ANSWERS, Forbidden, "not_invited"),
    (people.PEER, [{"value": "jujur", "choice": "above", "comment": None}], Invalid,
     "unknown_value"),
    (people.PEER, ANSWERS[:1] * 2, Invalid, "answers_per_value"),
    (people.PEER, [], Invalid, "answers_per_value"),
])
def test_only_the_invited_answer_with_known_values(store, caller, answers, refusal, code):
    store.given(*organisation())
    invite(store)
    mark = len(store.recorded())
    with pytest.raises(refusal) as refused:
        inviting_behaviour.respond(store.context, caller, people.PERIOD, people.EMPLOYEE,
                                   answers)
    assert refused.value.code == code and len(store.recorded()) == mark


def test_no_invitation_or_answer_once_the_period_is_closed(store):
    store.given(*organisation())
    invite(store)
    closed = domain_periods.AppraisalPeriodClosed(people.PERIOD)
    store.given(closed)
    for attempt in (lambda: invite(store, invitee=people.EMPLOYEE, caller=people.HEAD,
                                   nip=people.SUPERVISOR),
                    lambda: inviting_behaviour.respond(store.context, people.PEER,
                                                       people.PERIOD, people.EMPLOYEE, ANSWERS)):
        with pytest.raises(Conflict) as refused:
            attempt()
        assert refused.value.code == "period_not_open"
    assert store.recorded() == []
