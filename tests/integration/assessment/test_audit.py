"""The audit API (shared/audit.py) on the assessment service and its real database: one stream in
version order, one employee's events in commit order, paged by a cursor that no late commit can
fall behind, each with its metadata; refusals as problem+json; and the verdict of a replay read
back over HTTP."""
from __future__ import annotations

import time

import psycopg
import pytest

from services.assessment.definition import SERVICE
from shared.outbox import horizon
from shared.replay import replay
from tests.support import people
from tests.support.people import PERIOD, assessment

ONE = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}"
STREAM = f"assessment-{PERIOD}-{people.EMPLOYEE}-self"


@pytest.fixture
def trail(org, hr):
    """The employee's self-assessment submitted, reopened by HR and submitted again."""
    employee = org.caller(people.EMPLOYEE, "employee")
    assert employee.post(f"{ONE}/self/submission", json=assessment(),
                         headers={"X-Request-ID": "audit-test-first-send"}).status_code == 201
    assert hr.post(f"{ONE}/self/reopen", json={"reason": "Bukti kurang"}).status_code == 200
    assert employee.post(f"{ONE}/self/submission", json=assessment(4)).status_code == 201
    settle(org)
    return org


def settle(org, timeout: float = 30.0) -> None:
    """The trail shows events below its database's horizon (shared.outbox.horizon): wait until
    every transaction of this database older than the last event has ended."""
    deadline = time.monotonic() + timeout
    with org.connect() as conn:
        while not conn.execute("SELECT coalesce(max(tx_id) < %s::xid8, true) AS done FROM events",
                               (horizon(conn),)).fetchone()["done"]:
            assert time.monotonic() < deadline, "an older transaction stayed open"
            conn.rollback()
            time.sleep(0.05)


def test_one_stream_in_version_order_with_who_and_which_request(trail):
    answer = trail.caller(people.AUDITOR, "auditor").get(f"/audit/events?stream={STREAM}")
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["next"] is None
    events = body["events"]
    assert [(e["type"], e["version"]) for e in events] == [
        ("assessment.AssessmentSubmitted.v1", 1), ("assessment.AssessmentReopened.v1", 2),
        ("assessment.AssessmentSubmitted.v1", 3)]
    first = events[0]
    assert first["stream"] == STREAM and first["subject"] == people.EMPLOYEE
    assert first["source"] == "/asn/assessment" and first["data"]["submission"] == 1
    assert first["metadata"] == {"actor": people.EMPLOYEE, "requestid": "audit-test-first-send",
                                 "causationid": None, "correlationid": None}
    assert events[1]["metadata"]["actor"] == people.HR
    assert {"id", "position", "time"} <= set(first)


def test_every_event_about_an_employee_in_position_order_a_page_at_a_time(trail):
    auditor = trail.caller(people.AUDITOR, "auditor")
    every = auditor.get(f"/audit/events?subject={people.EMPLOYEE}&limit=500").get_json()["events"]
    types = [e["type"] for e in every]
    assert types[0] == "assessment.EmployeeRegistered.v1" and len(every) == 4
    assert [e["position"] for e in every] == sorted(e["position"] for e in every)
    assert {e["subject"] for e in every} == {people.EMPLOYEE}
    pages, after = [], 0
    while after is not None:
        body = auditor.get(f"/audit/events?subject={people.EMPLOYEE}&limit=3&after={after}").get_json()
        pages.append(body["events"])
        after = body["next"]
    assert [len(p) for p in pages] == [3, 1]
    assert [e["id"] for p in pages for e in p] == [e["id"] for e in every]


@pytest.mark.parametrize("query, field", [
    ("", "subject"), (f"stream={STREAM}&subject={people.EMPLOYEE}", "stream"),
    ("subject=12345", "subject"), ("subject=x" * 3, "subject"),
    (f"subject={people.EMPLOYEE}&limit=0", "limit"), (f"subject={people.EMPLOYEE}&limit=501", "limit"),
    (f"subject={people.EMPLOYEE}&after=-1", "after"), (f"subject={people.EMPLOYEE}&after=x", "after"),
    (f"subject={people.EMPLOYEE}&nip=1", "nip")])
def test_bad_parameters_are_a_422_naming_the_field(trail, query, field):
    answer = trail.caller(people.HR, "hr_admin").get(f"/audit/events?{query}")
    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"
    assert field in answer.get_json()["errors"]["query"], answer.get_json()


@pytest.mark.parametrize("path", ["/audit/events?subject=" + people.EMPLOYEE, "/audit/replays"])
def test_nobody_else_reads_the_trail(trail, path):
    for roles in (("employee",), ("training_admin",), ()):
        answer = trail.caller(people.EMPLOYEE, *roles).get(path)
        assert answer.status_code == 403 and answer.mimetype == "application/problem+json"
    assert trail.caller(None).get(path).status_code == 401


