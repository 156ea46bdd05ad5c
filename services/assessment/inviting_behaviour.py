"""Commands of peer and subordinate input: the appraising official invites, the invited person
answers once. Each loads through the context's store, lets ``domain_multirater`` decide and
records what it decided on ``behaviour-input-<period>-<nip>``."""
from __future__ import annotations

from services.assessment import domain_multirater as rules
from services.assessment.store_multirater import input_stream
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def invite(context: Context, caller: str, period_id: str, nip: str, invitee_nip: str) -> Event:
    """The official invites a peer or a direct report of ``nip`` to give input."""
    state = context.store.input_state(period_id, nip, invitee_nip)
    invited = rules.invite(state, period_id, nip, caller, invitee_nip, context.behaviour)
    return context.recorder.record(input_stream(period_id, nip), state.note.version,
                                   [decided(invited, nip)])[0]


def respond(context: Context, caller: str, period_id: str, nip: str,
            answers: list[dict]) -> Event | None:
    """The invited person's input per value, once (the same again records nothing)."""
    state = context.store.input_state(period_id, nip, caller)
    given = rules.respond(state, period_id, nip, caller, tuple(answers),
                          tuple(v.code for v in context.core_values))
    if given is None:
        return None
    return context.recorder.record(input_stream(period_id, nip), state.note.version,
                                   [decided(given, nip)])[0]
