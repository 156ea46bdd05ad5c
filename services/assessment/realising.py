"""Commands of realisation: the appraising official records an RHK's realisation against its
target; ``domain_realisation`` decides, with the hasil kerja rating it now proposes, and it is
recorded on the plan's stream ``plan-<period>-<nip>``."""
from __future__ import annotations

from services.assessment import domain_realisation as rules
from services.assessment.store_plan import plan_stream
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def record(context: Context, caller: str, period_id: str, nip: str, rhk: int,
           realisation: str, note: str) -> Event:
    """The official's realisation of one RHK, and the proposal after it."""
    state = context.store.plan_state(period_id, nip)
    recorded = rules.record(state, period_id, nip, caller, rhk, realisation, note,
                            context.work_results)
    return context.recorder.record(plan_stream(period_id, nip), state.version,
                                   [decided(recorded, nip)])[0]
