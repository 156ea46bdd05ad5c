"""Commands on development opportunities: HR or the employee's supervisor assigns the role that
uses a strength (OpportunityAssigned), or declines the opportunity with a reason
(OpportunityDeclined). An opportunity's events form the stream
``opportunity-<nip>-<period>-<competency>``; it is decided once.
"""
from __future__ import annotations

from datetime import date

from services.training import domain_catalogue as decide
from services.training.wiring import Context
from shared.auth import HR_ADMIN, Principal
from shared.envelope import Event


def _decider(ctx: Context, principal: Principal, found: dict | None, nip: str, period_id: str,
             competency: str) -> tuple[dict, str]:
    """The opportunity (NotFound unless it exists) and the capacity the caller decides it in."""
    opportunity = decide.known_opportunity(found, nip, period_id, competency)
    return opportunity, decide.decider_role(principal.nip, principal.has_any((HR_ADMIN,)),
                                            ctx.store.employee(nip), nip)


def assign(ctx: Context, principal: Principal, nip: str, period_id: str, competency: str,
           role: str, starts_on: date, programme_code: str | None, note: str | None) -> Event:
    """Give the employee the role that uses the strength (the suggestion or edited text)."""
    found = ctx.store.opportunity(nip, period_id, competency, lock=True)
    opportunity, decided_as = _decider(ctx, principal, found, nip, period_id, competency)
    programme = ctx.store.programme(programme_code) if programme_code else None
    decision = decide.assign_role(opportunity, decided_as, role, starts_on, programme,
                                  programme_code, note)
    return ctx.record(decision, opportunity["version"])


def decline(ctx: Context, principal: Principal, nip: str, period_id: str, competency: str,
            reason: str) -> Event:
    """Decide not to take the opportunity up, with the reason."""
    found = ctx.store.opportunity(nip, period_id, competency, lock=True)
    opportunity, decided_as = _decider(ctx, principal, found, nip, period_id, competency)
    return ctx.record(decide.decline(opportunity, decided_as, reason), opportunity["version"])
