"""The plan's proposed hasil kerja rating where the supervisor rates a report (Nilai): read from
the assessment service with the supervisor's own token, none when the report has no plan or the
reader may not see it. Imports nothing of the assessing pages, which import it."""
from __future__ import annotations

from services.portal.pages import api
from tools.apiclient import ApiError


def proposal_of(period_id: str, nip: str, role: str) -> dict | None:
    """The report's plan (with ``work_result_proposed``) on a supervisor's side, else None."""
    if role != "supervisor":
        return None
    try:
        plan = api().get("assessment", f"/periods/{period_id}/plans/{nip}")
    except ApiError as error:
        if error.status in (403, 404):
            return None
        raise
    return plan if plan.get("status") else None


def reason_of(form) -> dict:
    """The reason for a hasil kerja rating other than the proposal, when one was written."""
    reason = (form.get("work_result_reason") or "").strip()
    return {"work_result_reason": reason} if reason else {}
