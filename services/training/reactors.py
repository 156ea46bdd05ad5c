"""The training service's decisions on other services' events (reactors, run by the consumer only).

Each reads the projections in the consumer's transaction and records its own events there, so a
decision and the record's offset commit together. Redelivery never reaches a reactor twice (the
runner dedups offsets and event ids); a second decision on the same facts is refused by the rules
themselves: no second open assignment per employee and competency, one opportunity per employee,
period and competency (its stream id is that triple, so the store would refuse it too).
"""
from __future__ import annotations

import uuid

import psycopg

from services.training import domain
from services.training.reference import rules, suggestion
from shared.consumer import UnprocessableEvent
from shared.envelope import Event, NewEvent, caused_by
from shared.service import record as _record

ACTOR = "training-consumer"
_IDS = uuid.UUID("6b0f3f0e-8a51-4c55-9d0e-0d1c0a7a1b2c")


def record(conn, stream_id: str, version: int, events: list[NewEvent]) -> None:
    from services.training.definition import SERVICE  # the definition lists these reactors
    _record(conn, SERVICE, stream_id, version, events)


def decided_id(event: Event, competency: str) -> str:
    """The same cause and competency always give the same id."""
    return str(uuid.uuid5(_IDS, f"{event.id}/{competency}"))


def _assign(conn, event: Event, nip: str, year: int, programme: domain.Programme,
            gap: domain.Gap, reason: dict) -> None:
    assignment_id = decided_id(event, gap.competency)
    record(conn, f"assignment-{assignment_id}", 0, [NewEvent(
        "training.TrainingAssigned.v1", nip,
        {"assignment_id": assignment_id, "nip": nip, "programme_code": programme.code,
         "competency": gap.competency, "jp": programme.jp, "year": year,
         "reason": {**reason, "gap": {"competency": gap.competency, "assessed": gap.assessed,
                                      "required": gap.required}}},
        caused_by(event, ACTOR))])


_SITUATION = (
    "WITH y AS (SELECT coalesce((SELECT year FROM periods WHERE period_id = %(period)s),"
    " %(derived)s::int) AS year)"
    " SELECT (SELECT year FROM y) AS year,"
    " (SELECT coalesce(array_agg(competency), '{}') FROM assignments WHERE nip = %(nip)s"
    "  AND status IN ('assigned', 'in_progress')) AS open,"
    " (SELECT coalesce(sum(jp), 0) FROM assignments WHERE nip = %(nip)s"
    "  AND year = (SELECT year FROM y) AND status <> 'cancelled') AS planned,"
    " (SELECT coalesce(array_agg(competency), '{}') FROM opportunities WHERE nip = %(nip)s"
    "  AND period_id = %(period)s) AS seen,"
    " (SELECT coalesce(json_agg(json_build_array(code, kind, jp, competencies, level_min,"
    "  level_max)), '[]') FROM programmes WHERE status = 'active'"
    "  AND competencies && %(competencies)s::text[]) AS programmes")


def situation(conn: psycopg.Connection, nip: str, period_id: str, competencies: list[str]) -> dict:
    """What a decision on one assessment needs, read in one round trip: the period's year, the
    employee's open competencies, JP planned that year, opportunities already identified in the
    period, and the active programmes for the gaps' competencies."""
    row = conn.execute(_SITUATION, {"period": period_id, "derived": domain.year_of(period_id),
                                    "nip": nip, "competencies": competencies}).fetchone()
    if row["year"] is None:
        raise UnprocessableEvent(f"period {period_id} was never opened and names no year")
    return {**row, "open": set(row["open"]), "seen": set(row["seen"]),
            "programmes": [domain.Programme(code, kind, jp, tuple(comps), lo, hi)
                           for code, kind, jp, comps, lo, hi in row["programmes"]]}


