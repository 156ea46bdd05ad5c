"""Read-side of the annual appraisal: an employee's year (the periodic results, the proposal,
the standing predikat and every confirmation), and the annual results an official gave."""
from __future__ import annotations

import psycopg

from services.assessment.domain_annual import AnnualPolicy, check_annual, propose
from services.assessment.queries import TEXTS, check_can_see_employee
from services.assessment.store import PgStore
from shared.auth import Principal
from shared.errors import Refused

_CONFIRMATIONS = ("SELECT version, policy, proposed, previous, predikat, reason, confirmed_by,"
                  " confirmed_at FROM annual_predikats WHERE period_id = %s AND nip = %s"
                  " ORDER BY version")
_MINE = """
SELECT a.period_id, a.nip, e.name, a.predikat,
       EXISTS(SELECT 1 FROM annual_predikats c WHERE c.period_id = a.period_id
                 AND c.nip = a.nip AND c.confirmed_at >= a.submitted_at) AS confirmed
  FROM assessments a JOIN employees e ON e.nip = a.nip
  JOIN periods p ON p.period_id = a.period_id AND p.kind = 'annual' AND p.status = 'open'
 WHERE a.assessor_nip = %s AND a.role = 'supervisor' AND a.status = 'submitted'
   AND a.predikat IS NOT NULL
 ORDER BY a.period_id, e.name, a.nip"""


def _label(predikat: str | None, language: str) -> str | None:
    return predikat and TEXTS.text(f"predikat.{predikat}", language)


def annual(conn: psycopg.Connection, principal: Principal, policy: AnnualPolicy,
           period_id: str, nip: str, language: str) -> dict:
    """The employee's annual period: the year's periodic results, the proposal by the agency's
    policy, the annual predikat standing and each confirmation (the employee, their direct
    supervisor, HR and auditors)."""
    person = check_can_see_employee(conn, principal, nip)
    state = PgStore(conn).annual_state(period_id, nip)
    try:
        check_annual(state, period_id, nip)
    except Refused as refused:
        if refused.code not in ("period_not_open", "not_assessed"):
            raise
    proposed = propose([r.predikat for r in state.periodic], policy)
    standing = state.assessed and state.assessed[1]
    return {"period_id": period_id, "nip": nip, "name": person["name"],
            "period_status": state.period_status, "policy": policy.name,
            "periodic": [{"period_id": r.period_id, "predikat": r.predikat,
                          "predikat_label": _label(r.predikat, language)} for r in state.periodic],
            "proposed": proposed, "proposed_label": _label(proposed, language),
            "assessed": state.assessed is not None,
            "official_nip": state.assessed and state.assessed[2], "predikat": standing,
            "predikat_label": _label(standing, language),
            "confirmations": conn.execute(_CONFIRMATIONS, (period_id, nip)).fetchall()}


def to_confirm(conn: psycopg.Connection, nip: str) -> list[dict]:
    """The annual results the official gave in open annual periods, each saying whether its
    annual predikat was confirmed since the assessment was last submitted (a resubmission after
    a reopening sets the matrix's predikat again, to be confirmed again)."""
    return conn.execute(_MINE, (nip,)).fetchall()
