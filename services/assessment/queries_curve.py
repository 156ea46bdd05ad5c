"""Read-side of the curve: each unit's predikat, counts, clauses and verdict, with the words."""
from __future__ import annotations

import psycopg

from services.assessment.contract import PREDIKATS
from services.assessment.domain_curve import BROKEN, CurveRules, CurveVerdict
from services.assessment.domain_distribution import CurveState, unit_verdict
from services.assessment.queries import TEXTS
from shared.errors import NotFound

_UNITS = ("SELECT u.code, u.name, u.parent_code, c.predikat, c.basis, c.set_by, c.set_at,"
          " c.exception_reason, c.exception_by, c.exception_at, c.exception_broken"
          " FROM units u LEFT JOIN unit_curves c ON c.unit_code = u.code AND c.period_id = %s"
          " ORDER BY u.code")


def clause_text(clause, language: str) -> str:
    """A clause's sentence: the band's labels, the value, the limit and the count."""
    joiner = " atau " if language == "id" else " or "
    band = joiner.join(TEXTS.text(f"predikat.{p}", language) for p in clause["band"])
    return TEXTS.text(f"curve.clause.{clause['kind']}", language).format(**{**clause,
                                                                            "band": band})


def _unit(row: dict, depth: int, verdict: CurveVerdict, language: str) -> dict:
    n = verdict.employees
    clauses = [{"kind": c.kind, "band": list(c.band), "value": c.value, "limit": c.limit,
                "count": c.count, "met": c.met, "key": c.key} for c in verdict.clauses]
    exception = row["exception_reason"] and {
        "reason": row["exception_reason"], "recorded_by": row["exception_by"],
        "recorded_at": row["exception_at"], "broken": row["exception_broken"]}
    return {"unit_code": row["code"], "name": row["name"], "parent_code": row["parent_code"],
            "depth": depth, "predikat": row["predikat"], "basis": row["basis"],
            "predikat_label": row["predikat"] and TEXTS.text(f"unit_predikat.{row['predikat']}",
                                                             language),
            "set_by": row["set_by"], "set_at": row["set_at"], "employees": n,
            "counts": [{"predikat": p, "label": TEXTS.text(f"predikat.{p}", language),
                        "count": verdict.counts.get(p, 0),
                        "share": round(verdict.counts.get(p, 0) / n, 4) if n else 0.0}
                       for p in PREDIKATS],
            "clauses": [{**c, "text": clause_text(c, language)} for c in clauses],
            "verdict": verdict.verdict, "exception": exception or None,
            "closable": verdict.verdict != BROKEN or bool(exception)}


def curve(conn: psycopg.Connection, period_id: str, state: CurveState, rules: CurveRules,
          language: str) -> dict:
    """Every unit's curve in the period, depth first (each unit followed by its sub-units)."""
    if state.period_status is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    rows = conn.execute(_UNITS, (period_id,)).fetchall()
    known = {r["code"] for r in rows}
    children: dict[str | None, list[dict]] = {}
    for row in rows:
        children.setdefault(row["parent_code"] if row["parent_code"] in known else None,
                            []).append(row)
    units: list[dict] = []

    def walk(row: dict, depth: int) -> None:
        units.append(_unit(row, depth, unit_verdict(state, row["code"], rules), language))
        for child in children.get(row["code"], []):
            walk(child, depth + 1)
    for root in children.get(None, []):
        walk(root, 0)
    return {"period_id": period_id, "period_status": state.period_status,
            "rounding": rules.rounding, "exempt_below": rules.exempt_below,
            "subunits": rules.subunits, "closable": all(u["closable"] for u in units),
            "units": units}


def unit_curve(conn: psycopg.Connection, period_id: str, unit_code: str, state: CurveState,
               rules: CurveRules, language: str) -> dict:
    """One unit's curve in the period (404 for an unknown period or unit)."""
    found = [u for u in curve(conn, period_id, state, rules, language)["units"]
             if u["unit_code"] == unit_code]
    if not found:
        raise NotFound("unknown_unit", f"no work unit {unit_code}")
    return found[0]
