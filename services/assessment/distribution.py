"""Commands on a unit's curve: its predikat for a period and HR's exception to its pattern.

Each loads the period's curves through the context's store, lets ``domain_distribution`` decide
and records what it decided on the stream ``curve-<period>-<unit>``.
"""
from __future__ import annotations

from services.assessment import domain_distribution as rules
from services.assessment.domain_distribution import UnitCurve
from services.assessment.store_curve import curve_stream
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def set_unit_predicate(context: Context, caller: str, period_id: str, unit_code: str,
                       predikat: str, basis: str) -> Event:
    """Record the unit's own predikat for the period, on the leader above's decision."""
    state = context.store.curve_state(period_id)
    decision = rules.set_unit_predicate(state, period_id, unit_code, predikat, basis, caller,
                                        context.curve)
    version = state.curves.get(unit_code, UnitCurve()).version
    return context.recorder.record(curve_stream(period_id, unit_code), version,
                                   [decided(decision, unit_code)])[0]


def record_exception(context: Context, caller: str, period_id: str, unit_code: str,
                     reason: str) -> Event:
    """Let a unit whose curve is broken close as it is, with HR's reason."""
    state = context.store.curve_state(period_id)
    decision = rules.record_exception(state, period_id, unit_code, reason, caller, context.curve)
    return context.recorder.record(curve_stream(period_id, unit_code),
                                   state.curves[unit_code].version,
                                   [decided(decision, unit_code)])[0]
