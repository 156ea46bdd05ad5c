"""The reactor on AssessmentSubmitted: once both sides are in, compare them and open the dialogue.

Runs in the consumer's transaction after ``handlers.assessment_submitted`` has stored the
submission; everything it decides is recorded as the service's own events (and projected in the
same transaction), so a replay rebuilds it without deciding again.
"""
from __future__ import annotations

import logging

import psycopg

from services.feedback import domain
from services.feedback.reference import rules
from shared.envelope import Event, NewEvent, caused_by
from shared.service import record

log = logging.getLogger(__name__)
ACTOR = "feedback-consumer"


def comparison_stream(period_id: str, nip: str) -> str:
    return f"comparison-{period_id}-{nip}"


def dialogue_stream(dialogue_id: str) -> str:
    return f"dialogue-{dialogue_id}"


def dialogue_id(period_id: str, nip: str, comparison: int) -> str:
    return f"{period_id}.{nip}.{comparison}"


def _submission(row: dict) -> domain.Submission:
    return domain.Submission(row["submission"], row["assessor_nip"], row["levels"], row["required"],
                             {"work_result": row["work_result"],
                              "work_behaviour": row["work_behaviour"]})


# Everything the comparison decides on, in one round trip.
_STATE = """
SELECT ARRAY(SELECT row_to_json(s) FROM submissions s WHERE s.period_id = %(period)s
              AND s.nip = %(nip)s AND s.status = 'submitted') AS sides,
       (SELECT coalesce(max(version), 0) FROM events WHERE stream_id = %(stream)s) AS version,
       (SELECT row_to_json(c) FROM (SELECT comparison, self_submission, supervisor_submission
          FROM comparisons WHERE period_id = %(period)s AND nip = %(nip)s
         ORDER BY comparison DESC LIMIT 1) c) AS latest,
       ARRAY(SELECT competency FROM discrepancies WHERE period_id = %(period)s AND nip = %(nip)s
              AND status = 'open' ORDER BY competency) AS open_discrepancies,
       (SELECT dialogue_id FROM dialogues WHERE period_id = %(period)s AND nip = %(nip)s
           AND status NOT IN ('acknowledged', 'superseded')
         ORDER BY comparison DESC LIMIT 1) AS open_dialogue"""


def on_submitted(conn: psycopg.Connection, event: Event) -> None:
    """Compare the standing self and supervisor submissions, unless this pair was compared."""
    from services.feedback.definition import SERVICE  # the definition lists this reactor
    period_id, nip = event.data["period_id"], event.data["nip"]
    stream = comparison_stream(period_id, nip)
    state = conn.execute(_STATE, {"stream": stream, "period": period_id, "nip": nip}).fetchone()
    sides = {side["role"]: side for side in state["sides"]}
    if len(sides) < 2:
        return
    own, boss = sides["self"], sides["supervisor"]
    latest = state["latest"]
    if latest and (latest["self_submission"], latest["supervisor_submission"]) == (
            own["submission"], boss["submission"]):
        return
    threshold = rules().discrepancy_threshold
    result = domain.compare(_submission(own), _submission(boss), threshold)
    if not result.competencies:
        log.warning("%s %s: the two assessments share no competency; nothing to compare",
                    period_id, nip)
        return
    number = latest["comparison"] + 1 if latest else 1
    meta = caused_by(event, ACTOR)
    base = {"period_id": period_id, "nip": nip, "comparison": number}
    events = [NewEvent("feedback.DiscrepancyResolved.v1", nip, {
        "period_id": period_id, "nip": nip, "comparison": latest["comparison"],
        "competency": code, "reason": "superseded", "by_comparison": number}, meta)
        for code in state["open_discrepancies"]]
    events.append(NewEvent("feedback.RatingsCompared.v1", nip, {
        **base, "supervisor_nip": boss["assessor_nip"], "unit_code": boss["unit_code"],
        "position_code": boss["position_code"], "self_submission": own["submission"],
        "supervisor_submission": boss["submission"], "threshold": threshold,
        "competencies": [{"competency": c.competency, "self_level": c.self_level,
                          "supervisor_level": c.supervisor_level,
                          "required_level": c.required_level, "difference": c.difference}
                         for c in result.competencies],
        "expectations": [{"aspect": aspect, "self_rating": mine, "supervisor_rating": theirs}
                         for aspect, mine, theirs in result.expectations]}, meta))
    events += [NewEvent("feedback.RatingDiscrepancyDetected.v1", nip, {
        **base, "supervisor_nip": boss["assessor_nip"], "unit_code": boss["unit_code"],
        "competency": c.competency, "self_level": c.self_level,
        "supervisor_level": c.supervisor_level, "required_level": c.required_level,
        "size": abs(c.difference), "direction": c.direction, "threshold": threshold}, meta)
        for c in result.discrepancies]
    record(conn, SERVICE, stream, state["version"], events)
    opened = dialogue_id(period_id, nip, number)
    record(conn, SERVICE, dialogue_stream(opened), 0, [NewEvent(
        "feedback.FeedbackDialogueOpened.v1", nip, {
            **base, "dialogue_id": opened, "supervisor_nip": boss["assessor_nip"],
            "unit_code": boss["unit_code"], "agenda": domain.agenda(result),
            "supersedes": state["open_dialogue"]}, meta)])


REACTORS = {"assessment.AssessmentSubmitted.v1": on_submitted}
