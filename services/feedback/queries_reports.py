"""Read-side reports for HR and auditors: discrepancy rates, comparisons per employee, dialogue
cadence. Discrepancies are read as the comparisons recorded them, never worked out again here."""
from __future__ import annotations

from datetime import date, timedelta

import psycopg

from services.feedback.contract import DIRECTIONS
from services.feedback.queries import IN_UNIT
from shared.errors import NotFound
from shared.sql import UNITS_BELOW

BLIND_SPOT, HIDDEN_STRENGTH = DIRECTIONS
_DIRECTIONS = {"blind_spot": BLIND_SPOT, "hidden_strength": HIDDEN_STRENGTH}  # query parameters


def period(conn: psycopg.Connection, period_id: str) -> dict:
    """The appraisal period, or the refusal that there is none."""
    found = conn.execute("SELECT * FROM periods WHERE period_id = %s", (period_id,)).fetchone()
    if found is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    return found


# Every competency of the period's current comparisons, with the discrepancy detected on it.
_RATES = f"""
{UNITS_BELOW}
, compared AS (
    SELECT c.unit_code, x->>'competency' AS competency, d.direction
      FROM comparisons c CROSS JOIN jsonb_array_elements(c.competencies) x
      LEFT JOIN discrepancies d ON d.period_id = c.period_id AND d.nip = c.nip
           AND d.comparison = c.comparison AND d.competency = x->>'competency'
     WHERE c.period_id = %(period)s AND c.current AND {IN_UNIT.format("c.unit_code")})
SELECT unit_code, competency, count(*) AS compared, count(direction) AS discrepancies,
       count(*) FILTER (WHERE direction = %(blind_spot)s) AS blind_spots,
       count(*) FILTER (WHERE direction = %(hidden_strength)s) AS hidden_strengths,
       GROUPING(unit_code, competency) AS grouping
  FROM compared
 GROUP BY GROUPING SETS ((unit_code, competency), (unit_code), (competency), ())
 ORDER BY unit_code NULLS FIRST, competency NULLS FIRST"""


def discrepancy_report(conn: psycopg.Connection, period_id: str, unit: str | None) -> dict:
    """Discrepancy rates of the period's current comparisons: by unit, by competency, and per
    unit x competency (a heatmap's cells), with the blind-spot / hidden-strength split."""
    period(conn, period_id)
    params = {"period": period_id, "unit": unit, **_DIRECTIONS}
    rows = conn.execute(_RATES, params).fetchall()
    head = conn.execute(
        f"{UNITS_BELOW} SELECT count(*) AS employees, coalesce(array_agg(DISTINCT threshold),"
        " '{}') AS thresholds FROM comparisons c WHERE c.period_id = %(period)s AND c.current"
        f" AND {IN_UNIT.format('c.unit_code')}", params).fetchone()
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
    SELECT DISTINCT ON (c.nip) c.period_id, c.nip, c.comparison, c.compared_at,
           coalesce(e.unit_code, c.unit_code) AS unit_code
      FROM comparisons c LEFT JOIN employees e ON e.nip = c.nip
     WHERE c.period_id = %(period)s
     ORDER BY c.nip, c.comparison DESC)
SELECT l.nip, l.comparison, l.unit_code, l.compared_at,
       count(*) FILTER (WHERE d.direction = %(blind_spot)s) AS blind_spots,
       count(*) FILTER (WHERE d.direction = %(hidden_strength)s) AS hidden_strengths
  FROM latest l LEFT JOIN discrepancies d ON d.period_id = l.period_id AND d.nip = l.nip
       AND d.comparison = l.comparison
 WHERE {IN_UNIT.format("l.unit_code")}
 GROUP BY l.nip, l.comparison, l.unit_code, l.compared_at
 ORDER BY l.nip"""


def comparison_summaries(conn: psycopg.Connection, period_id: str, unit: str | None) -> dict:
    """Each employee's latest comparison of the period, counted: one query on the projections,
    for a unit (the employee's current one) with the units below it, or the whole agency."""
    period(conn, period_id)
    rows = conn.execute(_SUMMARIES, {"period": period_id, "unit": unit, **_DIRECTIONS}).fetchall()
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
 WHERE e.supervisor_nip IS NOT NULL AND {IN_UNIT.format("e.unit_code")}
 GROUP BY e.unit_code, u.name ORDER BY e.unit_code"""


def cadence(conn: psycopg.Connection, period_id: str, unit: str | None, grace_days: int,
            today: date) -> dict:
    """A dialogue is due each period for everyone with a supervisor; overdue once the period has
    ended plus the agency's ``grace_days`` and the employee has not acknowledged one."""
    found = period(conn, period_id)
    overdue_after = found["ends_on"] + timedelta(days=grace_days)
    late = today > overdue_after
    units = conn.execute(_CADENCE, {"period": period_id, "unit": unit, "late": late}).fetchall()
    for row in units:
        row["overdue"] = len(row["overdue_nips"])
    totals = {key: sum(row[key] for row in units)
              for key in ("due", "not_opened", "in_progress", "acknowledged", "overdue")}
    return {"period_id": period_id, "ends_on": found["ends_on"], "overdue_after": overdue_after,
            "totals": totals, "units": units}
