"""Calibration (kalibrasi): HR opens a session for a unit in an open period; in it the appraising
officials (and HR) change employees' predikat, each change with a reason, so that the unit's
curve follows its pattern. Each decision returns the event to record or raises a refusal.
Pure, like ``domain``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Mapping

from services.assessment.contract import PREDIKATS
from shared.errors import Conflict, Forbidden, Invalid, NotFound


@dataclass(frozen=True)
class SessionState:
    """A unit's calibration stream in a period: the period's status, whether the unit exists,
    the open session (if any), how many were opened and the stream's version."""

    period_status: str | None
    unit_known: bool
    open_session: str | None = None
    opened: int = 0
    version: int = 0


@dataclass(frozen=True)
class Assessed:
    """An employee's current official predikat in a period, with who gave it and where."""

    unit_code: str
    predikat: str
    assessor_nip: str


@dataclass(frozen=True)
class CalibrationState:
    """What a change of predikat decides on: the period, the units (code -> parent), the open
    sessions (unit -> session id), the employee's predikat and its stream's version."""

    period_status: str | None
    units: Mapping[str, str | None] = field(default_factory=dict)
    sessions: Mapping[str, str] = field(default_factory=dict)
    assessed: Assessed | None = None
    version: int = 0


@dataclass(frozen=True)
class CalibrationOpened:
    TYPE: ClassVar[str] = "assessment.CalibrationOpened.v1"
    period_id: str
    unit_code: str
    session_id: str
    opened_by: str


@dataclass(frozen=True)
class CalibrationClosed:
    TYPE: ClassVar[str] = "assessment.CalibrationClosed.v1"
    period_id: str
    unit_code: str
    session_id: str
    closed_by: str


@dataclass(frozen=True)
class PredikatCalibrated:
    TYPE: ClassVar[str] = "assessment.PredikatCalibrated.v1"
    period_id: str
    nip: str
    unit_code: str
    session_id: str
    previous: str
    predikat: str
    reason: str
    calibrated_by: str


def _check_period(status: str | None, period_id: str) -> None:
    if status is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    if status != "open":
        raise Conflict("period_not_open", "the appraisal period is not open")


def open_session(state: SessionState, period_id: str, unit_code: str,
                 caller: str) -> CalibrationOpened:
    """A calibration session for the unit (and the units below it); one open at a time."""
    if not state.unit_known:
        raise NotFound("unknown_unit", f"no work unit {unit_code}")
    _check_period(state.period_status, period_id)
    if state.open_session:
        raise Conflict("calibration_open", f"session {state.open_session} is still open")
    session_id = f"{period_id}-{unit_code}-{state.opened + 1}"
    return CalibrationOpened(period_id, unit_code, session_id, caller)


def close_session(state: SessionState, period_id: str, unit_code: str,
                  caller: str) -> CalibrationClosed:
    """Close the unit's open session; its changes stay."""
    if not state.unit_known:
        raise NotFound("unknown_unit", f"no work unit {unit_code}")
    if state.open_session is None:
        raise Conflict("no_calibration_session", f"{unit_code} has no open calibration session")
    return CalibrationClosed(period_id, unit_code, state.open_session, caller)


def session_for(state: CalibrationState, unit_code: str) -> str | None:
    """The open session of the unit or of the nearest unit above it."""
    seen: set[str] = set()
    code: str | None = unit_code
    while code is not None and code not in seen:
        if code in state.sessions:
            return state.sessions[code]
        seen.add(code)
        code = state.units.get(code)
    return None


def calibrate(state: CalibrationState, period_id: str, nip: str, predikat: str, reason: str,
              caller: str, is_hr: bool) -> PredikatCalibrated:
    """Change an employee's predikat in an open session, with a reason: HR or the official who
    gave it (the same predikat again is recorded as confirmed in the session, with its reason).
    Refusals in order: period, assessment, caller, session, the predikat itself."""
    _check_period(state.period_status, period_id)
    found = state.assessed
    if found is None:
        raise Conflict("not_assessed", f"{nip} has no submitted supervisor assessment in {period_id}")
    if not is_hr and caller != found.assessor_nip:
        raise Forbidden("not_the_official", "only the appraising official or HR may calibrate")
    session = session_for(state, found.unit_code)
    if session is None:
        raise Conflict("no_calibration_session",
                       f"no calibration session is open for {found.unit_code}")
    if predikat not in PREDIKATS:
        raise Invalid("unknown_predikat", f"predikat must be one of {', '.join(PREDIKATS)}")
    return PredikatCalibrated(period_id, nip, found.unit_code, session, found.predikat, predikat,
                              reason, caller)
