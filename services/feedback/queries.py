"""Read-side queries: plain SQL on the projection tables, with who may see what."""
from __future__ import annotations

from datetime import date, timedelta

import psycopg

from services.feedback.messages import MESSAGES
from services.feedback.reference import phrases, rules
from shared.auth import AUDITOR, HR_ADMIN, Principal
from shared.errors import Forbidden, NotFound
from shared.i18n import Catalogue
from shared.sql import UNITS_BELOW, page, where
from shared.clock import agency_today

READ_ALL = (HR_ADMIN, AUDITOR)
TEXTS = Catalogue(MESSAGES)
# The unit asked for and every unit below it; with no unit asked for, the filter lets all through.
_IN_UNIT = "(%(unit)s::text IS NULL OR {} IN (SELECT code FROM tree))"


def check_can_see(conn: psycopg.Connection, principal: Principal, nip: str) -> dict:
    """HR and auditors see everyone; an employee sees themself, a supervisor their direct reports."""
    person = conn.execute("SELECT * FROM employees WHERE nip = %s", (nip,)).fetchone()
    if person is None:
        raise NotFound("unknown_employee", f"no employee {nip}")
    if not principal.has_any(READ_ALL) and principal.nip not in (nip, person["supervisor_nip"]):
        raise Forbidden("not_allowed_to_read", f"you may not see {nip}")
    return person


def _competency_names(conn: psycopg.Connection, language: str) -> dict[str, str]:
    return {r["code"]: r["name"].get(language) or r["name"]["id"]
            for r in conn.execute("SELECT code, name FROM competencies")}


def _labelled(row: dict, names: dict[str, str], language: str) -> dict:
    agenda = [{**item, "aspect_label": names.get(item["aspect"])
               or TEXTS.text(f"aspect.{item['aspect']}", language),
               "feedback": row["feedback"].get(str(item["item"]))} for item in row["agenda"]]
    return {**row, "agenda": agenda, "status_label": TEXTS.text(f"dialogue.{row['status']}", language)}


_DIALOGUES = "SELECT d.*, e.name FROM dialogues d LEFT JOIN employees e ON e.nip = d.nip"


def dialogue(conn: psycopg.Connection, principal: Principal, dialogue_id: str,
             language: str) -> dict:
    row = conn.execute(f"{_DIALOGUES} WHERE d.dialogue_id = %s", (dialogue_id,)).fetchone()
    if row is None:
        raise NotFound("unknown_dialogue", f"no dialogue {dialogue_id}")
    check_can_see(conn, principal, row["nip"])
    return _labelled(row, _competency_names(conn, language), language)


def dialogues(conn: psycopg.Connection, filters: dict, pagination, language: str,
              **scope: str) -> list[dict]:
    """Dialogues by period, unit (and the units below it) and status, newest period first;
    ``scope`` narrows them to one employee (``nip``) or to a supervisor's current direct reports
    (``supervisor``)."""
    params = {"unit": None, **filters, **scope}
    clause = where(params, period="d.period_id", status="d.status", nip="d.nip",
                   supervisor="e.supervisor_nip")
    clause += f"{' AND' if clause else ' WHERE'} {_IN_UNIT.format('d.unit_code')}"
    rows = page(conn, f"{UNITS_BELOW} {_DIALOGUES}{clause}"
                " ORDER BY d.period_id DESC, d.nip, d.comparison DESC", params, pagination)
    names = _competency_names(conn, language)
    return [_labelled(row, names, language) for row in rows]


def notes(conn: psycopg.Connection, nip: str) -> list[dict]:
    return conn.execute("SELECT * FROM notes WHERE nip = %s ORDER BY recorded_at DESC, note_id",
                        (nip,)).fetchall()


def phrase_list(filters: dict, language: str) -> list[dict]:
    return [{**p, "text": p.get(language) or p["id"]} for p in phrases().values()
            if all(p[key] == value for key, value in filters.items())]


def comparisons(conn: psycopg.Connection, nip: str) -> list[dict]:
    """An employee's comparisons across periods, newest first, superseded ones included."""
    rows = conn.execute("SELECT * FROM comparisons WHERE nip = %s"
                        " ORDER BY period_id DESC, comparison DESC", (nip,)).fetchall()
    history = []
    for row in rows:
        compared = [{**c, "discrepancy": None if abs(c["difference"]) < row["threshold"]
                     else "blind_spot" if c["difference"] > 0 else "hidden_strength"}
                    for c in row["competencies"]]
        history.append({**row, "competencies": compared,
                        "blind_spots": sum(c["discrepancy"] == "blind_spot" for c in compared),
                        "hidden_strengths": sum(c["discrepancy"] == "hidden_strength"
                                                for c in compared)})
    return history


def period(conn: psycopg.Connection, period_id: str) -> dict:
    found = conn.execute("SELECT * FROM periods WHERE period_id = %s", (period_id,)).fetchone()
    if found is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    return found


_RATES = f"""
{UNITS_BELOW}
, compared AS (
    SELECT c.unit_code, x->>'competency' AS competency, (x->>'difference')::int AS diff,
           c.threshold
      FROM comparisons c CROSS JOIN jsonb_array_elements(c.competencies) x
     WHERE c.period_id = %(period)s AND c.current AND {_IN_UNIT.format("c.unit_code")})
SELECT unit_code, competency, count(*) AS compared,
       count(*) FILTER (WHERE abs(diff) >= threshold) AS discrepancies,
       count(*) FILTER (WHERE diff >= threshold) AS blind_spots,
       count(*) FILTER (WHERE -diff >= threshold) AS hidden_strengths,
       GROUPING(unit_code, competency) AS grouping
  FROM compared
 GROUP BY GROUPING SETS ((unit_code, competency), (unit_code), (competency), ())
 ORDER BY unit_code NULLS FIRST, competency NULLS FIRST"""


