"""Commands on assessments: save a draft, submit, reopen (self: penilaian diri; supervisor: atasan).

Each loads through the context's store, lets the domain decide and records what it decided.
"""
from __future__ import annotations

from services.assessment import domain, domain_assessing, domain_realisation
from services.assessment.store import stream_id
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import decided


def form(caller: str, period_id: str, nip: str, role: str, body: dict) -> domain_assessing.AssessmentForm:
    """An assessment form from a request body (ratings, work_result, work_behaviour)."""
    ratings = tuple(domain.Rating(i["competency"], i["level"], i.get("evidence", ""),
                                  i.get("comment", "")) for i in body["ratings"])
    return domain_assessing.AssessmentForm(period_id, nip, role, caller, ratings, body.get("work_result"),
                                 body.get("work_behaviour"),
                                 work_result_reason=body.get("work_result_reason"))


def save_draft(context: Context, draft: domain_assessing.AssessmentForm) -> None:
    """Keep unfinished ratings; a draft may leave competencies out but not break other rules."""
    domain_assessing.check_draft(context.store.situation(draft.period_id, draft.nip, draft.role), draft)
    context.store.save_draft(draft)


def submit(context: Context, submission: domain_assessing.AssessmentForm) -> Event:
    """Submit a complete assessment: every required competency rated, both expectations given."""
    period_id, nip, role = submission.period_id, submission.nip, submission.role
    situation = context.store.situation(period_id, nip, role)
    submitted = domain_assessing.submit(situation, submission)
    if role == domain.SUPERVISOR:  # the plan's proposed hasil kerja rating, a reason if differing
        submitted = domain_realisation.on_plan(submitted, situation.work_result_proposal,
                                               submission.work_result_reason)
    stored = context.recorder.record(stream_id(period_id, nip, role), situation.state.version,
                                     [decided(submitted, nip)])
    if situation.has_draft:
        context.store.discard_draft(period_id, nip, role)
    return stored[0]


def reopen(context: Context, caller: str, period_id: str, nip: str, role: str,
           reason: str) -> Event:
    """HR reopens a submitted assessment with a reason; the assessor must submit it again."""
    state = context.store.assessment_state(period_id, nip, role)
    reopened = domain_assessing.reopen(state, period_id, nip, role, reason, caller)
    return context.recorder.record(stream_id(period_id, nip, role), state.version,
                                   [decided(reopened, nip)])[0]
