"""Commands on assessments: save a draft, submit, reopen (self: penilaian diri; supervisor: atasan)."""
from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from services.assessment import domain
from services.assessment.definition import SERVICE
from services.assessment.organisation import employee
from shared.envelope import Event, NewEvent
from shared.errors import Invalid, NotFound
from shared.service import record


def stream_id(period_id: str, nip: str, role: str) -> str:
    return f"assessment-{period_id}-{nip}-{role}"


def state_of(conn: psycopg.Connection, period_id: str, nip: str, role: str) -> domain.AssessmentState:
    """The assessment's state, folded from its own event stream."""
    rows = conn.execute("SELECT type FROM events WHERE stream_id = %s ORDER BY version",
                        (stream_id(period_id, nip, role),))
    return domain.fold(r["type"] for r in rows)


def period_status(conn: psycopg.Connection, period_id: str) -> str:
    """The period's status, share-locked so closing it waits for submissions in flight."""
    row = conn.execute("SELECT status FROM periods WHERE period_id = %s FOR SHARE",
                       (period_id,)).fetchone()
    if row is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    return row["status"]


def standard_of(conn: psycopg.Connection, position_code: str) -> tuple[str, dict[str, int]]:
    """The position's job level and required level per competency, in the standard's order."""
    row = conn.execute("SELECT job_level, standard FROM positions WHERE code = %s",
                       (position_code,)).fetchone()
    return row["job_level"], {r["competency"]: r["required_level"] for r in row["standard"]}


def _ratings(items: list[dict]) -> list[domain.Rating]:
    return [domain.Rating(i["competency"], i["level"], i.get("evidence", ""), i.get("comment", ""))
            for i in items]


def save_draft(conn: psycopg.Connection, caller: str, period_id: str, nip: str, role: str,
               body: dict) -> None:
    """Keep unfinished ratings; a draft may leave competencies out but not break other rules."""
    person = employee(conn, nip)
    domain.check_assessor(role, caller, nip, person["supervisor_nip"])
    domain.check_submittable(state_of(conn, period_id, nip, role), period_status(conn, period_id))
    domain.check_ratings(_ratings(body["ratings"]), standard_of(conn, person["position_code"])[1],
                         complete=False)
    conn.execute(
        "INSERT INTO assessment_drafts (period_id, nip, role, assessor_nip, ratings, work_result,"
        " work_behaviour) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (period_id, nip, role)"
        " DO UPDATE SET assessor_nip = EXCLUDED.assessor_nip, ratings = EXCLUDED.ratings,"
        " work_result = EXCLUDED.work_result, work_behaviour = EXCLUDED.work_behaviour,"
        " saved_at = now()",
        (period_id, nip, role, caller, Jsonb(body["ratings"]), body.get("work_result"),
         body.get("work_behaviour")))


def submit(conn: psycopg.Connection, caller: str, period_id: str, nip: str, role: str,
           body: dict) -> Event:
    """Submit a complete assessment: every required competency rated, both expectations given."""
    person = employee(conn, nip)
    domain.check_assessor(role, caller, nip, person["supervisor_nip"])
    state = state_of(conn, period_id, nip, role)
    domain.check_submittable(state, period_status(conn, period_id))
    job_level, standard = standard_of(conn, person["position_code"])
    ratings = _ratings(body["ratings"])
    domain.check_ratings(ratings, standard, complete=True)
    if not body.get("work_result") or not body.get("work_behaviour"):
        raise Invalid("incomplete_assessment", "work_result and work_behaviour are both required")
    by_code = {r.competency: r for r in ratings}
    data = {
        "period_id": period_id, "nip": nip, "role": role, "assessor_nip": caller,
        "position_code": person["position_code"], "job_level": job_level,
        "unit_code": person["unit_code"], "submission": state.submissions + 1,
        "ratings": [{"competency": code, "level": by_code[code].level, "required_level": required,
                     "evidence": by_code[code].evidence, "comment": by_code[code].comment}
                    for code, required in standard.items()],
        "work_result": body["work_result"], "work_behaviour": body["work_behaviour"],
        "predikat": (domain.predikat(body["work_result"], body["work_behaviour"])
                     if role == domain.SUPERVISOR else None),
    }
    stored = record(conn, SERVICE, stream_id(period_id, nip, role), state.version,
                    [NewEvent("assessment.AssessmentSubmitted.v1", nip, data)])
    conn.execute("DELETE FROM assessment_drafts WHERE period_id = %s AND nip = %s AND role = %s",
                 (period_id, nip, role))
    return stored[0]


def reopen(conn: psycopg.Connection, caller: str, period_id: str, nip: str, role: str,
           reason: str) -> Event:
    """HR reopens a submitted assessment with a reason; the assessor must submit it again."""
    state = state_of(conn, period_id, nip, role)
    domain.check_reopenable(state)
    data = {"period_id": period_id, "nip": nip, "role": role, "reason": reason,
            "reopened_by": caller}
    return record(conn, SERVICE, stream_id(period_id, nip, role), state.version,
                  [NewEvent("assessment.AssessmentReopened.v1", nip, data)])[0]