def react_to_assessment(conn: psycopg.Connection, event: Event) -> None:
    """A supervisor's assessment: a programme per gap, an opportunity per strength, the rest unmet."""
    d = event.data
    if d["role"] != "supervisor":
        return
    nip, found = d["nip"], domain.gaps(d["ratings"])
    now = situation(conn, nip, d["period_id"], [g.competency for g in found])
    year = now["year"]
    choices = domain.plan(found, now["programmes"], now["open"], now["planned"],
                          rules().planned_jp_cap)
    reason = {"kind": "gap", "period_id": d["period_id"], "source_event_id": str(event.id),
              "submission": d["submission"], "comparison": None}
    for choice in choices:
        gap = choice.gap
        if choice.programme is not None:
            _assign(conn, event, nip, year, choice.programme, gap, reason)
        elif choice.reason in ("no_programme", "cap_reached"):
            record(conn, f"need-{decided_id(event, gap.competency)}", 0, [NewEvent(
                "training.DevelopmentNeedUnmet.v1", nip,
                {"nip": nip, "year": year, "reason": choice.reason, "period_id": d["period_id"],
                 "gap": {"competency": gap.competency, "assessed": gap.assessed,
                         "required": gap.required}, "source_event_id": str(event.id)},
                caused_by(event, ACTOR))])
    _opportunities(conn, event, now["seen"])


def _opportunities(conn: psycopg.Connection, event: Event, seen: set[str]) -> None:
    d = event.data
    for rating in domain.strengths(d["ratings"]):
        code = rating["competency"]
        if code in seen:
            continue
        record(conn, f"opportunity-{d['nip']}-{d['period_id']}-{code}", 0, [NewEvent(
            "training.DevelopmentOpportunityIdentified.v1", d["nip"],
            {"nip": d["nip"], "period_id": d["period_id"], "competency": code,
             "assessed": rating["level"], "required": rating["required_level"],
             "suggestion": suggestion(code), "source_event_id": str(event.id)},
            caused_by(event, ACTOR))])


def react_to_discrepancy(conn: psycopg.Connection, event: Event) -> None:
    """A blind spot (rated themself above the supervisor): coaching or mentoring for it."""
    d = event.data
    if d["direction"] != "blind_spot":
        return
    nip, code = d["nip"], d["competency"]
    now = situation(conn, nip, d["period_id"], [code])
    if code in now["open"]:
        return
    gap = domain.Gap(code, d["supervisor_level"], d["required_level"])
    cap = rules().planned_jp_cap
    room = None if cap is None else max(cap - now["planned"], 0)
    choice = domain.choose(gap, now["programmes"], room, domain.GUIDANCE_KINDS)
    if choice.programme is None:
        return  # documented: a blind spot without a fitting coaching/mentoring is only a dialogue topic
    _assign(conn, event, nip, now["year"], choice.programme, gap,
            {"kind": "blind_spot", "period_id": d["period_id"], "source_event_id": str(event.id),
             "submission": None, "comparison": d["comparison"]})


def react_to_resolution(conn: psycopg.Connection, event: Event) -> None:
    """A superseded blind spot cancels its recommendation if nobody has started it yet."""
    d = event.data
    rows = conn.execute(
        "SELECT assignment_id, version FROM assignments WHERE nip = %s AND competency = %s"
        " AND reason_kind = 'blind_spot' AND period_id = %s AND comparison = %s"
        " AND status = 'assigned'", (d["nip"], d["competency"], d["period_id"], d["comparison"]))
    for row in rows.fetchall():
        record(conn, f"assignment-{row['assignment_id']}", row["version"], [NewEvent(
            "training.TrainingCancelled.v1", d["nip"],
            {"assignment_id": row["assignment_id"], "nip": d["nip"], "reason": "superseded",
             "note": f"discrepancy of comparison {d['comparison']} superseded"
                     f" by comparison {d['by_comparison']}"},
            caused_by(event, ACTOR))])


REACTORS = {
    "assessment.AssessmentSubmitted.v1": react_to_assessment,
    "feedback.RatingDiscrepancyDetected.v1": react_to_discrepancy,
    "feedback.DiscrepancyResolved.v1": react_to_resolution,
}
