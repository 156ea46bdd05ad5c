"""What a plan's commands load (the port's part), and its PostgreSQL adapter: the employee and
their official, the period (key-share locked, so that closing it waits for plan commands in
flight, as for submissions), the plan so far and the RHK numbers of the official's own plan, in
one query; and the evidence files kept beside the events."""
from __future__ import annotations

from typing import Protocol

from services.assessment.domain_plan import PlanState

_PLAN = """
SELECT e.nip AS employee, e.supervisor_nip, p.status, p.revision,
       (SELECT status FROM periods WHERE period_id = %(p)s FOR KEY SHARE) AS period_status,
       p.last_rhk, p.agreed_revision, p.version, p.work_result_proposed,
       ARRAY(SELECT (r->>'rhk')::int FROM jsonb_array_elements(p.results) r) AS results,
       ARRAY(SELECT (r->>'rhk')::int FROM jsonb_array_elements(p.results) r
              WHERE (r->>'main')::boolean) AS mains,
       ARRAY(SELECT ARRAY[x.rhk::text, x.realisation] FROM plan_realisations x
              WHERE x.period_id = %(p)s AND x.nip = %(n)s ORDER BY x.rhk) AS realised,
       CASE WHEN s.nip IS NULL THEN NULL
            ELSE ARRAY(SELECT (r->>'rhk')::int FROM jsonb_array_elements(s.results) r) END
         AS superior_results
  FROM (SELECT 1) AS one
  LEFT JOIN employees e ON e.nip = %(n)s
  LEFT JOIN plans p ON p.period_id = %(p)s AND p.nip = %(n)s
  LEFT JOIN plans s ON s.period_id = %(p)s AND s.nip = e.supervisor_nip"""


def plan_stream(period_id: str, nip: str) -> str:
    """The event stream of an employee's plan (and its evidence) in a period."""
    return f"plan-{period_id}-{nip}"


class PlanPort(Protocol):
    """A plan's loads, and the evidence files it keeps."""

    def plan_state(self, period_id: str, nip: str) -> PlanState:
        """The plan's state with the employee, their official, the period and the official's
        plan."""

    def keep_file(self, file_id: str, period_id: str, nip: str, media_type: str,
                  sha256: str, content: bytes) -> None:
        """Keep an evidence file's content (in the command's transaction)."""


class PgPlanStore:
    """A plan's loads on PostgreSQL (mixed into ``PgStore``, which holds ``conn``)."""

    conn: object

    def plan_state(self, period_id: str, nip: str) -> PlanState:
        """The plan's state (one query)."""
        row = self.conn.execute(_PLAN, {"p": period_id, "n": nip}).fetchone()
        if row["status"] is None:
            return PlanState(row["employee"], row["supervisor_nip"], row["period_status"],
                             superior_results=row["superior_results"] and tuple(
                                 row["superior_results"]))
        return PlanState(row["employee"], row["supervisor_nip"], row["period_status"],
                         row["status"], row["revision"], tuple(row["results"]), row["last_rhk"],
                         row["agreed_revision"], row["superior_results"] and tuple(
                             row["superior_results"]), row["version"], tuple(row["mains"]),
                         tuple((int(n), level) for n, level in row["realised"]),
                         row["work_result_proposed"])

    def keep_file(self, file_id: str, period_id: str, nip: str, media_type: str,
                  sha256: str, content: bytes) -> None:
        """Keep an evidence file's content."""
        self.conn.execute(
            "INSERT INTO plan_evidence_files (file_id, period_id, nip, media_type, size, sha256,"
            " content) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (file_id, period_id, nip, media_type, len(content), sha256, content))
