"""Pegawai: HR finds employees (a part of the name or an NIP, a unit, a position; a GET form that
htmx makes quicker, paged as the API pages) and reads one employee's page: identity, unit,
position, supervisor and direct reports (links), the history of their record and their
assessments per period. Jabatan dan standar: the positions with their competency standard, and
the competency dictionary. Every fact is the assessment API's; the portal only puts it in words."""
from __future__ import annotations

from flask import g, render_template, request

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import localised
from services.portal.views.hr.common import blp, hr_page
from tools.apiclient import ApiError
from shared.auth import AUDITOR

PAGE_SIZE = 20


def _names(items: list[dict], key: str = "code", value: str = "name") -> dict[str, str]:
    return {i[key]: i[value] for i in items}


def _search_criteria() -> tuple[dict, dict[str, str]]:
    """What the form asks for, and the errors at its fields (the API's own limits, said first
    here so that a person is not sent to an error page for one letter)."""
    text = request.args.get("cari", "").strip()
    chosen = {"cari": text, "unit": request.args.get("unit", "").strip(),
              "jabatan": request.args.get("jabatan", "").strip()}
    errors = {}
    if text.isdigit() and len(text) != 18:
        errors["cari"] = t("hr.search.error.nip")
    elif text and not text.isdigit() and len(text) < 2:
        errors["cari"] = t("hr.search.error.short")
    return chosen, errors


def _page_number() -> int:
    value = request.args.get("halaman", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1


def _found(chosen: dict, number: int) -> tuple[list[dict], dict]:
    """The employees the API lists for the criteria (an NIP: that one, when it exists)."""
    if chosen["cari"].isdigit():
        try:
            one = api().get("assessment", f"/employees/{chosen['cari']}")
        except ApiError as error:
            if error.status not in (404, 422):
                raise
            return [], {"total": 0}
        return [one], {"total": 1}
    params = {"name": chosen["cari"] or None, "unit": chosen["unit"] or None,
              "position": chosen["jabatan"] or None}
    return api().get_page("assessment", "/employees", page=number, page_size=PAGE_SIZE, **params)


@blp.get("/pegawai")
@signed_in
@hr_page
def employees():
    """Cari pegawai: the form and, below it, who matches; htmx swaps only the list."""
    chosen, errors = _search_criteria()
    number = _page_number()
    units, positions = api().read_many([("assessment", "/units"), ("assessment", "/positions")])
    rows, paging = ([], {"total": 0}) if errors else _found(chosen, number)
    page = {"chosen": chosen, "errors": errors, "rows": rows, "paging": paging, "number": number,
            "units": units, "positions": positions, "unit_names": _names(units),
            "position_titles": _names(positions, value="title")}
    if request.headers.get("HX-Request") == "true":
        return render_template("hr/_employees.html", **page)
    return render_template("hr/employees.html", **page)


@blp.get("/pegawai/<nip>")
@signed_in
@hr_page
def employee(nip):
    """One employee: who they are, where, under whom and over whom, how their record changed,
    and their assessments per period (with the printable form)."""
    person, history, reports, assessments, periods, units, positions = api().read_many([
        ("assessment", f"/employees/{nip}"), ("assessment", f"/employees/{nip}/history"),
        ("assessment", f"/employees?supervisor={nip}", True),
        ("assessment", f"/assessments?nip={nip}", True), ("assessment", "/periods"),
        ("assessment", "/units"), ("assessment", "/positions")])
    bosses = sorted({h["supervisor_nip"] for h in history if h["supervisor_nip"]})
    known = api().read_many([("assessment", f"/employees/{b}") for b in bosses],
                            absent=lambda error: error.status == 404)
    boss_names = {b: k["name"] for b, k in zip(bosses, known) if k}
    given = {(a["period_id"], a["role"]): a for a in assessments}
    shown = [p for p in periods if p["status"] == "open"
             or any(pid == p["period_id"] for pid, _ in given)]
    return render_template(
        "hr/employee.html", employee=person, history=list(reversed(history)), reports=reports,
        periods=shown, given=given, unit_names=_names(units), parent_of=_names(
            units, value="parent_code"), position_titles=_names(positions, value="title"),
        boss_names=boss_names, auditor=AUDITOR in g.person.roles)


@blp.get("/jabatan")
@signed_in
@hr_page
def positions():
    """Jabatan dan standar: each position, its job level and the level it requires of every
    competency of its standard."""
    found, competencies, levels = api().read_many([
        ("assessment", "/positions"), ("assessment", "/competencies"),
        ("assessment", "/job-levels")])
    return render_template("hr/positions.html", positions=sorted(found, key=lambda p: p["code"]),
                           competency_names={c["code"]: localised(c["name"]) for c in competencies},
                           level_names=_names(levels))


@blp.get("/kamus-kompetensi")
@signed_in
@hr_page
def dictionary():
    """Kamus kompetensi: managerial, socio-cultural and the agency's technical competencies,
    each with its definition and its five levels with their behaviour indicators."""
    found = api().get("assessment", "/competencies")
    kinds = ("managerial", "sociocultural", "technical")
    grouped = {kind: [c for c in found if c["kind"] == kind] for kind in kinds}
    others = [c for c in found if c["kind"] not in kinds]
    if others:
        grouped["other"] = others
    return render_template("hr/dictionary.html", grouped=grouped, localised=localised)
