"""Read-side reports on units: roles given, the talent 9-box, JPM, the 20 JP compliance; plain SQL
on the projection tables, the rules (thresholds, minimum JP) handed in from the context."""
from __future__ import annotations

import psycopg

from services.training import domain, domain_talent
from services.training.messages import MESSAGES
from services.training.queries import PERIOD_YEAR
from services.training.reference import Rules
from shared.errors import NotFound
from shared.i18n import Catalogue
from shared.sql import UNITS_BELOW

TEXTS = Catalogue(MESSAGES)  # the talent boxes' and JPM categories' names


def unit_scope(subunits: bool) -> tuple[str, str]:
    """(the WITH clause, the condition on e.unit_code) for a unit with or without those below."""
    return ((f"{UNITS_BELOW} ", "e.unit_code IN (SELECT code FROM tree)") if subunits
            else ("", "e.unit_code = %(unit)s"))


def roles(conn: psycopg.Connection, unit_code: str, period_id: str, subunits: bool) -> dict:
    """Who was given which role in a period, in a unit (and those below it): each one, and the
    counts by competency and unit."""
    known_unit(conn, unit_code)
    scope = unit_scope(subunits)
    rows = conn.execute(
        f"{scope[0]}SELECT o.*, e.name, e.unit_code, u.name AS unit_name FROM opportunities o"
        " JOIN employees e ON e.nip = o.nip LEFT JOIN units u ON u.code = e.unit_code"
        f" WHERE o.period_id = %(period)s AND o.status = 'assigned' AND {scope[1]}"
        " ORDER BY o.competency, e.unit_code, e.name, o.nip",
        {"unit": unit_code, "period": period_id}).fetchall()
    counts: dict[tuple, dict] = {}
    for r in rows:
        key = (r["competency"], r["unit_code"])
        counts.setdefault(key, {"competency": r["competency"], "unit_code": r["unit_code"],
                                "unit_name": r["unit_name"], "count": 0})["count"] += 1
    return {"unit_code": unit_code, "period_id": period_id, "subunits": subunits,
            "assigned": len(rows), "by_competency_and_unit": list(counts.values()), "roles": rows}


def talent(conn: psycopg.Connection, unit_code: str, period_id: str, subunits: bool,
           language: str, r: Rules) -> dict:
    """The 9-box of a unit (and those below it) for a period, from each employee's supervisor
    assessment of it: performance from the predikat, potential from the share of competencies at
    or above the required level (the thresholds are the rules file's)."""
    known_unit(conn, unit_code)
    scope = unit_scope(subunits)
    people = conn.execute(
        f"{scope[0]}SELECT e.nip, e.name, e.unit_code, u.name AS unit_name, s.predikat, s.ratings"
        " FROM employees e LEFT JOIN units u ON u.code = e.unit_code"
        " LEFT JOIN supervisor_assessments s ON s.nip = e.nip AND s.period_id = %(period)s"
        f" WHERE {scope[1]} ORDER BY e.name, e.nip",
        {"unit": unit_code, "period": period_id}).fetchall()
    boxes = {number: {"box": number, "performance": perf, "potential": pot, "count": 0,
                      "people": [], "follow_up": TEXTS.text(f"talent.box.{number}", language)}
             for (perf, pot), number in domain_talent.BOXES.items()}
    placed, unplaced = _placed(people, boxes, r)
    return {"unit_code": unit_code, "period_id": period_id, "subunits": subunits,
            "rule": {"performance": r.performance,
                     "potential": {"high": r.potential_high, "medium": r.potential_medium}},
            "boxes": [boxes[n] for n in sorted(boxes, reverse=True)],
            "placed": placed, "unplaced": unplaced}