def test_a_replays_verdict_is_read_over_http(trail):
    auditor = trail.caller(people.AUDITOR, "auditor")
    assert auditor.get("/audit/replays").get_json() == []
    report = replay(SERVICE, trail.settings, progress=False, ran_by="auditor 196808081990031007")
    assert report.equal and report.verdict_id
    with trail.connect() as conn:  # a projection tampered with: the next verdict says so
        conn.execute("UPDATE employees SET name = 'Diubah' WHERE nip = %s", (people.PEER,))
        conn.commit()
    replay(SERVICE, trail.settings, progress=False)
    newest, first = auditor.get("/audit/replays").get_json()
    assert first["id"] == report.verdict_id and first["equal"] is True
    assert first["ran_by"] == "auditor 196808081990031007"
    assert first["own_events"] == report.own_events and first["skipped"] == []
    assert {t["table"] for t in first["tables"]} >= {"employees", "assessments"}
    assert all(t["equal"] for t in first["tables"])
    assert newest["equal"] is False and "@" in newest["ran_by"]
    assert [t["table"] for t in newest["tables"] if not t["equal"]] == ["employees"]
    assert newest["ran_at"] >= first["ran_at"]
    assert len(auditor.get("/audit/replays?limit=1").get_json()) == 1
    assert auditor.get("/audit/replays?limit=0").status_code == 422


def test_the_openapi_document_describes_the_audit_routes(trail):
    spec = trail.caller(None).get("/api-docs/openapi.json").get_json()
    events = spec["paths"]["/audit/events"]["get"]
    assert events["x-roles"] == ["auditor", "hr_admin"]
    assert {p["name"] for p in events["parameters"]} == {"stream", "subject", "after", "limit"}
    assert "/audit/replays" in spec["paths"]


def test_employees_are_found_by_a_part_of_their_name(org):
    auditor = org.caller(people.AUDITOR, "auditor")
    found = auditor.get("/employees?name=LESTARI").get_json()
    assert [e["nip"] for e in found] == [people.EMPLOYEE]
    assert auditor.get("/employees?name=100%").get_json() == []
    assert auditor.get("/employees?name=a").status_code == 422


def test_an_event_committed_late_is_not_missed_by_a_reader_who_resumes(trail):
    """Two writers about one employee: the first takes the lower position but commits last. A
    reader who read everything while the first was still open, and resumes from the last event's
    cursor, still gets it (paging by position alone skipped it)."""
    auditor = trail.caller(people.AUDITOR, "auditor")
    url = f"/audit/events?subject={people.EMPLOYEE}&limit=500"
    late, early = trail.connect(), trail.connect()
    try:
        late_id = _append_note(late, "late")         # the lower position, not committed yet
        early_id = _append_note(early, "early")      # a higher position, committed first
        early.commit()
        seen = auditor.get(url).get_json()["events"]
        assert early_id not in {e["id"] for e in seen}  # an older writer is still open
        late.commit()
        settle(trail)
        resumed = auditor.get(f"{url}&after={seen[-1]['cursor']}").get_json()["events"]
        assert [e["id"] for e in resumed] == [late_id, early_id]
    finally:
        late.close()
        early.close()


def test_a_transaction_open_in_another_database_does_not_hold_the_trail(org):
    """The trail's horizon is its own database's (shared.outbox.horizon): a writing transaction
    left open elsewhere on the cluster (here the maintenance database) cannot write this events
    table, so the trail does not wait for it (the cluster's horizon, pg_snapshot_xmin, did)."""
    auditor = org.caller(people.AUDITOR, "auditor")
    url = f"/audit/events?stream={STREAM}"
    with psycopg.connect(org.settings.server_url()) as elsewhere:
        elsewhere.execute("SELECT pg_current_xact_id()")  # holds the cluster's xmin
        employee = org.caller(people.EMPLOYEE, "employee")
        assert employee.post(f"{ONE}/self/submission", json=assessment()).status_code == 201
        deadline = time.monotonic() + 30
        while not (events := auditor.get(url).get_json()["events"]):
            assert time.monotonic() < deadline, "the trail waited for another database"
            time.sleep(0.05)
        assert [e["version"] for e in events] == [1]
        elsewhere.rollback()


def _append_note(conn, word: str) -> str:
    row = conn.execute(
        "INSERT INTO events (event_id, stream_id, version, type, subject, data, metadata)"
        " VALUES (gen_random_uuid(), %s, 1, 'assessment.AssessmentReopened.v1', %s, %s, '{}')"
        " RETURNING event_id, position", (f"audit-test-{word}", people.EMPLOYEE,
                                          '{"note": "%s"}' % word)).fetchone()
    return str(row["event_id"])
