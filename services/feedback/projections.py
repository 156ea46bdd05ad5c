"""Projectors: each of the service's own events updates the read tables, in the append's transaction."""
from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event


def ratings_compared(conn: psycopg.Connection, event: Event) -> None:
    """The new comparison is the current one of the employee and period."""
    d = event.data
    conn.execute("UPDATE comparisons SET current = false WHERE period_id = %s AND nip = %s"
                 " AND current", (d["period_id"], d["nip"]))
    conn.execute(
        "INSERT INTO comparisons (period_id, nip, comparison, supervisor_nip, unit_code,"
        " position_code, self_submission, supervisor_submission, threshold, competencies,"
        " expectations, current, compared_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, true, %s)",
        (d["period_id"], d["nip"], d["comparison"], d["supervisor_nip"], d["unit_code"],
         d["position_code"], d["self_submission"], d["supervisor_submission"], d["threshold"],
         Jsonb(d["competencies"]), Jsonb(d["expectations"]), event.time))


def discrepancy_detected(conn: psycopg.Connection, event: Event) -> None:
    """An open discrepancy, with the direction the comparison found."""
    d = event.data
    conn.execute(
        "INSERT INTO discrepancies (period_id, nip, comparison, competency, supervisor_nip,"
        " unit_code, self_level, supervisor_level, required_level, size, direction, status,"
        " detected_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'open', %s)",
        (d["period_id"], d["nip"], d["comparison"], d["competency"], d["supervisor_nip"],
         d["unit_code"], d["self_level"], d["supervisor_level"], d["required_level"], d["size"],
         d["direction"], event.time))


def discrepancy_resolved(conn: psycopg.Connection, event: Event) -> None:
    """The discrepancy is resolved, with why."""
    d = event.data
    conn.execute("UPDATE discrepancies SET status = 'resolved', resolution = %s, resolved_at = %s"
                 " WHERE period_id = %s AND nip = %s AND comparison = %s AND competency = %s",
                 (d["reason"], event.time, d["period_id"], d["nip"], d["comparison"],
                  d["competency"]))


def dialogue_opened(conn: psycopg.Connection, event: Event) -> None:
    """A new dialogue, opened; the one it supersedes is marked so."""
    d = event.data
    if d["supersedes"]:
        conn.execute("UPDATE dialogues SET status = 'superseded', superseded_by = %s"
                     " WHERE dialogue_id = %s", (d["dialogue_id"], d["supersedes"]))
    conn.execute(
        "INSERT INTO dialogues (dialogue_id, period_id, nip, comparison, supervisor_nip, unit_code,"
        " agenda, status, version, feedback, opened_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, 'opened', %s, '{}', %s)",
        (d["dialogue_id"], d["period_id"], d["nip"], d["comparison"], d["supervisor_nip"],
         d["unit_code"], Jsonb(d["agenda"]), event.version, event.time))


def dialogue_scheduled(conn: psycopg.Connection, event: Event) -> None:
    """The dialogue's time and place."""
    d = event.data
    conn.execute("UPDATE dialogues SET status = 'scheduled', scheduled_at = %s, location = %s,"
                 " version = %s WHERE dialogue_id = %s",
                 (d["scheduled_at"], d["location"], event.version, d["dialogue_id"]))


def feedback_given(conn: psycopg.Connection, event: Event) -> None:
    """Feedback on an item given again replaces the earlier one."""
    d = event.data
    given = {str(i["item"]): {**{k: v for k, v in i.items() if k != "item"},
                              "given_by": d["given_by"]} for i in d["items"]}
    conn.execute("UPDATE dialogues SET status = 'feedback_given', feedback = feedback || %s,"
                 " summary = %s, feedback_at = %s, version = %s WHERE dialogue_id = %s",
                 (Jsonb(given), d["summary"], event.time, event.version, d["dialogue_id"]))


def acknowledged(conn: psycopg.Connection, event: Event) -> None:
    """The employee's acknowledgement of a dialogue (which closes it) or of a note."""
    d = event.data
    if d["kind"] == "dialogue":
        conn.execute("UPDATE dialogues SET status = 'acknowledged', agrees = %s, response = %s,"
                     " acknowledged_at = %s, version = %s WHERE dialogue_id = %s",
                     (d["agrees"], d["response"], event.time, event.version, d["ref"]))
    else:
        conn.execute("UPDATE notes SET agrees = %s, response = %s, acknowledged_at = %s,"
                     " version = %s WHERE note_id = %s",
                     (d["agrees"], d["response"], event.time, event.version, d["ref"]))


def note_recorded(conn: psycopg.Connection, event: Event) -> None:
    """A continuous-feedback note."""
    d = event.data
    conn.execute(
        "INSERT INTO notes (note_id, nip, given_by, competency, tone, text, phrase_code, version,"
        " recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (d["note_id"], d["nip"], d["given_by"], d["competency"], d["tone"], d["text"],
         d["phrase_code"], event.version, event.time))


PROJECTORS = {
    "feedback.RatingsCompared.v1": ratings_compared,
    "feedback.RatingDiscrepancyDetected.v1": discrepancy_detected,
    "feedback.DiscrepancyResolved.v1": discrepancy_resolved,
    "feedback.FeedbackDialogueOpened.v1": dialogue_opened,
    "feedback.FeedbackDialogueScheduled.v1": dialogue_scheduled,
    "feedback.FeedbackGiven.v1": feedback_given,
    "feedback.FeedbackAcknowledged.v1": acknowledged,
    "feedback.ContinuousFeedbackRecorded.v1": note_recorded,
}
