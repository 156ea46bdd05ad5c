"""Commands of evidence (bukti dukung): the employee adds a text, a link or a file to an RHK of
their agreed plan. The file's content is kept in the service's store in the same transaction as
the event that names it. A piece of evidence (and its file) is named after the plan's stream
and the version its event gets there: unique, and the same on a retry."""
from __future__ import annotations

import hashlib

from services.assessment import domain_evidence as rules
from services.assessment.store_plan import plan_stream
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def evidence_id(period_id: str, nip: str, version: int) -> str:
    """The id of the evidence recorded at ``version`` of the plan's stream (and of its file)."""
    return f"{period_id}-{nip}-{version}"


def _record(context: Context, version: int, event: rules.EvidenceAdded) -> Event:
    return context.recorder.record(plan_stream(event.period_id, event.nip), version,
                                   [decided(event, event.nip)])[0]


def add(context: Context, caller: str, period_id: str, nip: str, rhk: int, text: str,
        url: str | None) -> Event:
    """A text or a link as evidence of an RHK."""
    state = context.store.plan_state(period_id, nip)
    new_id = evidence_id(period_id, nip, state.version + 1)
    added = rules.add(state, period_id, nip, caller, new_id, rhk, text, url)
    return _record(context, state.version, added)


def attach(context: Context, caller: str, period_id: str, nip: str, rhk: int, text: str,
           name: str, media_type: str, content: bytes) -> Event:
    """A file as evidence of an RHK: its content kept in the store, the event naming it."""
    state = context.store.plan_state(period_id, nip)
    found = rules.EvidenceFile(evidence_id(period_id, nip, state.version + 1), name, media_type,
                               len(content), hashlib.sha256(content).hexdigest())
    added = rules.add(state, period_id, nip, caller, found.file_id, rhk, text, found=found,
                      rules=context.evidence)
    recorded = _record(context, state.version, added)  # a concurrent upload conflicts here first
    context.store.keep_file(found.file_id, period_id, nip, media_type, found.sha256, content)
    return recorded