def _placed(people: list[dict], boxes: dict, r: Rules) -> tuple[list, list]:
    """Each person placed in their box (counted there), or unplaced with why."""
    placed, unplaced = [], []
    for p in people:
        where = domain_talent.placement(p["predikat"], p["ratings"] or [], r.performance,
                                         r.potential_high, r.potential_medium)
        person = {"nip": p["nip"], "name": p["name"], "unit_code": p["unit_code"],
                  "unit_name": p["unit_name"], "predikat": p["predikat"]}
        if where is None:
            unplaced.append({**person, "reason": "no_assessment" if p["ratings"] is None
                             else "no_predikat"})
            continue
        person.update(where)
        placed.append(person)
        boxes[where["box"]]["count"] += 1
        boxes[where["box"]]["people"].append({k: person[k] for k in ("nip", "name", "unit_code")})
    return placed, unplaced


def jpm(conn: psycopg.Connection, nip: str, language: str, r: Rules) -> dict:
    """Job-Person Match from the employee's latest supervisor assessment."""
    row = conn.execute(
        f"SELECT * FROM supervisor_assessments s WHERE nip = %s ORDER BY {PERIOD_YEAR.format('s')}"
        " DESC, submitted_at DESC LIMIT 1", (nip,)).fetchone()
    if row is None:
        raise NotFound("no_assessment", f"no supervisor assessment of {nip} yet")
    score = domain.jpm(row["ratings"])
    category = domain.jpm_category(score, r.jpm_optimal, r.jpm_cukup_optimal)
    return {"nip": nip, "period_id": row["period_id"], "submission": row["submission"],
            "score": score, "category": category, "label": TEXTS.text(f"jpm.{category}", language)}


def compliance(conn: psycopg.Connection, unit_code: str, year: int, subunits: bool,
               everyone: bool, rules: Rules) -> dict:
    """Who in a unit (and the units below it) has fewer than the minimum JP completed in ``year``;
    with ``everyone``, also each employee of it, met or not."""
    known_unit(conn, unit_code)
    minimum = rules.minimum_jp
    scope = (f"{UNITS_BELOW} " if subunits else "",
             "e.unit_code IN (SELECT code FROM tree)" if subunits else "e.unit_code = %(unit)s")
    rows = conn.execute(
        f"{scope[0]}SELECT e.nip, e.name, e.unit_code, coalesce(sum(c.jp), 0)::int AS completed_jp"
        " FROM employees e LEFT JOIN completions c ON c.nip = e.nip AND c.year = %(year)s"
        f" WHERE {scope[1]} GROUP BY e.nip, e.name, e.unit_code ORDER BY e.unit_code, e.nip",
        {"unit": unit_code, "year": year}).fetchall()
    every = [{**r, "shortfall": domain.jp_shortfall(r["completed_jp"], minimum),
              "met": r["completed_jp"] >= minimum} for r in rows]
    under = [{k: v for k, v in r.items() if k != "met"} for r in every if not r["met"]]
    report = {"unit_code": unit_code, "year": year, "minimum_jp": minimum,
              "employees": len(rows), "compliant": len(rows) - len(under), "under": under}
    return {**report, "everyone": every} if everyone else report


def _scope(unit: str | None, column: str) -> tuple[str, str]:
    """A report's units: ``unit`` and every unit below it, or the whole agency."""
    if unit is None:
        return "", "true"
    return f"{UNITS_BELOW} ", f"{column} IN (SELECT code FROM tree)"


def known_unit(conn: psycopg.Connection, unit: str | None) -> None:
    """Refuse (404 unknown_unit) a unit nobody is in and nobody registered."""
    if unit is not None and not conn.execute(
            "SELECT 1 FROM units WHERE code = %(u)s UNION SELECT 1 FROM employees"
            " WHERE unit_code = %(u)s", {"u": unit}).fetchone():
        raise NotFound("unknown_unit", f"no unit {unit}")


