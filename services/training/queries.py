"""Read-side queries: plain SQL on the projection tables, with who may see whose plan."""
from __future__ import annotations

import psycopg

from services.training import domain
from services.training.messages import MESSAGES
from services.training.reference import rules
from shared.auth import AUDITOR, HR_ADMIN, TRAINING_ADMIN, Principal
from shared.errors import Forbidden, NotFound
from shared.i18n import Catalogue
from shared.sql import UNITS_BELOW

READ_ALL = (HR_ADMIN, AUDITOR, TRAINING_ADMIN)
TEXTS = Catalogue(MESSAGES)  # the talent boxes' and JPM categories' names
_PERIOD_YEAR = "coalesce((SELECT year FROM periods p WHERE p.period_id = {0}.period_id)," \
               " substring({0}.period_id FROM '^[0-9]{{4}}')::int)"


def page(conn: psycopg.Connection, sql: str, params: dict, pagination) -> list[dict]:
    """One page of ``sql`` (which must ORDER BY); sets the total for the X-Pagination header."""
    rows = conn.execute(f"SELECT *, count(*) OVER () AS total_rows FROM ({sql}) q"
                        " LIMIT %(limit)s OFFSET %(offset)s",
                        {**params, "limit": pagination.page_size,
                         "offset": (pagination.page - 1) * pagination.page_size}).fetchall()
    pagination.item_count = rows[0]["total_rows"] if rows else conn.execute(
        f"SELECT count(*) AS n FROM ({sql}) q", params).fetchone()["n"]
    return rows


def employee(conn: psycopg.Connection, nip: str) -> dict:
    row = conn.execute("SELECT * FROM employees WHERE nip = %s", (nip,)).fetchone()
    if row is None:
        raise NotFound("unknown_employee", f"no employee with NIP {nip}")
    return row


def check_can_see(conn: psycopg.Connection, principal: Principal, nip: str) -> dict:
    """HR, auditors and training admins see everyone; an employee themself and their direct reports
    (by the reporting line the assessment service published, not by a claim)."""
    person = employee(conn, nip)
    if not principal.has_any(READ_ALL) and principal.nip not in (nip, person["supervisor_nip"]):
        raise Forbidden("not_allowed_to_read", f"you may not see {nip}")
    return person


def assignments(conn: psycopg.Connection, filters: dict, pagination) -> list[dict]:
    """With the employee's name and unit, so a list of them needs no other read."""
    clauses = [f"a.{col} = %({name})s" for name, col in
               (("nip", "nip"), ("status", "status"), ("year", "year"),
                ("programme", "programme_code"), ("period", "period_id")) if name in filters]
    if "unit" in filters:
        clauses.append("a.nip IN (SELECT nip FROM employees WHERE unit_code = %(unit)s)")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return page(conn, "SELECT a.*, e.name, e.unit_code, u.name AS unit_name FROM assignments a"
                " LEFT JOIN employees e ON e.nip = a.nip LEFT JOIN units u ON u.code = e.unit_code"
                f"{where} ORDER BY a.assigned_at, a.assignment_id", filters, pagination)


def reports(conn: psycopg.Connection, filters: dict, pagination) -> list[dict]:
    clauses = [f"r.{name} = %({name})s" for name in ("status", "nip") if name in filters]
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return page(conn, "SELECT r.*, e.name, e.unit_code FROM completion_reports r"
                f" LEFT JOIN employees e ON e.nip = r.nip{where}"
                " ORDER BY r.reported_at, r.report_id", filters, pagination)


_OPPORTUNITIES = ("SELECT o.*, e.name, e.unit_code, u.name AS unit_name FROM opportunities o"
                  " LEFT JOIN employees e ON e.nip = o.nip LEFT JOIN units u ON u.code = e.unit_code")


def opportunities(conn: psycopg.Connection, filters: dict, pagination) -> list[dict]:
    clauses = [f"o.{col} = %({name})s" for name, col in
               (("nip", "nip"), ("period", "period_id"), ("status", "status")) if name in filters]
    if "unit" in filters:
        clauses.append("o.nip IN (SELECT nip FROM employees WHERE unit_code = %(unit)s)")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return page(conn, f"{_OPPORTUNITIES}{where} ORDER BY o.identified_at, o.nip, o.competency",
                filters, pagination)


