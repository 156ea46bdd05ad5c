"""One dialogue as its page shows it: the agenda in plain words, the feedback per item, and which
side of the dialogue the reader is on (the employee, or the supervisor who holds it)."""
from __future__ import annotations

from flask import g, render_template

from services.portal.pages import api
from services.portal.views.dialogue_support import split_local
from shared.auth import EMPLOYEE

HOLDER_STEPS = {"opened", "scheduled"}          # the meeting can still be set or moved
FEEDBACK_STEPS = {"opened", "scheduled", "feedback_given"}


def explain(item: dict) -> dict:
    """An agenda item with the key of the sentence that explains it (``dialogue.kind.*``)."""
    kind = item["kind"]
    if kind == "discrepancy":
        above = (item["self_level"] or 0) > (item["supervisor_level"] or 0)
        kind = "blind_spot" if above else "hidden_strength"
    return {**item, "explained": f"dialogue.kind.{kind}", "feedback": item.get("feedback") or {}}


def phrase_texts() -> dict[str, dict]:
    """The phrase library by code, each text in the reader's language."""
    return {p["code"]: p for p in api().get("feedback", "/phrases")}


def context(dialogue_id: str) -> dict:
    """What the dialogue page needs; the service answers 403 to anyone not entitled to see it."""
    found = api().get("feedback", f"/dialogues/{dialogue_id}")
    own = found["nip"] == g.person.nip
    # Anyone else the service lets see it acting as pegawai is the supervisor (HR only reads).
    holder = not own and g.person.role == EMPLOYEE
    day, time = split_local(found.get("scheduled_at"))
    return {"dialogue": found, "agenda": [explain(i) for i in found["agenda"]], "own": own,
            "phrases": phrase_texts(),
            "can_schedule": holder and found["status"] in HOLDER_STEPS,
            "can_give_feedback": holder and found["status"] in FEEDBACK_STEPS,
            "can_answer": own and found["status"] == "feedback_given",
            "schedule_form": {"date": day, "time": time, "location": found.get("location") or ""}}


def render_one(dialogue_id: str, status: int = 200, **state):
    """The dialogue page, with a refused form's answers and messages in ``state``."""
    page = context(dialogue_id)
    for name in ("schedule_form", "answer_form"):
        if name in state:
            page[name] = state.pop(name)
    return render_template("dialogue/one.html", **page, errors=state.pop("errors", {}),
                           refused=state.pop("refused", None), **state), status
