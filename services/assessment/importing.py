"""Employees imported from a CSV shaped like a SIASN export: every row is applied, or none.

Columns (others are ignored): NIP_BARU, NAMA, JABATAN_ID, JABATAN_NAMA, JENJANG_JABATAN, UNOR_ID,
UNOR_NAMA, UNOR_INDUK_ID, NIP_ATASAN. Comma or semicolon separated, UTF-8 (a BOM is fine).
New units and positions are registered (positions with their job level's default standard); new
NIPs are registered; known NIPs whose name, position, unit or supervisor differ are updated.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Mapping

from services.assessment import domain, organisation
from services.assessment.contract import EMPLOYEE_FIELDS
from services.assessment.domain_organisation import Employee
from services.assessment.import_format import COLUMNS, OPTIONAL, parse
from services.assessment.reference import job_levels
from services.assessment.wiring import Context
from shared.clock import agency_today
from shared.errors import Invalid
from shared.events.fields import CODE_PATTERN

__all__ = ["COLUMNS", "OPTIONAL", "RowError", "check", "check_import", "import_employees", "parse"]
_CODE = re.compile(CODE_PATTERN)
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")  # what PostgreSQL or UTF-8 cannot hold


@dataclass(frozen=True)
class RowError:
    """One problem in one row (row 2 is the first after the header), shown to HR as a report."""

    row: int
    column: str
    code: str
    message: str


def check(rows: list[dict], known, levels: Mapping | None = None,
          today: date | None = None) -> list[RowError]:
    """Every problem of every row; an empty list means the file can be applied as a whole.
    ``known``: what the registry holds (``store.Known``); ``levels``: the agency's job levels."""
    levels = job_levels() if levels is None else levels
    today = today or agency_today()
    in_file = _InFile({r["unit_code"]: r["parent_unit_code"] for r in rows if r["unit_code"]},
                      {r["nip"] for r in rows if r["nip"]})
    errors: list[RowError] = []
    first_row: dict = {}
    for n, row in enumerate(rows, start=2):
        problems = list(_value_problems(row, today))
        if row["nip"] in first_row:
            problems.append(("NIP_BARU", "duplicate_nip", f"also in row {first_row[row['nip']]}"))
        first_row.setdefault(row["nip"], n)
        problems += _reference_problems(row, known, levels, in_file)
        errors += [RowError(n, *problem) for problem in problems]
    supervisor_of = {nip: e["supervisor_nip"] for nip, e in known.employees.items()}
    supervisor_of.update({r["nip"]: r["supervisor_nip"] for r in rows if r["nip"]})
    return (errors + _cycle(rows, supervisor_of, "nip", "NIP_ATASAN", "reporting_cycle")
            + _cycle(rows, known.units | in_file.units, "unit_code", "UNOR_INDUK_ID", "unit_cycle"))


@dataclass
class _InFile:
    """What the file itself brings: its units (code -> parent), NIPs, positions' job levels."""

    units: dict
    nips: set
    positions: dict = field(default_factory=dict)


def _value_problems(row: dict, today: date):
    """(column, code, message) of each value missing, too long, not text, or not a NIP."""
    for column, name in COLUMNS.items():
        if row[name] is None and column not in OPTIONAL:
            yield column, "missing_value", "this column needs a value"
        elif row[name] and len(row[name]) > 200:
            yield column, "too_long", "at most 200 characters"
        elif row[name] and _NOT_TEXT.search(row[name]):
            yield column, "invalid_text", "no U+0000 or unpaired surrogate"
    for column, name in (("NIP_BARU", "nip"), ("NIP_ATASAN", "supervisor_nip")):
        problem = row[name] and domain.nip_problem(row[name], today)
        if problem:
            yield column, "invalid_nip", problem


def _reference_problems(row: dict, known, levels: Mapping, in_file: _InFile):
    """(column, code, message) of each code, job level, unit or supervisor that does not fit."""
    for column, name in (("JABATAN_ID", "position_code"), ("UNOR_ID", "unit_code"),
                         ("UNOR_INDUK_ID", "parent_unit_code")):
        if row[name] and not _CODE.match(row[name]):
            yield column, "invalid_code", "letters, digits, '.', '_' or '-', at most 40"
    level, code = row["job_level"], row["position_code"]
    if level and level not in levels:
        yield "JENJANG_JABATAN", "unknown_job_level", f"{level} is not a known job level"
    expected = known.positions.get(code) or in_file.positions.setdefault(code, level)
    if code and level and expected != level:
        yield "JENJANG_JABATAN", "inconsistent_position", f"{code} has job level {expected}"
    parent = row["parent_unit_code"]
    if parent and parent not in known.units and parent not in in_file.units:
        yield "UNOR_INDUK_ID", "unknown_unit", f"unit {parent} is neither registered nor in the file"
    if in_file.units.get(row["unit_code"]) != parent:
        yield "UNOR_INDUK_ID", "inconsistent_unit", "the same unit has another parent elsewhere"
    boss = row["supervisor_nip"]
    if boss and boss not in known.employees and boss not in in_file.nips:
        yield "NIP_ATASAN", "unknown_supervisor", f"{boss} is neither registered nor in the file"