def report_opportunities(conn: psycopg.Connection, supervisor_nip: str, filters: dict) -> list[dict]:
    """The opportunities of the caller's direct reports (by the published reporting line)."""
    clauses = ["e.supervisor_nip = %(boss)s"] + [
        f"o.{col} = %({name})s" for name, col in (("period", "period_id"), ("status", "status"))
        if name in filters]
    return conn.execute(f"{_OPPORTUNITIES} WHERE {' AND '.join(clauses)}"
                        " ORDER BY e.name, o.period_id, o.competency",
                        {**filters, "boss": supervisor_nip}).fetchall()


def _unit_scope(subunits: bool) -> tuple[str, str]:
    """(the WITH clause, the condition on e.unit_code) for a unit with or without those below."""
    return ((f"{UNITS_BELOW} ", "e.unit_code IN (SELECT code FROM tree)") if subunits
            else ("", "e.unit_code = %(unit)s"))


def roles(conn: psycopg.Connection, unit_code: str, period_id: str, subunits: bool) -> dict:
    """Who was given which role in a period, in a unit (and those below it): each one, and the
    counts by competency and unit."""
    _known_unit(conn, unit_code)
    scope = _unit_scope(subunits)
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
           language: str) -> dict:
    """The 9-box of a unit (and those below it) for a period, from each employee's supervisor
    assessment of it: performance from the predikat, potential from the share of competencies at
    or above the required level (the thresholds are the rules file's)."""
    _known_unit(conn, unit_code)
    scope, r = _unit_scope(subunits), rules()
    people = conn.execute(
        f"{scope[0]}SELECT e.nip, e.name, e.unit_code, u.name AS unit_name, s.predikat, s.ratings"
        " FROM employees e LEFT JOIN units u ON u.code = e.unit_code"
        " LEFT JOIN supervisor_assessments s ON s.nip = e.nip AND s.period_id = %(period)s"
        f" WHERE {scope[1]} ORDER BY e.name, e.nip",
        {"unit": unit_code, "period": period_id}).fetchall()
    boxes = {number: {"box": number, "performance": perf, "potential": pot, "count": 0,
                      "people": [], "follow_up": TEXTS.text(f"talent.box.{number}", language)}
             for (perf, pot), number in domain.BOXES.items()}
    placed, unplaced = [], []
    for p in people:
        where = domain.placement(p["predikat"], p["ratings"] or [], r.performance,
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
    return {"unit_code": unit_code, "period_id": period_id, "subunits": subunits,
            "rule": {"performance": r.performance,
                     "potential": {"high": r.potential_high, "medium": r.potential_medium}},
            "boxes": [boxes[n] for n in sorted(boxes, reverse=True)],
            "placed": placed, "unplaced": unplaced}


def jp(conn: psycopg.Connection, nip: str, year: int) -> dict:
    """Completed JP in ``year`` (the year of each completion) against the 20 JP minimum."""
    rows = conn.execute("SELECT * FROM completions WHERE nip = %s AND year = %s"
                        " ORDER BY completed_on, completion_id", (nip, year)).fetchall()
    done, minimum = sum(r["jp"] for r in rows), rules().minimum_jp
    return {"nip": nip, "year": year, "completed_jp": done, "minimum_jp": minimum,
            "shortfall": domain.jp_shortfall(done, minimum), "met": done >= minimum,
            "completions": rows}


def plan(conn: psycopg.Connection, person: dict, year: int) -> dict:
    """The individual development plan: planned vs completed JP, assignments, opportunities, unmet."""
    nip = person["nip"]
    rows = conn.execute("SELECT * FROM assignments WHERE nip = %s AND year = %s"
                        " ORDER BY assigned_at, assignment_id", (nip, year)).fetchall()
    progress = jp(conn, nip, year)
    return {
        "nip": nip, "name": person["name"], "unit_code": person["unit_code"], "year": year,
        "minimum_jp": progress["minimum_jp"], "completed_jp": progress["completed_jp"],
        "shortfall": progress["shortfall"],
        "planned_jp": sum(r["jp"] for r in rows if r["status"] != domain.CANCELLED),
        "assignments": rows,
        "opportunities": conn.execute(
            f"SELECT * FROM opportunities o WHERE nip = %s AND {_PERIOD_YEAR.format('o')} = %s"
            " ORDER BY period_id, competency", (nip, year)).fetchall(),
        "unmet_needs": conn.execute("SELECT * FROM unmet_needs WHERE nip = %s AND year = %s"
                                    " ORDER BY period_id, competency", (nip, year)).fetchall(),
        "completion_reports": conn.execute(
            "SELECT * FROM completion_reports WHERE nip = %s AND status = 'pending'"
            " ORDER BY reported_at", (nip,)).fetchall(),
        "rejected_reports": conn.execute(
            "SELECT * FROM completion_reports WHERE nip = %s AND status = 'rejected'"
            " AND extract(year FROM rejected_at AT TIME ZONE 'UTC') = %s"
            " ORDER BY rejected_at DESC", (nip, year)).fetchall(),
    }


def jpm(conn: psycopg.Connection, nip: str, language: str) -> dict:
    """Job-Person Match from the employee's latest supervisor assessment."""
    row = conn.execute(
        f"SELECT * FROM supervisor_assessments s WHERE nip = %s ORDER BY {_PERIOD_YEAR.format('s')}"
        " DESC, submitted_at DESC LIMIT 1", (nip,)).fetchone()
    if row is None:
        raise NotFound("no_assessment", f"no supervisor assessment of {nip} yet")
    score = domain.jpm(row["ratings"])
    r = rules()
    category = domain.jpm_category(score, r.jpm_optimal, r.jpm_cukup_optimal)
    return {"nip": nip, "period_id": row["period_id"], "submission": row["submission"],
            "score": score, "category": category, "label": TEXTS.text(f"jpm.{category}", language)}


def compliance(conn: psycopg.Connection, unit_code: str, year: int, subunits: bool,
               everyone: bool = False) -> dict:
    """Who in a unit (and the units below it) has fewer than the minimum JP completed in ``year``;
    with ``everyone``, also each employee of it, met or not."""
    _known_unit(conn, unit_code)
    minimum = rules().minimum_jp
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


def _known_unit(conn: psycopg.Connection, unit: str | None) -> None:
    if unit is not None and not conn.execute(
            "SELECT 1 FROM units WHERE code = %(u)s UNION SELECT 1 FROM employees"
            " WHERE unit_code = %(u)s", {"u": unit}).fetchone():
        raise NotFound("unknown_unit", f"no unit {unit}")


def jpm_report(conn: psycopg.Connection, period_id: str, unit: str | None) -> dict:
    """Job-Person Match by unit for one period: each employee's supervisor assessment of that
    period (its latest submission), counted in the unit it was made in, with the unit's mean."""
    if not conn.execute("SELECT 1 FROM periods WHERE period_id = %(p)s UNION SELECT 1 FROM"
                        " supervisor_assessments WHERE period_id = %(p)s",
                        {"p": period_id}).fetchone():
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    _known_unit(conn, unit)
    with_tree, clause = _scope(unit, "s.unit_code")
    # JPM's two sums per employee in SQL: a unit of 2,000 would otherwise send every rating over
    # the wire and decode it as JSON (about 80 ms of the training worker's time per report).
    rows = conn.execute(
        f"{with_tree}SELECT s.unit_code, u.name, m.met, m.required"
        " FROM supervisor_assessments s LEFT JOIN units u ON u.code = s.unit_code"
        " CROSS JOIN LATERAL (SELECT sum(least((x->>'level')::int, (x->>'required_level')::int))"
        "  AS met, sum((x->>'required_level')::int) AS required"
        "  FROM jsonb_array_elements(s.ratings) x) m"
        f" WHERE s.period_id = %(period)s AND {clause} ORDER BY s.unit_code, s.nip",
        {"period": period_id, "unit": unit}).fetchall()
    r = rules()
    scores: dict[str, list[float]] = {}
    names: dict[str, str | None] = {}
    for row in rows:
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


def compliance_report(conn: psycopg.Connection, year: int, unit: str | None) -> dict:
    """How many employees of each unit (its own people) completed the minimum JP in ``year``."""
    _known_unit(conn, unit)
    minimum = rules().minimum_jp
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
