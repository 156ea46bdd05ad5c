"""Ubah standar jabatan: HR sets a position's title, its job level and the level it requires of
each competency of the dictionary (a level adds it to the standard, "not in the standard" removes
it), checks what changes, then the assessment service replaces them (``PUT /positions/<code>``).
Every rule (known competencies and job levels, levels 1 to 5, at least one) is the service's; its
refusals come back at their fields with the typing kept.

The edit carries the position's revision as first read (``expected_revision``): if someone saved
the position in between, the service refuses (409 standard_changed) and the page shows the
standard as it now is, so that HR starts again from it instead of silently undoing the other
change."""
from __future__ import annotations

from urllib.parse import quote

from flask import redirect, render_template, request, session, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, localised, refusal
from services.portal.views.hr.common import blp, hr_page
from tools.apiclient import ApiError

KINDS = ("managerial", "sociocultural", "technical")
CHANGED = ("standard_changed", "conflict")  # saved by someone else since read, or at the same time
POSITION_FIELDS = ("title", "job_level")


def _path(code: str) -> str:
    return f"/positions/{quote(code, safe='')}"


def _key(code: str) -> str:
    return f"hr:standard:{code}"


def _draft(code: str) -> dict | None:
    """The choices kept between the steps: title, job level, the revision read and the levels."""
    draft = session.get(_key(code))
    return draft if isinstance(draft, dict) and "levels" in draft else None


def field_id(competency: str) -> str:
    """The form field of a competency (an id without dots, so that a link can reach it)."""
    return "level-" + competency.replace(".", "-")


def _context(code: str) -> dict:
    position, competencies, levels = api().read_many([
        ("assessment", _path(code)), ("assessment", "/competencies"),
        ("assessment", "/job-levels")])
    order = {kind: n for n, kind in enumerate(KINDS)}
    competencies = sorted(competencies, key=lambda c: (order.get(c["kind"], len(KINDS)), c["code"]))
    names = {lv["code"]: lv["name"] for lv in levels}
    return {"position": position, "competencies": competencies, "localised": localised,
            "job_levels": levels, "level_names": names,
            "level_name": names.get(position["job_level"], position["job_level"]),
            "current": {r["competency"]: r["required_level"] for r in position["standard"]},
            "field_id": field_id}


def _as_read(page: dict) -> dict:
    """A fresh draft: the position as it is now, at its revision."""
    position = page["position"]
    return {"title": position["title"], "job_level": position["job_level"],
            "revision": str(position["revision"]),
            "levels": {k: str(v) for k, v in page["current"].items()}}


def _typed(page: dict) -> dict:
    """What the form holds; a level "" is "not in the standard". A field it did not send at all
    keeps the position's value as read now (the page always sends every one)."""
    form, read = request.form, _as_read(page)
    draft = {name: form.get(name, read[name]).strip() for name in ("title", "job_level", "revision")}
    draft["levels"] = {c["code"]: form.get(field_id(c["code"]), "").strip()
                       for c in page["competencies"]}
    return draft


def _form(page: dict, draft: dict, errors: dict, status: int = 200, refused=None):
    return render_template("hr/standard_form.html", draft=draft, values=draft["levels"],
                           errors=errors, refused=refused, **page), status


def _missing(draft: dict) -> dict[str, str]:
    """What the service would refuse too, said here first: no title, no competency."""
    errors = {}
    if not draft["title"]:
        errors["title"] = t("hr.standard.error.title")
    if not any(draft["levels"].values()):
        errors["standard"] = t("hr.standard.error.empty")
    return errors


@blp.route("/jabatan/<code>/standar", methods=["GET", "POST"])
@signed_in
@hr_page
def edit_standard(code):
    """The title, the job level and the dictionary's competencies, each with the level required
    (or none); then the check. The revision read rides along in a hidden field."""
    page = _context(code)
    if request.method == "GET":
        return _form(page, _draft(code) or _as_read(page), {})[0]
    draft = _typed(page)
    errors = _missing(draft)
    if errors:
        return _form(page, draft, errors, 422)
    session[_key(code)] = draft
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


