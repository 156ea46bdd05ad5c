"""Hasil: both assessments side by side once both are in, marked where the feedback service
found a discrepancy, with the predikat and the two work ratings; before that, what is awaited."""
from __future__ import annotations

from flask import g, render_template

from services.portal.pages import api, signed_in
from tools.apiclient import ApiError
from services.portal.views.assessing.common import (
    SUBMITTED, blp, dialogue_url, names, open_period, period)


def comparison(period_id: str, nip: str, own: dict, boss: dict) -> dict:
    """Per competency both levels and the required one; the discrepancy facts are the feedback
    service's (its threshold, its direction), never worked out here."""
    found = next((c for c in _comparisons(nip)
                  if c["period_id"] == period_id and c["current"]), None)
    label = names()
    if found:
        rows = found["competencies"]
    else:  # feedback has not consumed both submissions yet: the levels, unmarked
        theirs = {r["competency"]: r["level"] for r in boss["ratings"]}
        rows = [{"competency": r["competency"], "self_level": r["level"],
                 "supervisor_level": theirs.get(r["competency"]),
                 "required_level": r["required_level"], "discrepancy": None}
                for r in own["ratings"]]
    rows = [{**row, "name": label.get(row["competency"], row["competency"]),
             "size": abs((row["self_level"] or 0) - (row["supervisor_level"] or 0))}
            for row in rows]
    return {"rows": rows, "threshold": found["threshold"] if found else None,
            "pending": found is None, "own": own, "boss": boss,
            "blind_spots": found["blind_spots"] if found else 0,
            "hidden_strengths": found["hidden_strengths"] if found else 0}


def _comparisons(nip: str) -> list[dict]:
    """The feedback service's comparisons; none while it has not yet heard of the employee."""
    try:
        return api().get("feedback", f"/employees/{nip}/comparisons")
    except ApiError as error:
        if error.status == 404 and error.code == "unknown_employee":
            return []
        raise


@blp.get("/hasil", defaults={"period_id": None})
@blp.get("/hasil/<period_id>")
@signed_in
def results(period_id):
    """The open period's results (or a named period's), and links to the other periods'."""
    mine = api().get("assessment", "/me/assessments")
    known = sorted({a["period_id"] for a in mine}, reverse=True)
    if period_id is None:
        opened = open_period()
        period_id = opened["period_id"] if opened else (known[0] if known else None)
    if period_id is None:
        return render_template("assessing/results.html", period=None, others=[])
    sides = {a["role"]: a for a in mine if a["period_id"] == period_id}
    own, boss = sides.get("self"), sides.get("supervisor")
    both = all(side and side["status"] == SUBMITTED for side in (own, boss))
    return render_template(
        "assessing/results.html", period=period(period_id), own=own, boss=boss,
        others=[p for p in known if p != period_id], dialogue=dialogue_url(),
        compared=comparison(period_id, g.person.nip, own, boss) if both else None)