def discrepancy_report(conn: psycopg.Connection, period_id: str, unit: str | None) -> dict:
    """Discrepancy rates of the period's current comparisons: by unit, by competency, and per
    unit x competency (a heatmap's cells), with the blind-spot / hidden-strength split."""
    period(conn, period_id)
    params = {"period": period_id, "unit": unit}
    rows = conn.execute(_RATES, params).fetchall()
    head = conn.execute(
        f"{UNITS_BELOW} SELECT count(*) AS employees, coalesce(array_agg(DISTINCT threshold),"
        " '{}') AS thresholds FROM comparisons c WHERE c.period_id = %(period)s AND c.current"
        f" AND {_IN_UNIT.format('c.unit_code')}", params).fetchone()
    for row in rows:
        row["rate"] = round(row["discrepancies"] / row["compared"], 4) if row["compared"] else 0.0
    empty = {"unit_code": None, "competency": None, "compared": 0, "discrepancies": 0,
             "blind_spots": 0, "hidden_strengths": 0, "rate": 0.0}
    return {"period_id": period_id, "threshold": head["thresholds"],
            "employees_compared": head["employees"],
            "totals": next((r for r in rows if r["grouping"] == 3), empty),
            "by_unit": [r for r in rows if r["grouping"] == 1],
            "by_competency": [r for r in rows if r["grouping"] == 2],
            "cells": [r for r in rows if r["grouping"] == 0]}


_SUMMARIES = f"""
{UNITS_BELOW}
, latest AS (
    SELECT DISTINCT ON (c.nip) c.nip, c.comparison, c.current, c.compared_at, c.threshold,
           c.competencies, coalesce(e.unit_code, c.unit_code) AS unit_code
      FROM comparisons c LEFT JOIN employees e ON e.nip = c.nip
     WHERE c.period_id = %(period)s
     ORDER BY c.nip, c.comparison DESC)
SELECT l.nip, l.comparison, l.unit_code, l.compared_at,
       count(x.value) FILTER (WHERE (x.value->>'difference')::int >= l.threshold) AS blind_spots,
       count(x.value) FILTER (WHERE -(x.value->>'difference')::int >= l.threshold)
           AS hidden_strengths
  FROM latest l LEFT JOIN LATERAL jsonb_array_elements(l.competencies) x ON true
 WHERE {_IN_UNIT.format("l.unit_code")}
 GROUP BY l.nip, l.comparison, l.unit_code, l.compared_at
 ORDER BY l.nip"""


def comparison_summaries(conn: psycopg.Connection, period_id: str, unit: str | None) -> dict:
    """Each employee's latest comparison of the period, counted: one query on the projections,
    for a unit (the employee's current one) with the units below it, or the whole agency."""
    period(conn, period_id)
    rows = conn.execute(_SUMMARIES, {"period": period_id, "unit": unit}).fetchall()
    for row in rows:
        row["discrepancies"] = row["blind_spots"] + row["hidden_strengths"]
    return {"period_id": period_id, "unit_code": unit, "employees": rows}


_CADENCE = f"""
{UNITS_BELOW}
, latest AS (
    SELECT DISTINCT ON (nip) nip, status FROM dialogues WHERE period_id = %(period)s
     ORDER BY nip, comparison DESC)
SELECT e.unit_code, u.name AS unit_name, count(*) AS due,
       count(*) FILTER (WHERE l.status IS NULL) AS not_opened,
       count(*) FILTER (WHERE l.status IS NOT NULL AND l.status <> 'acknowledged') AS in_progress,
       count(*) FILTER (WHERE l.status = 'acknowledged') AS acknowledged,
       coalesce(array_agg(e.nip ORDER BY e.nip) FILTER (
           WHERE %(late)s AND l.status IS DISTINCT FROM 'acknowledged'), '{{}}') AS overdue_nips
  FROM employees e LEFT JOIN latest l ON l.nip = e.nip LEFT JOIN units u ON u.code = e.unit_code
 WHERE e.supervisor_nip IS NOT NULL AND {_IN_UNIT.format("e.unit_code")}
 GROUP BY e.unit_code, u.name ORDER BY e.unit_code"""


def cadence(conn: psycopg.Connection, period_id: str, unit: str | None,
            today: date | None = None) -> dict:
    """A dialogue is due each period for everyone with a supervisor; overdue once the period has
    ended plus the agency's grace days and the employee has not acknowledged one."""
    found = period(conn, period_id)
    overdue_after = found["ends_on"] + timedelta(days=rules().dialogue_grace_days)
    late = (today or agency_today()) > overdue_after
    units = conn.execute(_CADENCE, {"period": period_id, "unit": unit, "late": late}).fetchall()
    for row in units:
        row["overdue"] = len(row["overdue_nips"])
    totals = {key: sum(row[key] for row in units)
              for key in ("due", "not_opened", "in_progress", "acknowledged", "overdue")}
    return {"period_id": period_id, "ends_on": found["ends_on"], "overdue_after": overdue_after,
            "totals": totals, "units": units}
