"""Ubah standar jabatan: HR sets the level a position requires of each competency of the
dictionary (a level adds it to the standard, "not in the standard" removes it), checks what
changes, then the assessment service replaces the standard (``PUT /positions/<code>``). Every
rule (known competencies, levels 1 to 5, at least one) is the service's; its refusals come back
at their fields with the typing kept."""
from __future__ import annotations

from urllib.parse import quote

from flask import redirect, render_template, request, session, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, localised, refusal
from services.portal.views.hr.common import blp, hr_page
from tools.apiclient import ApiError

KINDS = ("managerial", "sociocultural", "technical")


def _path(code: str) -> str:
    return f"/positions/{quote(code, safe='')}"


def _draft(code: str) -> str:
    return f"hr:standard:{code}"


def field_id(competency: str) -> str:
    """The form field of a competency (an id without dots, so that a link can reach it)."""
    return "level-" + competency.replace(".", "-")


def _context(code: str) -> dict:
    position, competencies, levels = api().read_many([
        ("assessment", _path(code)), ("assessment", "/competencies"),
        ("assessment", "/job-levels")])
    order = {kind: n for n, kind in enumerate(KINDS)}
    competencies = sorted(competencies, key=lambda c: (order.get(c["kind"], len(KINDS)), c["code"]))
    return {"position": position, "competencies": competencies, "localised": localised,
            "level_name": {lv["code"]: lv["name"] for lv in levels}.get(
                position["job_level"], position["job_level"]),
            "current": {r["competency"]: r["required_level"] for r in position["standard"]},
            "field_id": field_id}


def _typed(competencies: list[dict]) -> dict[str, str]:
    """What the form holds: competency -> the level typed ("" = not in the standard)."""
    return {c["code"]: request.form.get(field_id(c["code"]), "").strip() for c in competencies}


def _form(page: dict, values: dict, errors: dict, status: int = 200, refused=None):
    return render_template("hr/standard_form.html", values=values, errors=errors,
                           refused=refused, **page), status


@blp.route("/jabatan/<code>/standar", methods=["GET", "POST"])
@signed_in
@hr_page
def edit_standard(code):
    """The dictionary's competencies, each with the level required (or none); then the check."""
    page = _context(code)
    if request.method == "GET":
        values = session.get(_draft(code)) or {k: str(v) for k, v in page["current"].items()}
        return _form(page, values, {})[0]
    values = _typed(page["competencies"])
    if not any(values.values()):  # the service refuses an empty standard too; said here first
        return _form(page, values, {"standard": t("hr.standard.error.empty")}, 422)
    session[_draft(code)] = values
    return redirect(url_for(".standard_check", code=code))


def changes(current: dict[str, int], values: dict[str, str]) -> list[dict]:
    """Each competency whose requirement changes: added, removed or a different level."""
    found = []
    for competency in sorted(set(current) | {k for k, v in values.items() if v}):
        before, after = current.get(competency), values.get(competency) or None
        if before is not None and after is not None and str(before) == after:
            continue
        kind = "added" if before is None else "removed" if after is None else "changed"
        found.append({"competency": competency, "before": before, "after": after, "kind": kind})
    return found


@blp.get("/jabatan/<code>/standar/periksa")
@signed_in
@hr_page
def standard_check(code):
    """Periksa sebelum menyimpan: what changes, what stays, and what saving means."""
    values = session.get(_draft(code))
    if not values:
        return redirect(url_for(".edit_standard", code=code))
    page = _context(code)
    return render_template("hr/standard_check.html", values=values,
                           changes=changes(page["current"], values), **page)


def _level(typed: str):
    """A level as the service reads it: a number when it is one, else as typed (it refuses)."""
    return int(typed) if typed.isdigit() else typed


def _place(error: ApiError, sent: list[str]) -> dict[str, str]:
    """The refused fields: ``standard.<n>.required_level`` is the n-th competency sent."""
    found: dict[str, str] = {}
    for name, messages in ((error.problem.get("errors") or {}).get("json") or {}).items():
        if name != "standard" or not isinstance(messages, dict):
            found.setdefault("standard", t("hr.standard.error.count") if name == "standard"
                             else "; ".join(map(str, messages)))
            continue
        for index, problem in messages.items():
            competency = sent[int(index)] if str(index).isdigit() and int(index) < len(sent) \
                else None
            target = field_id(competency) if competency else "standard"
            found.setdefault(target, t("hr.standard.error.level"))
    if not found and error.problem.get("code"):
        found["standard"] = refusal(error, "hr.standard")
    return found


@blp.post("/jabatan/<code>/standar/simpan")
@signed_in
@hr_page
def standard_send(code):
    """Save the checked standard (PUT the position); a refusal shows the form with its messages."""
    values = session.get(_draft(code))
    if not values:
        return redirect(url_for(".edit_standard", code=code))
    page = _context(code)
    position = page["position"]
    sent = [c for c, v in values.items() if v]
    body = {"title": position["title"], "job_level": position["job_level"],
            "standard": [{"competency": c, "required_level": _level(values[c])} for c in sent]}
    try:
        api().send("assessment", "PUT", _path(code), body)
    except ApiError as error:
        if error.status != FIELD_REFUSED:
            raise
        return _form(page, values, _place(error, sent), error.status)
    session.pop(_draft(code), None)
    session[f"hr:standard:saved:{code}"] = changes(page["current"], values)
    return redirect(url_for(".standard_saved", code=code))


@blp.get("/jabatan/<code>/standar/disimpan")
@signed_in
@hr_page
def standard_saved(code):
    """Standar disimpan: the new standard, what changed, what happens next."""
    page = _context(code)
    return render_template("hr/standard_saved.html",
                           changes=session.get(f"hr:standard:saved:{code}") or [], **page)
