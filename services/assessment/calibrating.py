"""Commands of calibration: HR opens and closes a unit's session; the appraising official or HR
changes an employee's predikat in it, with a reason. Each loads through the context's store, lets
``domain_calibration`` decide and records what it decided."""
from __future__ import annotations

from services.assessment import domain_calibration as rules
from services.assessment.store_calibration import predikat_stream, session_stream
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def open_session(context: Context, caller: str, period_id: str, unit_code: str) -> Event:
    """Open a calibration session for the unit (and the units below it)."""
    state = context.store.session_state(period_id, unit_code)
    opened = rules.open_session(state, period_id, unit_code, caller)
    return context.recorder.record(session_stream(period_id, unit_code), state.version,
                                   [decided(opened, unit_code)])[0]


def close_session(context: Context, caller: str, period_id: str, unit_code: str) -> Event:
    """Close the unit's open calibration session."""
    state = context.store.session_state(period_id, unit_code)
    closed = rules.close_session(state, period_id, unit_code, caller)
    return context.recorder.record(session_stream(period_id, unit_code), state.version,
                                   [decided(closed, unit_code)])[0]


def calibrate(context: Context, caller: str, is_hr: bool, period_id: str, nip: str,
              predikat: str, reason: str) -> Event:
    """Change the employee's predikat in an open session, with the reason."""
    state = context.store.calibration_state(period_id, nip)
    changed = rules.calibrate(state, period_id, nip, predikat, reason, caller, is_hr)
    return context.recorder.record(predikat_stream(period_id, nip), state.version,
                                   [decided(changed, nip)])[0]
