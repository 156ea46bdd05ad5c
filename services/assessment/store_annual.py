"""What the annual appraisal's commands and reads load (the port's part), and its PostgreSQL
adapter: the annual period, the annual assessment and the year's periodic results in one query."""
from __future__ import annotations

from typing import Protocol

from services.assessment.domain_annual import AnnualState, PeriodicResult

_ANNUAL = """
SELECT y.kind AS period_kind, y.status AS period_status,
       (SELECT jsonb_build_array(unit_code, predikat, assessor_nip) FROM assessments
         WHERE period_id = %(p)s AND nip = %(n)s AND role = 'supervisor'
           AND status = 'submitted' AND predikat IS NOT NULL) AS assessed,
       COALESCE((SELECT jsonb_agg(jsonb_build_array(a.period_id, a.predikat)
                                  ORDER BY p.starts_on, p.period_id)
                   FROM assessments a JOIN periods p USING (period_id)
                  WHERE a.nip = %(n)s AND a.role = 'supervisor' AND a.status = 'submitted'
                    AND a.predikat IS NOT NULL AND p.kind IN ('monthly', 'quarterly')
                    AND p.year = y.year), '[]') AS periodic,
       COALESCE((SELECT max(version) FROM annual_predikats
                  WHERE period_id = %(p)s AND nip = %(n)s), 0) AS version
  FROM (SELECT 1) AS one LEFT JOIN periods y ON y.period_id = %(p)s"""


def annual_stream(period_id: str, nip: str) -> str:
    """The event stream of an employee's annual predikat in an annual period."""
    return f"annual-{period_id}-{nip}"


class AnnualPort(Protocol):
    """The annual appraisal's load."""

    def annual_state(self, period_id: str, nip: str) -> AnnualState:
        """The annual period, the annual assessment, the year's periodic results, the stream."""


class PgAnnualStore:
    """The annual appraisal's load on PostgreSQL (mixed into ``PgStore``, which holds ``conn``)."""

    conn: object

    def annual_state(self, period_id: str, nip: str) -> AnnualState:
        """The annual period, the annual assessment, the year's periodic results, the stream."""
        row = self.conn.execute(_ANNUAL, {"p": period_id, "n": nip}).fetchone()
        return AnnualState(row["period_kind"], row["period_status"],
                           tuple(row["assessed"]) if row["assessed"] else None,
                           tuple(PeriodicResult(*r) for r in row["periodic"]), row["version"])
