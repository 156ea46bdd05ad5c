"""Commands on assessments: save a draft, submit, reopen (self: penilaian diri; supervisor: atasan)."""
from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from services.assessment import domain
from services.assessment.definition import SERVICE
from services.assessment.organisation import employee
from shared.envelope import Event, NewEvent
from shared.errors import NotFound
from shared.service import record


def stream_id(period_id: str, nip: str, role: str) -> str:
    return f"assessment-{period_id}-{nip}-{role}"


def state_of(conn: psycopg.Connection, period_id: str, nip: str, role: str) -> domain.AssessmentState:
    """The assessment's state, folded from its own event stream."""
    rows = conn.execute("SELECT type FROM events WHERE stream_id = %s ORDER BY version",
                        (stream_id(period_id, nip, role),))
    return domain.fold(r["type"] for r in rows)


def period_status(conn: psycopg.Connection, period_id: str) -> str:
    """The period's status (404 if there is none)."""
    row = conn.execute("SELECT status FROM periods WHERE period_id = %s", (period_id,)).fetchone()
    if row is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    return row["status"]


# Everything a draft or a submission decides on, in one round trip. The period row is
# share-locked so that closing the period waits for submissions in flight.
_CONTEXT = """
SELECT e.nip, e.position_code, e.unit_code, e.supervisor_nip, p.job_level, p.standard,
       pr.status AS period_status,
       ARRAY(SELECT type FROM events WHERE stream_id = %(stream)s ORDER BY version) AS history,
       EXISTS(SELECT 1 FROM assessment_drafts d WHERE d.period_id = %(period)s
                 AND d.nip = %(nip)s AND d.role = %(role)s) AS has_draft
  FROM employees e
  JOIN positions p ON p.code = e.position_code
  JOIN periods pr ON pr.period_id = %(period)s
 WHERE e.nip = %(nip)s
   FOR KEY SHARE OF pr"""


def _context(conn: psycopg.Connection, caller: str, period_id: str, nip: str, role: str) -> dict:
    """The employee, their standard, the period and the assessment's state; refusals in order:
    unknown employee (404), not the assessor (403), unknown period (404), not submittable (409)."""
    found = conn.execute(_CONTEXT, {"stream": stream_id(period_id, nip, role), "period": period_id,
                                    "nip": nip, "role": role}).fetchone()
    person = found or employee(conn, nip)
    domain.check_assessor(role, caller, nip, person["supervisor_nip"])
    if found is None:
        period_status(conn, period_id)
    state = domain.fold(found["history"])
    domain.check_submittable(state, found["period_status"])
    standard = {r["competency"]: r["required_level"] for r in found["standard"]}
    return {**found, "state": state, "standard": standard}


def _ratings(items: list[dict]) -> list[domain.Rating]:
    return [domain.Rating(i["competency"], i["level"], i.get("evidence", ""), i.get("comment", ""))
            for i in items]


def save_draft(conn: psycopg.Connection, caller: str, period_id: str, nip: str, role: str,
               body: dict) -> None:
    """Keep unfinished ratings; a draft may leave competencies out but not break other rules."""
    context = _context(conn, caller, period_id, nip, role)
    domain.check_ratings(_ratings(body["ratings"]), context["standard"], complete=False)
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
    person = _context(conn, caller, period_id, nip, role)
    state, standard = person["state"], person["standard"]
    ratings = _ratings(body["ratings"])
    domain.check_ratings(ratings, standard, complete=False)
    domain.check_complete(ratings, standard, {aspect: body.get(aspect)
                                              for aspect in ("work_result", "work_behaviour")})
    by_code = {r.competency: r for r in ratings}
    data = {
        "period_id": period_id, "nip": nip, "role": role, "assessor_nip": caller,
        "position_code": person["position_code"], "job_level": person["job_level"],
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
    if person["has_draft"]:
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
