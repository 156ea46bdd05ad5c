"""Read-side of peer and subordinate input: the caller's invitations, and the input on an employee
as each reader may see it: the official, HR and auditors in full (who said what, who is invited,
whom the official may invite); the employee only as counts and comments, without names when the
agency hides them, and only once enough responses exist."""
from __future__ import annotations

import psycopg

from services.assessment.contract import INPUT_CHOICES
from services.assessment.domain_behaviour import BehaviourRules
from services.assessment.queries_behaviour import person
from shared.auth import AUDITOR, HR_ADMIN, Principal
from shared.errors import Forbidden

_MINE = ("SELECT i.period_id, i.nip, e.name, i.relation, i.invited_at, i.answered_at, i.answers"
         " FROM behaviour_invitations i JOIN employees e ON e.nip = i.nip"
         " JOIN periods p ON p.period_id = i.period_id AND p.status = 'open'"
         " WHERE i.invitee_nip = %s ORDER BY (i.answered_at IS NOT NULL), i.invited_at, e.name")
_INVITED = ("SELECT i.invitee_nip, e.name AS invitee_name, i.relation, i.invited_at,"
            " i.answered_at, i.answers FROM behaviour_invitations i"
            " LEFT JOIN employees e ON e.nip = i.invitee_nip"
            " WHERE i.period_id = %s AND i.nip = %s ORDER BY i.relation, e.name")
_PEERS = {"same_unit_same_level": " AND c.unit_code = me.unit_code AND cp.job_level = mp.job_level",
          "same_unit": " AND c.unit_code = me.unit_code", "anyone": ""}
_CANDIDATES = ("SELECT c.nip, c.name, CASE WHEN c.supervisor_nip = me.nip THEN 'subordinate'"
               " ELSE 'peer' END AS relation FROM employees me"
               " JOIN positions mp ON mp.code = me.position_code, employees c"
               " JOIN positions cp ON cp.code = c.position_code"
               " WHERE me.nip = %(n)s AND c.nip NOT IN (me.nip, COALESCE(me.supervisor_nip, ''))"
               " AND (c.supervisor_nip = me.nip OR (true{peers}))"
               " ORDER BY 3 DESC, c.name LIMIT 200")


def mine(conn: psycopg.Connection, nip: str) -> list[dict]:
    """The caller's invitations in open periods, those still to answer first."""
    return conn.execute(_MINE, (nip,)).fetchall()


def summary(rows: list[dict], with_names: bool) -> tuple[list[dict], list[dict]]:
    """The counts of each choice per value, and the comments (with who and as whom, if asked;
    without, in an order that says nothing of who wrote them)."""
    counts: dict[str, dict[str, int]] = {}
    comments = []
    for row in rows:
        for answer in row["answers"] or []:
            counts.setdefault(answer["value"], dict.fromkeys(INPUT_CHOICES, 0))[answer["choice"]] += 1
            if answer.get("comment"):
                comments.append({"value": answer["value"], "text": answer["comment"],
                                 **({"invitee_name": row["invitee_name"],
                                     "relation": row["relation"]} if with_names else {})})
    if not with_names:
        comments.sort(key=lambda c: (c["value"], c["text"]))
    return [{"value": v, **c} for v, c in counts.items()], comments


def input_on(conn: psycopg.Connection, principal: Principal, period_id: str, nip: str,
             rules: BehaviourRules) -> dict:
    """The input on ``nip`` in the period as ``principal`` may see it (403 otherwise)."""
    found = person(conn, period_id, nip)
    official = principal.nip == found["official_nip"]
    full = official or principal.has_any((HR_ADMIN, AUDITOR))
    if not full and principal.nip != nip:
        raise Forbidden("not_allowed_to_read", f"you may not read the input on {nip}")
    rows = conn.execute(_INVITED, (period_id, nip)).fetchall()
    answered = [r for r in rows if r["answered_at"] is not None]
    shown = full or len(answered) >= rules.min_responses
    counts, comments = summary(answered, full or not rules.names_hidden) if shown else ([], [])
    return {**found, "period_id": period_id, "responses": len(answered),
            "needed": rules.min_responses, "shown": shown, "counts": counts,
            "comments": comments, "invitations": rows if full else [],
            "candidates": candidates(conn, nip, rules.peers) if official else []}


def candidates(conn: psycopg.Connection, nip: str, peers: str) -> list[dict]:
    """Whom the official may invite: the employee's direct reports and peers by the agency's
    policy (at most 200, direct reports first)."""
    return conn.execute(_CANDIDATES.format(peers=_PEERS[peers]), {"n": nip}).fetchall()
