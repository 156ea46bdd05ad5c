"""The supervisor's feedback form: one group of fields per agenda item, read into the body of
POST /dialogues/<id>/feedback, and the service's refusals placed back at those fields."""
from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

TEXTS = ("went_well", "to_improve", "action", "due_on")
_ITEM_PATH = re.compile(r"^items\.(\d+)\.(\w+)(?:\.\d+\.(\w+))?")


def values_of(form: MultiDict, agenda: list[dict]) -> dict:
    """The form's answers by field id, to show them again (phrases as lists of codes)."""
    values: dict = {"summary": form.get("summary", "")}
    for item in agenda:
        n = item["item"]
        values.update({f"{name}-{n}": form.get(f"{name}-{n}", "") for name in TEXTS})
        values[f"phrases-{n}"] = form.getlist(f"phrases-{n}")
    return values


def values_from(dialogue: dict, agenda: list[dict]) -> dict:
    """The feedback already given, as the form's answers (an item's first action only)."""
    values: dict = {"summary": dialogue.get("summary") or ""}
    for item in agenda:
        n, given = item["item"], item["feedback"]
        action = (given.get("actions") or [{}])[0]
        values.update({f"went_well-{n}": given.get("went_well", ""),
                       f"to_improve-{n}": given.get("to_improve", ""),
                       f"action-{n}": action.get("action", ""), f"due_on-{n}": action.get("due_on", ""),
                       f"phrases-{n}": given.get("phrase_codes", [])})
    return values


def body_of(values: dict, agenda: list[dict]) -> tuple[dict, list[int]]:
    """The request body, and the agenda item each entry of ``items`` is: an item is sent when any
    of its fields is filled in, an action when its text or its date is."""
    items, order = [], []
    for item in agenda:
        n = item["item"]
        if not any(values[f"{name}-{n}"].strip() for name in TEXTS) and not values[f"phrases-{n}"]:
            continue
        entry = {"item": n, "went_well": values[f"went_well-{n}"].strip(),
                 "to_improve": values[f"to_improve-{n}"].strip(),
                 "phrase_codes": values[f"phrases-{n}"], "actions": []}
        if values[f"action-{n}"].strip() or values[f"due_on-{n}"].strip():
            entry["actions"] = [{"action": values[f"action-{n}"].strip(),
                                 "due_on": values[f"due_on-{n}"].strip()}]
        items.append(entry)
        order.append(n)
    return {"items": items, "summary": values["summary"].strip()}, order


def placer(order: list[int]):
    """Maps the service's field path (``items.0.actions.0.due_on``) to (field id, kind)."""
    def place(path: str) -> tuple[str, str]:
        found = _ITEM_PATH.match(path)
        if not found or int(found.group(1)) >= len(order):
            return path, path
        n, name, inner = order[int(found.group(1))], found.group(2), found.group(3)
        kind = {"actions": inner or "action", "phrase_codes": "phrases"}.get(name, name)
        return f"{kind}-{n}", kind
    return place


def domain_field(problem: dict) -> str | None:
    """The field a rule's refusal is about, when it names an agenda item."""
    if problem.get("code") == "due_in_the_past" and problem.get("item"):
        return f"due_on-{problem['item']}"
    return None
