"""What the curve's commands load (the port's part), and its PostgreSQL adapter: one query gives
a period's status, the units, each unit's recorded curve and the employees' predikat."""
from __future__ import annotations

from typing import Protocol

from services.assessment.domain_distribution import CurveState, UnitCurve

_CURVES = """
SELECT (SELECT status FROM periods WHERE period_id = %(p)s) AS status,
       COALESCE((SELECT jsonb_object_agg(code, parent_code) FROM units), '{}') AS units,
       COALESCE((SELECT jsonb_agg(jsonb_build_array(unit_code, predikat,
                        exception_reason IS NOT NULL, version))
                   FROM unit_curves WHERE period_id = %(p)s), '[]') AS curves,
       COALESCE((SELECT jsonb_agg(jsonb_build_array(unit_code, predikat) ORDER BY nip)
                   FROM assessments WHERE period_id = %(p)s AND role = 'supervisor'
                    AND status = 'submitted' AND predikat IS NOT NULL), '[]') AS assessed"""


def curve_stream(period_id: str, unit_code: str) -> str:
    """The event stream of a unit's curve in a period."""
    return f"curve-{period_id}-{unit_code}"


class CurvePort(Protocol):
    """The curve's loads."""

    def curve_state(self, period_id: str) -> CurveState:
        """The period's status, the units, each unit's curve and the employees' predikat."""


class PgCurveStore:
    """The curve's loads on PostgreSQL (mixed into ``PgStore``, which holds ``conn``)."""

    conn: object

    def curve_state(self, period_id: str) -> CurveState:
        """The period's status, the units, each unit's curve and the employees' predikat."""
        row = self.conn.execute(_CURVES, {"p": period_id}).fetchone()
        curves = {unit: UnitCurve(predikat, exception, version)
                  for unit, predikat, exception, version in row["curves"]}
        return CurveState(row["status"], row["units"], curves,
                          tuple((unit, predikat) for unit, predikat in row["assessed"]))
