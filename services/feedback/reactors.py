"""The reactor on AssessmentSubmitted: once both sides are in, compare them and open the dialogue.

Runs in the consumer's transaction after ``handlers.assessment_submitted`` has stored the
submission; everything it decides is recorded as the service's own events (and projected in the
same transaction), so a replay rebuilds it without deciding again.
"""
from __future__ import annotations

import logging

from services.feedback.domain_comparison import decide_comparison
from services.feedback.store import comparison_stream, dialogue_stream
from services.feedback.wiring import Context
from shared.envelope import Event, caused_by
from shared.recording import decided

log = logging.getLogger(__name__)
ACTOR = "feedback-consumer"


def on_submitted(context: Context, event: Event) -> None:
    """Compare the standing self and supervisor submissions, unless this pair was compared."""
    period_id, nip = event.data["period_id"], event.data["nip"]
    state = context.store.comparison_state(period_id, nip)
    decision = decide_comparison(period_id, nip, state, context.rules.discrepancy_threshold)
    if decision is None:
        return
    if decision.opened is None:
        log.warning("%s %s: the two assessments share no competency; nothing to compare",
                    period_id, nip)
        return
    meta = caused_by(event, ACTOR)
    context.recorder.record(comparison_stream(period_id, nip), state.version,
                            [decided(e, nip, meta) for e in decision.recorded])
    context.recorder.record(dialogue_stream(decision.opened.dialogue_id), 0,
                            [decided(decision.opened, nip, meta)])


REACTORS = {"assessment.AssessmentSubmitted.v1": on_submitted}
