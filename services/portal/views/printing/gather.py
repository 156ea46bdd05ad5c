"""What the printable form holds, read from the three services with the person's own token.

Nothing is decided here: who may read the employee is the services' answer (a 403 becomes the
portal's 403 page), the discrepancies and their threshold are the feedback service's, the predikat
the assessment service's, the training plan and its JP the training service's. A part the person
may not see yet (the supervisor's assessment before both are in) or that does not exist yet
(no comparison, no dialogue) is printed as such.
"""
from __future__ import annotations

from dataclasses import dataclass

from services.portal.backend import Api
from services.portal.views.dialogue_agenda import explain
from services.portal.views.dialogue_support import localised
from tools.apiclient import ApiError


@dataclass(frozen=True)
class Shared:
    """Reads every form of one request needs once: the period, the dictionary, the catalogue."""

    period: dict
    names: dict[str, str]
    programmes: dict[str, str]


def shared(client: Api, period_id: str) -> Shared:
    """What every form of one request shares, read once; ApiError 404 for an unknown period."""
    periods, dictionary, programmes = client.read_many([
        ("assessment", "/periods"), ("assessment", "/competencies"), ("training", "/programmes")])
    period = next((p for p in periods if p["period_id"] == period_id), None)
    if period is None:
        raise ApiError("GET", "/periods", 404, {"code": "unknown_period"})
    return Shared(period, {c["code"]: localised(c["name"]) for c in dictionary},
                  {p["code"]: localised(p["title"]) for p in programmes})


def _absent(error: ApiError) -> bool:
    """What the form prints as "not yet" rather than refusing the whole form: an assessment not
    made or hidden until both are in, an employee the feedback or training service has not
    heard of yet, a dialogue not opened."""
    return error.status == 404 or (error.status == 403 and error.code == "assessment_hidden")


def form_of(client: Api, common: Shared, nip: str) -> dict:
    """Everything one employee's form prints for the period. The first read is the assessment
    service's answer to whether the person may read this employee at all (403 otherwise)."""
    period_id = common.period["period_id"]
    people = client.get("assessment", f"/employees/{nip}/officials", period=period_id)
    path = f"/periods/{period_id}/assessments/{nip}"
    own, boss, comparisons, plan = client.read_many([
        ("assessment", f"{path}/self"), ("assessment", f"{path}/supervisor"),
        ("feedback", f"/employees/{nip}/comparisons"),
        ("training", f"/employees/{nip}/plan?year={common.period['year']}")], absent=_absent)
    compared = next((c for c in comparisons or []
                     if c["period_id"] == period_id and c["current"]), None)
    calls = [("assessment", f"/positions/{people['employee']['position_code']}")]
    if compared:
        calls.append(("feedback", f"/dialogues/{period_id}.{nip}.{compared['comparison']}"))
    position, dialogue = (client.read_many(calls, absent=_absent) + [None])[:2]
    return {"period": common.period, "people": people,
            "competencies": _competencies(position, own, boss, compared, common.names),
            "own": own, "boss": boss, "compared": compared, "dialogue": _dialogue(dialogue),
            "hidden": {side: record is None and _hidden(client, f"{path}/{side}")
                       for side, record in (("self", own), ("supervisor", boss))},
            "plan": _plan(plan, common), "year": common.period["year"]}


def _hidden(client: Api, path: str) -> bool:
    """Whether an assessment the reads above found absent exists but is hidden from this reader
    until both sides are in (the service's blindness), so that the form says which."""
    try:
        client.get("assessment", path)
    except ApiError as error:
        return error.status == 403 and error.code == "assessment_hidden"
    return False


def _competencies(position: dict | None, own: dict | None, boss: dict | None,
                  compared: dict | None, names: dict[str, str]) -> list[dict]:
    """The position's standard in its order, each with the level required when the assessment
    was made (the position's today when none is), both levels and the feedback service's mark."""
    rated = {side: {r["competency"]: r for r in (record or {}).get("ratings", [])}
             for side, record in (("self", own), ("supervisor", boss))}
    marks = {c["competency"]: c for c in (compared or {}).get("competencies", [])}
    order = [r["competency"] for r in (position or {}).get("standard", [])]
    required = {r["competency"]: r["required_level"] for r in (position or {}).get("standard", [])}
    for side in ("supervisor", "self"):  # a competency rated but since left out of the standard
        order += [code for code in rated[side] if code not in order]
    rows = []
    for code in order:
        mine, theirs = rated["self"].get(code), rated["supervisor"].get(code)
        need = (theirs or mine or {}).get("required_level") or required.get(code)
        mark = marks.get(code) or {}
        rows.append({"code": code, "name": names.get(code, code), "required": need,
                     "self": mine["level"] if mine else None,
                     "supervisor": theirs["level"] if theirs else None,
                     "discrepancy": mark.get("discrepancy"),
                     "size": abs(mark.get("difference") or 0)})
    return rows


def _dialogue(found: dict | None) -> dict | None:
    if found is None:
        return None
    return {**found, "agenda": [explain(item) for item in found.get("agenda") or []]}


def _plan(plan: dict | None, common: Shared) -> dict | None:
    """The year's plan without cancelled assignments, each with its programme's title."""
    if plan is None:
        return None
    kept = [{**a, "title": common.programmes.get(a["programme_code"], a["programme_code"])}
            for a in plan["assignments"] if a["status"] != "cancelled"]
    return {**plan, "assignments": kept}


def unit_people(client: Api, period_id: str, unit: str) -> list[dict]:
    """Everyone in the unit and the units below it, by name (HR's progress list, every page)."""
    return client.get_all("assessment", f"/periods/{period_id}/progress", unit=unit, sort="name")
