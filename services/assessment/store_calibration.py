"""What calibration's commands load (the port's part), and its PostgreSQL adapter: a unit's
session stream in one query, an employee's predikat with the open sessions in another."""
from __future__ import annotations

from typing import Protocol

from services.assessment.domain_calibration import Assessed, CalibrationState, SessionState

_SESSIONS = """
SELECT (SELECT status FROM periods WHERE period_id = %(p)s) AS period_status,
       EXISTS(SELECT 1 FROM units WHERE code = %(u)s) AS unit_known,
       (SELECT session_id FROM calibration_sessions WHERE period_id = %(p)s
           AND unit_code = %(u)s AND status = 'open') AS open_session,
       (SELECT count(*) FROM calibration_sessions WHERE period_id = %(p)s
           AND unit_code = %(u)s) AS opened,
       COALESCE((SELECT max(version) FROM calibration_sessions WHERE period_id = %(p)s
           AND unit_code = %(u)s), 0) AS version"""

_CALIBRATION = """
SELECT (SELECT status FROM periods WHERE period_id = %(p)s) AS period_status,
       COALESCE((SELECT jsonb_object_agg(code, parent_code) FROM units), '{}') AS units,
       COALESCE((SELECT jsonb_object_agg(unit_code, session_id) FROM calibration_sessions
                  WHERE period_id = %(p)s AND status = 'open'), '{}') AS sessions,
       (SELECT jsonb_build_array(unit_code, predikat, assessor_nip) FROM assessments
         WHERE period_id = %(p)s AND nip = %(n)s AND role = 'supervisor'
           AND status = 'submitted' AND predikat IS NOT NULL) AS assessed,
       COALESCE((SELECT max(version) FROM predikat_changes WHERE period_id = %(p)s
           AND nip = %(n)s AND kind = 'calibration'), 0) AS version"""


def session_stream(period_id: str, unit_code: str) -> str:
    """The event stream of a unit's calibration sessions in a period."""
    return f"calibration-{period_id}-{unit_code}"


def predikat_stream(period_id: str, nip: str) -> str:
    """The event stream of the changes of an employee's predikat in a period."""
    return f"predikat-{period_id}-{nip}"


class CalibrationPort(Protocol):
    """Calibration's loads."""

    def session_state(self, period_id: str, unit_code: str) -> SessionState:
        """The period, the unit and its calibration sessions."""
    def calibration_state(self, period_id: str, nip: str) -> CalibrationState:
        """The period, the units, the open sessions and the employee's predikat."""


class PgCalibrationStore:
    """Calibration's loads on PostgreSQL (mixed into ``PgStore``, which holds ``conn``)."""

    conn: object

    def session_state(self, period_id: str, unit_code: str) -> SessionState:
        """The period, the unit and its calibration sessions."""
        row = self.conn.execute(_SESSIONS, {"p": period_id, "u": unit_code}).fetchone()
        return SessionState(row["period_status"], row["unit_known"], row["open_session"],
                            row["opened"], row["version"])

    def calibration_state(self, period_id: str, nip: str) -> CalibrationState:
        """The period, the units, the open sessions and the employee's predikat."""
        row = self.conn.execute(_CALIBRATION, {"p": period_id, "n": nip}).fetchone()
        assessed = row["assessed"] and Assessed(*row["assessed"])
        return CalibrationState(row["period_status"], row["units"], row["sessions"],
                                assessed or None, row["version"])
