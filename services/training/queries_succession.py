"""The succession group of a unit (PP 11/2017 Pasal 199), read from the projections: each
employee's latest supervisor assessment, their predikat in each of the years the rule looks at,
and the JP completed in the year; the rule itself is the domain's (``domain_talent``)."""
from __future__ import annotations

import psycopg

from services.training import domain_talent
from services.training.queries import PERIOD_YEAR
from services.training.queries_reports import known_unit, unit_scope
from services.training.reference import Rules

_PEOPLE = """{with_}
SELECT e.nip, e.name, e.unit_code, u.name AS unit_name,
       (SELECT s.ratings FROM supervisor_assessments s WHERE s.nip = e.nip
         ORDER BY {year_s} DESC, s.submitted_at DESC LIMIT 1) AS ratings,
       (SELECT coalesce(jsonb_object_agg(y.year, y.predikat), '{{}}') FROM (
          SELECT DISTINCT ON ({year_s}) {year_s} AS year, s.predikat
            FROM supervisor_assessments s WHERE s.nip = e.nip
             AND {year_s} BETWEEN %(first)s AND %(year)s
           ORDER BY {year_s}, s.submitted_at DESC) y) AS results,
       (SELECT coalesce(sum(c.jp), 0)::int FROM completions c WHERE c.nip = e.nip
         AND c.year = %(year)s) AS completed_jp
  FROM employees e LEFT JOIN units u ON u.code = e.unit_code
 WHERE {scope} ORDER BY e.unit_code, e.name, e.nip"""


def succession(conn: psycopg.Connection, unit_code: str, year: int, subunits: bool,
               rules: Rules) -> dict:
    """Who of a unit (and, with ``subunits``, the units below it) is in the succession group in
    ``year``, and what keeps each of the others out."""
    known_unit(conn, unit_code)
    rule, scope = rules.succession, unit_scope(subunits)
    rows = conn.execute(_PEOPLE.format(with_=scope[0], year_s=PERIOD_YEAR.format("s"),
                                       scope=scope[1]),
                        {"unit": unit_code, "year": year,
                         "first": year - rule.years + 1}).fetchall()
    group, others = [], []
    for r in rows:
        share = domain_talent.potential_share(r["ratings"] or [])
        results = {int(y): p for y, p in r["results"].items()}
        gaps = domain_talent.succession_gaps(share, r["completed_jp"], rules.minimum_jp, results,
                                             year, rule)
        person = {"nip": r["nip"], "name": r["name"], "unit_code": r["unit_code"],
                  "unit_name": r["unit_name"], "competency_share": share,
                  "completed_jp": r["completed_jp"],
                  "results": [{"year": y, "predikat": results.get(y)}
                              for y in range(year - rule.years + 1, year + 1)]}
        (others if gaps else group).append({**person, "gaps": gaps} if gaps else person)
    return {"unit_code": unit_code, "year": year, "subunits": subunits,
            "rule": {"competency_share": rule.competency_share, "years": rule.years,
                     "predikats": list(rule.predikats), "minimum_jp": rules.minimum_jp},
            "employees": len(rows), "group": group, "others": others}
