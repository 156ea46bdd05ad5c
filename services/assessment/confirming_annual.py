"""Command of the annual appraisal: the appraising official confirms the annual predikat proposed
from the year's periodic results, or gives another with a reason. Loads through the context's
store, lets ``domain_annual`` decide and records what it decided."""
from __future__ import annotations

from services.assessment import domain_annual as rules
from services.assessment.store_annual import annual_stream
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def confirm(context: Context, caller: str, period_id: str, nip: str, predikat: str,
            reason: str | None) -> Event:
    """Set the employee's annual predikat: the proposal confirmed, or another with a reason."""
    state = context.store.annual_state(period_id, nip)
    confirmed = rules.confirm(state, period_id, nip, predikat, reason, caller, context.annual)
    return context.recorder.record(annual_stream(period_id, nip), state.version,
                                   [decided(confirmed, nip)])[0]
