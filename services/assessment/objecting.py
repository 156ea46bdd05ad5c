"""Commands of an objection (keberatan): the employee files it, the appraising official explains,
the official's superior decides. Each loads through the context's store, lets
``domain_objection`` decide and records what it decided on ``objection-<period>-<nip>``."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from services.assessment import domain_objection as rules
from services.assessment.store_objection import objection_stream
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def _state(context: Context, period_id: str, nip: str) -> rules.ObjectionState:
    state, received_at = context.store.objection_state(period_id, nip)
    if isinstance(received_at, datetime):  # the day it was received where the agency is
        received = received_at.astimezone(ZoneInfo(context.zone)).date()
        return rules.ObjectionState(state.predikat, state.official_nip, state.superior_nip,
                                    received, state.status, state.decide_by, state.version)
    return state


def _record(context: Context, period_id: str, nip: str, version: int, *events) -> list[Event]:
    return context.recorder.record(objection_stream(period_id, nip), version,
                                   [decided(event, nip) for event in events])


def file(context: Context, caller: str, period_id: str, nip: str, reasons: str) -> list[Event]:
    """The employee's objection, and the request to the official to explain."""
    state = _state(context, period_id, nip)
    events = rules.file(state, period_id, nip, caller, reasons, context.today(), context.objections)
    return _record(context, period_id, nip, state.version, *events)


def explain(context: Context, caller: str, period_id: str, nip: str, explanation: str) -> Event:
    """The appraising official's explanation."""
    state = _state(context, period_id, nip)
    explained = rules.explain(state, period_id, nip, caller, explanation)
    return _record(context, period_id, nip, state.version, explained)[0]


def decide(context: Context, caller: str, period_id: str, nip: str, decision: str,
           predikat: str | None, reason: str) -> Event:
    """The superior's final decision: upheld, or the predikat changed."""
    state = _state(context, period_id, nip)
    decision_made = rules.decide(state, period_id, nip, caller, decision, predikat, reason,
                                 context.today())
    return _record(context, period_id, nip, state.version, decision_made)[0]
