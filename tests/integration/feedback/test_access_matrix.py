"""Every feedback endpoint against every role, and against the wrong person holding the right role.

A route added without a row here fails ``test_every_route_is_in_the_matrix``.
"""
from __future__ import annotations

import pytest

from tests.integration.feedback.conftest import pair
from tests.support import people
from tests.support.access import assert_refused, caller_for, routes, send
from tests.support.people import PERIOD

E, H, T, A = "employee", "hr_admin", "training_admin", "auditor"
ALL = (E, H, T, A)
MINE = f"/dialogues/{PERIOD}.{people.EMPLOYEE}.1"      # feedback given, to acknowledge
PEERS = f"/dialogues/{PERIOD}.{people.PEER}.1"         # opened, to schedule and give feedback
SCHEDULE = {"scheduled_at": "2027-04-10T09:00:00+07:00", "location": "Ruang Rapat Bidang Mutasi"}
FEEDBACK = {"items": [{"item": 1, "went_well": "Tepat waktu", "to_improve": "Dokumentasi",
                       "actions": [{"action": "Ikut e-learning", "due_on": "2027-06-30"}]}],
            "summary": "Dialog berjalan baik"}
NOTE = {"competency": "M.03", "tone": "appreciation", "phrase_code": "M.03-A1"}
REPORT = f"?period={PERIOD}"

# (method, rule, concrete path, roles let through, the NIP an employee calls as, body)
MATRIX = [
    ("GET", "/dialogues", "/dialogues", (H, A), None, None),
    ("GET", "/me/dialogues", "/me/dialogues", (E,), people.EMPLOYEE, None),
    ("GET", "/me/reports/dialogues", "/me/reports/dialogues", (E,), people.SUPERVISOR, None),
    ("GET", "/dialogues/<dialogue_id>", MINE, (E, H, A), people.EMPLOYEE, None),
    ("POST", "/dialogues/<dialogue_id>/schedule", f"{PEERS}/schedule", (E,), people.SUPERVISOR,
     SCHEDULE),
    ("POST", "/dialogues/<dialogue_id>/feedback", f"{PEERS}/feedback", (E,), people.SUPERVISOR,
     FEEDBACK),
    ("POST", "/dialogues/<dialogue_id>/acknowledgement", f"{MINE}/acknowledgement", (E,),
     people.EMPLOYEE, {"agrees": True}),
    ("POST", "/employees/<nip>/notes", f"/employees/{people.PEER}/notes", (E,), people.SUPERVISOR,
     NOTE),
    ("GET", "/employees/<nip>/notes", f"/employees/{people.EMPLOYEE}/notes", (E, H, A),
     people.EMPLOYEE, None),
    ("GET", "/me/notes", "/me/notes", (E,), people.EMPLOYEE, None),
    ("POST", "/notes/<note_id>/acknowledgement", "NOTE/acknowledgement", (E,), people.EMPLOYEE,
     {"agrees": True}),
    ("GET", "/phrases", "/phrases", ALL, None, None),
    ("GET", "/employees/<nip>/comparisons", f"/employees/{people.EMPLOYEE}/comparisons", (E, H, A),
     people.EMPLOYEE, None),
    ("GET", "/reports/discrepancies", f"/reports/discrepancies{REPORT}", (H, A), None, None),
    ("GET", "/reports/comparisons", f"/reports/comparisons{REPORT}", (H, A), None, None),
    ("GET", "/reports/dialogue-cadence", f"/reports/dialogue-cadence{REPORT}", (H, A), None, None),
    ("GET", "/audit/events", f"/audit/events?subject={people.EMPLOYEE}", (H, A), None, None),
    ("GET", "/audit/replays", "/audit/replays", (H, A), None, None),
]


@pytest.fixture
def scene(fb):
    """Two dialogues (one with feedback given) and a note on the employee."""
    fb.feed(*pair(people.EMPLOYEE, own={"M.01": 5}, boss={"M.01": 2}),
            *pair(people.PEER, own={"M.02": 1}, boss={"M.02": 4}))
    boss = fb.caller(people.SUPERVISOR, E)
    assert boss.post(f"{MINE}/feedback", json=FEEDBACK).status_code == 200
    note = boss.post(f"/employees/{people.EMPLOYEE}/notes", json=NOTE)
    assert note.status_code == 201, note.get_json()
    fb.note_id = note.get_json()["note_id"]
    return fb


def test_every_route_is_in_the_matrix(feedback_env):
    assert routes(feedback_env.app) == {(m, rule) for m, rule, *_ in MATRIX}


@pytest.mark.parametrize("method, rule, path, allowed, acting_nip, body", MATRIX,
                         ids=[f"{m} {r}" for m, r, *_ in MATRIX])
def test_only_the_allowed_roles_pass(scene, method, rule, path, allowed, acting_nip, body):
    path = path.replace("NOTE", f"/notes/{scene.note_id}")
    assert_refused(scene, method, path, body, allowed)
    for role in allowed:
        response = send(caller_for(scene, role, acting_nip), method, path, body)
        assert response.status_code in (200, 201), (role, response.get_json())


# Employee routes about one person: anyone else with the employee role is refused, by name.
WRONG_PERSON = [
    ("GET", MINE, people.PEER, "not_allowed_to_read", None),
    ("POST", f"{PEERS}/schedule", people.HEAD, "not_your_report", SCHEDULE),
    ("POST", f"{PEERS}/feedback", people.PEER, "not_your_report", FEEDBACK),
    ("POST", f"{MINE}/acknowledgement", people.SUPERVISOR, "not_your_feedback", {"agrees": True}),
    ("POST", f"/employees/{people.PEER}/notes", people.EMPLOYEE, "not_your_report", NOTE),
    ("GET", f"/employees/{people.EMPLOYEE}/notes", people.PEER, "not_allowed_to_read", None),
    ("POST", "NOTE/acknowledgement", people.SUPERVISOR, "not_your_feedback", {"agrees": True}),
    ("GET", f"/employees/{people.EMPLOYEE}/comparisons", people.OUTSIDER, "not_allowed_to_read",
     None),
]


@pytest.mark.parametrize("method, path, nip, code, body", WRONG_PERSON,
                         ids=[f"{m} {p} as {n}" for m, p, n, *_ in WRONG_PERSON])
def test_the_wrong_person_is_refused(scene, method, path, nip, code, body):
    path = path.replace("NOTE", f"/notes/{scene.note_id}")
    before = len(scene.events())
    response = send(scene.caller(nip, E), method, path, body)
    assert (response.status_code, response.get_json()["code"]) == (403, code)
    assert len(scene.events()) == before


def test_the_supervisor_sees_their_reports_dialogues_and_the_employee_their_own(scene):
    boss = scene.caller(people.SUPERVISOR, E).get("/me/reports/dialogues").get_json()
    assert sorted(d["nip"] for d in boss) == [people.EMPLOYEE, people.PEER]
    own = scene.caller(people.EMPLOYEE, E).get("/me/dialogues").get_json()
    assert [d["nip"] for d in own] == [people.EMPLOYEE]
    assert scene.caller(people.OUTSIDER, E).get("/me/reports/dialogues").get_json() == []
