"""Commands of work behaviour: the appraising official's note per BerAKHLAK value. Each loads
through the context's store, lets ``domain_behaviour`` decide and records what it decided on
``behaviour-<period>-<nip>``."""
from __future__ import annotations

from datetime import date

from services.assessment import domain_behaviour as rules
from services.assessment.store_behaviour import behaviour_stream
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def note(context: Context, caller: str, period_id: str, nip: str, value: str, kind: str,
         observed_on: date, text: str) -> Event:
    """The official's note on ``nip``'s behaviour against one core value."""
    state = context.store.note_state(period_id, nip)
    noted = rules.note(state, period_id, nip, caller, value, kind, observed_on, text,
                       context.today(), tuple(v.code for v in context.core_values))
    return context.recorder.record(behaviour_stream(period_id, nip), state.version,
                                   [decided(noted, nip)])[0]
