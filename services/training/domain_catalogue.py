"""Decisions on the programme catalogue and on development opportunities (pure)."""
from __future__ import annotations

from datetime import date

from services.training.contract import DECIDER_ROLES, KINDS
from services.training.domain import Programme
from services.training.domain_events import (
    OpportunityAssigned, OpportunityDeclined, ProgrammeDefined, ProgrammeRetired)
from shared.errors import Conflict, Forbidden, Invalid, NotFound

FIELDS = ("title", "form", "kind", "jp", "competencies", "level_min", "level_max", "provider")
HR_ADMIN, SUPERVISOR = DECIDER_ROLES


def check_programme(data: dict) -> None:
    """Rules a schema cannot state: the kind belongs to the form, a sane level range, known codes."""
    if data["kind"] not in KINDS[data["form"]]:
        raise Invalid("kind_not_of_form", f"{data['kind']} is not a {data['form']} kind",
                      known=list(KINDS[data["form"]]))
    if data["level_min"] > data["level_max"]:
        raise Invalid("bad_level_range", "level_min must not be above level_max")
    if len(set(data["competencies"])) != len(data["competencies"]):
        raise Invalid("programme_duplicate_competency", "a competency is listed twice")


def outcome(current: dict | None, state: dict) -> str:
    """What defining ``state`` does to the programme now ``current``: new, changed or unchanged."""
    if current is None:
        return "new"
    if current["status"] == "active" and all(
            (list(current[f]) if f == "competencies" else current[f]) == state[f] for f in FIELDS):
        return "unchanged"
    return "changed"


def define(code: str, data: dict, current: dict | None) -> ProgrammeDefined | None:
    """A programme's new state (a retired one becomes active again); None when nothing changes."""
    check_programme(data)
    state = {"code": code, **{f: data[f] for f in FIELDS}}
    if outcome(current, state) == "unchanged":
        return None
    return ProgrammeDefined(**{**state, "competencies": tuple(state["competencies"])})


def retire(code: str, reason: str, current: dict | None) -> ProgrammeRetired:
    """Take a programme out of the catalogue; open assignments to it stay as they are."""
    if current is None:
        raise NotFound("unknown_programme", f"no programme {code}")
    if current["status"] == "retired":
        raise Conflict("programme_retired", f"{code} is already retired")
    return ProgrammeRetired(code, reason)


# --- development opportunities ----------------------------------------------------------------


def decider_role(caller: str, is_hr: bool, employee: dict | None, nip: str) -> str:
    """The capacity the caller decides in: the employee's current supervisor by the reporting line
    the assessment service published (first, so the trail says so), or HR; anyone else is refused."""
    if employee is None:
        raise NotFound("unknown_employee", f"no employee with NIP {nip}")
    if employee["supervisor_nip"] and caller == employee["supervisor_nip"]:
        return SUPERVISOR
    if is_hr:
        return HR_ADMIN
    raise Forbidden("not_supervisor", f"only HR or the supervisor of {nip} may decide this")


def known_opportunity(opportunity: dict | None, nip: str, period_id: str, competency: str) -> dict:
    """The opportunity, or NotFound."""
    if opportunity is None:
        raise NotFound("unknown_opportunity",
                       f"no opportunity for {nip} in {period_id} on {competency}")
    return opportunity


def assign_role(opportunity: dict, decided_as: str, role: str, starts_on: date,
                programme: Programme | None, programme_code: str | None,
                note: str | None) -> OpportunityAssigned:
    """Give the employee the role that uses the strength, optionally with an active programme."""
    _undecided(opportunity)
    if programme_code:
        if programme is None:
            raise NotFound("unknown_programme", f"no programme {programme_code}")
        if programme.status != "active":
            raise Conflict("programme_retired", f"{programme_code} is retired",
                           field="programme_code")
    o = opportunity
    return OpportunityAssigned(o["nip"], o["period_id"], o["competency"], role,
                               programme_code or None, starts_on.isoformat(), note or None,
                               decided_as)


def decline(opportunity: dict, decided_as: str, reason: str) -> OpportunityDeclined:
    """Decide not to take the opportunity up, with the reason."""
    _undecided(opportunity)
    o = opportunity
    return OpportunityDeclined(o["nip"], o["period_id"], o["competency"], reason, decided_as)


def _undecided(opportunity: dict) -> None:
    status = opportunity["status"]
    if status != "open":
        raise Conflict(f"opportunity_{status}", f"the opportunity is already {status}", state=status)