def _cycle(rows: list[dict], parent_of: dict, field: str, column: str, code: str) -> list[RowError]:
    """One error per row on a circle of reporting lines (or of units' parents)."""
    cycle = domain.reporting_cycle(parent_of)
    if not cycle:
        return []
    row_of: dict = {}
    for n, r in enumerate(rows, start=2):
        row_of.setdefault(r[field], n)
    return [RowError(row_of.get(key, 0), column, code, f"goes round in a circle: {' -> '.join(cycle)}")
            for key in dict.fromkeys(cycle)]


def _depth(nip: str, supervisor_of: dict) -> int:
    depth = 0
    while (nip := supervisor_of.get(nip)) is not None:
        depth += 1
    return depth


def import_employees(context: Context, text: str) -> dict:
    """Check the whole file, then apply it in the caller's transaction; return what changed."""
    rows = parse(text)
    known = context.store.known()
    errors = check(rows, known, context.job_levels, context.today())
    if errors:
        raise Invalid("import_rejected", f"{len(errors)} problem(s); nothing was imported",
                      rows=[asdict(e) for e in errors])
    summary = {"rows": len(rows), "units": 0, "positions": 0, "registered": 0, "updated": 0,
               "unchanged": 0}
    parent_of = known.units | {r["unit_code"]: r["parent_unit_code"] for r in rows}
    for row in sorted(rows, key=lambda r: _depth(r["unit_code"], parent_of)):
        if row["unit_code"] not in known.units:
            organisation.register_unit(context, row["unit_code"], row["unit_name"], row["parent_unit_code"])
            known.units[row["unit_code"]] = row["parent_unit_code"]
            summary["units"] += 1
        if row["position_code"] not in known.positions:
            organisation.set_standard(context, row["position_code"], row["position_title"], row["job_level"])
            known.positions[row["position_code"]] = row["job_level"]
            summary["positions"] += 1
    supervisor_of = {nip: e["supervisor_nip"] for nip, e in known.employees.items()}
    supervisor_of.update({r["nip"]: r["supervisor_nip"] for r in rows})
    for row in sorted(rows, key=lambda r: _depth(r["nip"], supervisor_of)):
        summary[_apply_employee(context, row, known.employees.get(row["nip"]))] += 1
    return summary


def check_import(context: Context, text: str) -> dict:
    """The dry run: the same parser and checks as ``import_employees``, and what each row would
    do (``new``, ``changed`` naming the fields, ``unchanged``, or ``refused``); nothing is
    recorded. A file that cannot be read as CSV at all is refused as the import refuses it."""
    rows = parse(text)
    known = context.store.known()
    errors = check(rows, known, context.job_levels, context.today())
    refused = {e.row for e in errors}
    outcomes, counts = [], {"new": 0, "changed": 0, "unchanged": 0}
    for n, row in enumerate(rows, start=2):
        current = known.employees.get(row["nip"])
        changed = [f for f in EMPLOYEE_FIELDS if current is not None and row[f] != current[f]]
        outcome = ("refused" if n in refused else "new" if current is None
                   else "changed" if changed else "unchanged")
        if outcome in counts:
            counts[outcome] += 1
        outcomes.append({"row": n, "nip": row["nip"], "name": row["name"], "outcome": outcome,
                         "changed": changed if outcome == "changed" else []})
    accepted = not errors
    units = {r["unit_code"] for r in rows if r["unit_code"] and r["unit_code"] not in known.units}
    positions = {r["position_code"] for r in rows
                 if r["position_code"] and r["position_code"] not in known.positions}
    return {"rows": len(rows), "accepted": accepted,
            "units": len(units) if accepted else 0, "positions": len(positions) if accepted else 0,
            "registered": counts["new"] if accepted else 0,
            "updated": counts["changed"] if accepted else 0,
            "unchanged": counts["unchanged"] if accepted else 0,
            "outcomes": outcomes, "problems": [asdict(e) for e in errors]}


def _apply_employee(context: Context, row: dict, current: dict | None) -> str:
    state = {"nip": row["nip"], **{f: row[f] for f in EMPLOYEE_FIELDS}}
    recorded = organisation.record_employee(context, state, current and Employee(**current))
    return "registered" if current is None else "updated" if recorded else "unchanged"
