"""Read-side of objections: one (for the people it concerns, HR and auditors), HR's list with the
deadlines, and the ones waiting for the caller as official or superior."""
from __future__ import annotations

from datetime import date

import psycopg

from shared.auth import AUDITOR, HR_ADMIN, Principal
from shared.errors import Forbidden, NotFound

_SELECT = ("SELECT o.*, e.name, e.unit_code, f.name AS official_name, s.name AS superior_name,"
           " (o.status <> 'decided' AND o.decide_by < %(today)s) AS overdue"
           " FROM objections o JOIN employees e ON e.nip = o.nip"
           " LEFT JOIN employees f ON f.nip = o.official_nip"
           " LEFT JOIN employees s ON s.nip = o.superior_nip")
_STATUS = {"open": " AND o.status <> 'decided'", "decided": " AND o.status = 'decided'",
           "overdue": " AND o.status <> 'decided' AND o.decide_by < %(today)s"}


def objection(conn: psycopg.Connection, principal: Principal, period_id: str, nip: str,
              today: date) -> dict:
    """The objection: the employee, the official, the superior, HR and auditors read it."""
    row = conn.execute(f"{_SELECT} WHERE o.period_id = %(p)s AND o.nip = %(n)s",
                       {"p": period_id, "n": nip, "today": today}).fetchone()
    if row is None:
        raise NotFound("unknown_objection", f"no objection of {nip} in {period_id}")
    if not principal.has_any((HR_ADMIN, AUDITOR)) and principal.nip not in (
            nip, row["official_nip"], row["superior_nip"]):
        raise Forbidden("not_allowed_to_read", f"you may not see {nip}'s objection")
    return row


def objections(conn: psycopg.Connection, filters: dict, today: date) -> list[dict]:
    """Every objection (HR): the open ones first by deadline, then the decided, newest first;
    ``status`` open, decided or overdue, ``period``."""
    clause = _STATUS.get(filters.get("status"), "")
    if "period" in filters:
        clause += " AND o.period_id = %(period)s"
    return conn.execute(f"{_SELECT} WHERE true{clause} ORDER BY (o.status = 'decided'),"
                        " o.decide_by, o.nip", {**filters, "today": today}).fetchall()


def waiting_for(conn: psycopg.Connection, nip: str, today: date) -> list[dict]:
    """The objections the caller is the official or the superior of, open first."""
    return conn.execute(f"{_SELECT} WHERE %(me)s IN (o.official_nip, o.superior_nip)"
                        " ORDER BY (o.status = 'decided'), o.decide_by, o.nip",
                        {"me": nip, "today": today}).fetchall()
