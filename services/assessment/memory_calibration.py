"""Calibration's part of the in-memory adapter: each unit's sessions and each employee's
predikat stream, fed by the same events as ``calibration_sessions`` and ``predikat_changes``."""
from __future__ import annotations

from services.assessment.domain_calibration import Assessed, CalibrationState, SessionState
from shared.envelope import Event


class MemoryCalibrationStore:
    """Sessions by (period, unit): [session id, open?] in order; assessors and stream versions."""

    units: dict
    periods: dict
    predikats: dict

    def __init__(self) -> None:
        self.sessions: dict[tuple[str, str], list[list]] = {}
        self.session_versions: dict[tuple[str, str], int] = {}
        self.assessors: dict[tuple[str, str], str] = {}
        self.predikat_versions: dict[tuple[str, str], int] = {}

    def apply_calibration(self, event: Event) -> None:
        """Apply one of the service's events that calibration reads (others are ignored)."""
        d, kind = event.data, event.type.split(".")[1]
        if kind in ("CalibrationOpened", "CalibrationClosed"):
            key = (d["period_id"], d["unit_code"])
            self.session_versions[key] = event.version
            if kind == "CalibrationOpened":
                self.sessions.setdefault(key, []).append([d["session_id"], True])
            else:
                self.sessions[key][-1][1] = False
        elif kind == "AssessmentSubmitted" and d["role"] == "supervisor":
            self.assessors[(d["period_id"], d["nip"])] = d["assessor_nip"]
        elif kind == "PredikatCalibrated":
            self.predikat_versions[(d["period_id"], d["nip"])] = event.version
            self.predikats[(d["period_id"], d["nip"])] = (d["unit_code"], d["predikat"])

    def session_state(self, period_id: str, unit_code: str) -> SessionState:
        """The period, the unit and its calibration sessions."""
        found = self.sessions.get((period_id, unit_code), [])
        open_session = next((sid for sid, is_open in found if is_open), None)
        return SessionState(self.periods.get(period_id), unit_code in self.units, open_session,
                            len(found), self.session_versions.get((period_id, unit_code), 0))

    def calibration_state(self, period_id: str, nip: str) -> CalibrationState:
        """The period, the units, the open sessions and the employee's predikat."""
        sessions = {unit: sid for (p, unit), found in self.sessions.items() if p == period_id
                    for sid, is_open in found if is_open}
        current = self.predikats.get((period_id, nip))
        assessed = current and Assessed(current[0], current[1],
                                        self.assessors[(period_id, nip)])
        return CalibrationState(self.periods.get(period_id), dict(self.units), sessions,
                                assessed or None, self.predikat_versions.get((period_id, nip), 0))