def renamed(position: dict, draft: dict) -> list[str]:
    """Which of the position's title and job level the draft changes."""
    return [name for name in POSITION_FIELDS if draft[name] != position[name]]


@blp.get("/jabatan/<code>/standar/periksa")
@signed_in
@hr_page
def standard_check(code):
    """Periksa sebelum menyimpan: what changes, what stays, and what saving means."""
    draft = _draft(code)
    if not draft:
        return redirect(url_for(".edit_standard", code=code))
    page = _context(code)
    return render_template("hr/standard_check.html", draft=draft, values=draft["levels"],
                           changes=changes(page["current"], draft["levels"]),
                           renamed=renamed(page["position"], draft), **page)


def _number(typed: str):
    """A number as the service reads it: one when it is one, else as typed (it refuses)."""
    return int(typed) if typed.isdigit() else typed


def _place(error: ApiError, sent: list[str]) -> dict[str, str]:
    """The refused fields: ``standard.<n>.required_level`` is the n-th competency sent."""
    found: dict[str, str] = {}
    for name, messages in ((error.problem.get("errors") or {}).get("json") or {}).items():
        if name in POSITION_FIELDS:
            found.setdefault(name, t(f"hr.standard.error.{name}"))
        elif name == "standard" and isinstance(messages, dict):
            for index in messages:
                competency = sent[int(index)] if str(index).isdigit() and int(index) < len(sent) \
                    else None
                found.setdefault(field_id(competency) if competency else "standard",
                                 t("hr.standard.error.level"))
        else:  # the number of competencies; a revision no form of this page sends
            found.setdefault("standard", t("hr.standard.error.count") if name == "standard"
                             else t("hr.standard.error.revision") if name == "expected_revision"
                             else "; ".join(map(str, messages)))
    if not found and error.code == "unknown_job_level":
        found["job_level"] = refusal(error, "hr.standard")
    elif not found and error.code:
        found["standard"] = refusal(error, "hr.standard")
    return found


def _body(draft: dict, sent: list[str]) -> dict:
    return {"title": draft["title"], "job_level": draft["job_level"],
            "standard": [{"competency": c, "required_level": _number(draft["levels"][c])}
                         for c in sent],
            "expected_revision": _number(draft["revision"])}


@blp.post("/jabatan/<code>/standar/simpan")
@signed_in
@hr_page
def standard_send(code):
    """Save the checked standard (PUT the position); a refusal shows the form with its messages,
    a save made meanwhile by someone else the page that says so."""
    draft = _draft(code)
    if not draft:
        return redirect(url_for(".edit_standard", code=code))
    page = _context(code)
    sent = [c for c, v in draft["levels"].items() if v]
    try:
        api().send("assessment", "PUT", _path(code), _body(draft, sent))
    except ApiError as error:
        if error.status == 409 and error.code in CHANGED:
            return _changed(code, draft)
        if error.status != FIELD_REFUSED:
            raise
        return _form(page, draft, _place(error, sent), error.status)
    session.pop(_key(code), None)
    session[f"hr:standard:saved:{code}"] = {"changes": changes(page["current"], draft["levels"]),
                                            "renamed": renamed(page["position"], draft)}
    return redirect(url_for(".standard_saved", code=code))


def _changed(code: str, draft: dict):
    """Someone saved the position since this draft read it: the standard as it is now, the
    choices that were not saved, and a way to start again from it (the draft is dropped)."""
    session.pop(_key(code), None)
    page = _context(code)
    return render_template("hr/standard_changed.html", draft=draft, values=draft["levels"],
                           **page), 409


@blp.get("/jabatan/<code>/standar/disimpan")
@signed_in
@hr_page
def standard_saved(code):
    """Standar disimpan: the new standard, what changed, what happens next."""
    page = _context(code)
    saved = session.get(f"hr:standard:saved:{code}")
    saved = saved if isinstance(saved, dict) else {}
    return render_template("hr/standard_saved.html", changes=saved.get("changes") or [],
                           renamed=saved.get("renamed") or [], **page)
