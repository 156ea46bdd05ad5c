"""Commands of a plan (SKP): the employee proposes or revises it, the appraising official agrees
or returns it. Each loads through the context's store, lets ``domain_plan`` decide and records
what it decided on ``plan-<period>-<nip>``."""
from __future__ import annotations

from typing import Mapping

from services.assessment import domain_plan as rules
from services.assessment.store_plan import plan_stream
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def results(body: list[dict]) -> tuple[rules.PlannedResult, ...]:
    """The RHK of a request body as the domain takes them (``rhk`` absent: a new one)."""
    return tuple(rules.PlannedResult(
        r.get("rhk") or 0, r["text"], r.get("main", False), r.get("supports"),
        tuple(rules.Indicator(i["text"], i.get("quantity", ""), i.get("quality", ""),
                              i.get("time", ""), i.get("target"), i.get("unit"))
              for i in r["indicators"])) for r in body)


def _record(context: Context, state: rules.PlanState, event) -> Event:
    return context.recorder.record(plan_stream(event.period_id, event.nip), state.version,
                                   [decided(event, event.nip)])[0]


def propose(context: Context, caller: str, period_id: str, nip: str,
            planned: tuple[rules.PlannedResult, ...]) -> Event:
    """The employee proposes their plan (again, after a return or before agreement)."""
    state = context.store.plan_state(period_id, nip)
    return _record(context, state, rules.propose(state, period_id, nip, caller, planned))


def revise(context: Context, caller: str, period_id: str, nip: str,
           planned: tuple[rules.PlannedResult, ...], reason: str) -> Event:
    """The employee revises their agreed plan, with the reason."""
    state = context.store.plan_state(period_id, nip)
    return _record(context, state, rules.revise(state, period_id, nip, caller, planned, reason))


def agree(context: Context, caller: str, period_id: str, nip: str,
          expectations: Mapping[str, str]) -> Event:
    """The appraising official agrees the proposed plan, with special expectations per value."""
    state = context.store.plan_state(period_id, nip)
    codes = tuple(value.code for value in context.core_values)
    return _record(context, state,
                   rules.agree(state, period_id, nip, caller, expectations, codes))


def return_plan(context: Context, caller: str, period_id: str, nip: str, note: str) -> Event:
    """The appraising official returns the proposed plan with a note."""
    state = context.store.plan_state(period_id, nip)
    return _record(context, state, rules.return_plan(state, period_id, nip, caller, note))