def jpm_report(conn: psycopg.Connection, period_id: str, unit: str | None, r: Rules) -> dict:
    """Job-Person Match by unit for one period: each employee's supervisor assessment of that
    period (its latest submission), counted in the unit it was made in, with the unit's mean."""
    if not conn.execute("SELECT 1 FROM periods WHERE period_id = %(p)s UNION SELECT 1 FROM"
                        " supervisor_assessments WHERE period_id = %(p)s",
                        {"p": period_id}).fetchone():
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    known_unit(conn, unit)
    scores: dict[str, list[float]] = {}
    names: dict[str, str | None] = {}
    for row in _jpm_sums(conn, period_id, unit):
        score = domain.jpm_of(row["met"], row["required"])
        if score is not None:
            scores.setdefault(row["unit_code"], []).append(score)
            names[row["unit_code"]] = row["name"]

    def counts(found: list[float]) -> dict:
        categories = [domain.jpm_category(s, r.jpm_optimal, r.jpm_cukup_optimal) for s in found]
        return {"assessed": len(found),
                "average": round(sum(found) / len(found), 2) if found else None,
                **{c: categories.count(c) for c in ("optimal", "cukup_optimal", "kurang_optimal")}}
    return {"period_id": period_id, "unit_code": unit,
            "thresholds": {"optimal": r.jpm_optimal, "cukup_optimal": r.jpm_cukup_optimal},
            "totals": counts([s for found in scores.values() for s in found]),
            "units": [{"unit_code": code, "name": names[code], **counts(found)}
                      for code, found in scores.items()]}


def _jpm_sums(conn: psycopg.Connection, period_id: str, unit: str | None) -> list[dict]:
    """Per supervisor assessment of the period in scope: its unit, and JPM's two sums."""
    with_tree, clause = _scope(unit, "s.unit_code")
    # JPM's two sums per employee in SQL: a unit of 2,000 would otherwise send every rating over
    # the wire and decode it as JSON (about 80 ms of the training worker's time per report).
    return conn.execute(
        f"{with_tree}SELECT s.unit_code, u.name, m.met, m.required"
        " FROM supervisor_assessments s LEFT JOIN units u ON u.code = s.unit_code"
        " CROSS JOIN LATERAL (SELECT sum(least((x->>'level')::int, (x->>'required_level')::int))"
        "  AS met, sum((x->>'required_level')::int) AS required"
        "  FROM jsonb_array_elements(s.ratings) x) m"
        f" WHERE s.period_id = %(period)s AND {clause} ORDER BY s.unit_code, s.nip",
        {"period": period_id, "unit": unit}).fetchall()


def compliance_report(conn: psycopg.Connection, year: int, unit: str | None,
                      rules: Rules) -> dict:
    """How many employees of each unit (its own people) completed the minimum JP in ``year``."""
    known_unit(conn, unit)
    minimum = rules.minimum_jp
    with_tree, clause = _scope(unit, "e.unit_code")
    rows = conn.execute(
        f"{with_tree}SELECT e.unit_code, u.name, count(*) AS employees,"
        " count(*) FILTER (WHERE coalesce(done.jp, 0) >= %(minimum)s) AS compliant"
        " FROM employees e LEFT JOIN units u ON u.code = e.unit_code"
        " LEFT JOIN (SELECT nip, sum(jp) AS jp FROM completions WHERE year = %(year)s"
        "  GROUP BY nip) done ON done.nip = e.nip"
        f" WHERE {clause} GROUP BY e.unit_code, u.name ORDER BY e.unit_code",
        {"unit": unit, "year": year, "minimum": minimum}).fetchall()

    def counts(employees: int, compliant: int) -> dict:
        return {"employees": employees, "compliant": compliant,
                "not_compliant": employees - compliant,
                "share": round(compliant / employees, 4) if employees else 0.0}
    return {"year": year, "minimum_jp": minimum, "unit_code": unit,
            "totals": counts(sum(r["employees"] for r in rows), sum(r["compliant"] for r in rows)),
            "units": [{"unit_code": r["unit_code"], "name": r["name"],
                       **counts(r["employees"], r["compliant"])} for r in rows]}
