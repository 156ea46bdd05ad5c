"""Commands on the programme catalogue: define (create or update), retire, seed, import from CSV.

Load (through the store) -> decide (``domain_catalogue``) -> record, in the caller's transaction
(stream ``programme-<code>``, subject = the code).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass

from services.training import domain_catalogue as decide
from services.training.contract import FORMS, KINDS
from services.training.store import Store
from services.training.wiring import Context, record
from shared.envelope import Event
from shared.errors import Invalid
from shared.events.fields import CODE_PATTERN
from shared.recording import Recorder

CODE_RE = re.compile(CODE_PATTERN)


def define_programme(ctx: Context, code: str, data: dict) -> Event | None:
    """Create a programme, or record its new state; None when nothing changes."""
    current = ctx.store.programme_states([code]).get(code)
    decision = decide.define(code, data, current)
    return decision and ctx.record(decision, current["revision"] if current else 0)


def retire_programme(ctx: Context, code: str, reason: str) -> Event:
    """Take a programme out of the catalogue; open assignments to it stay as they are."""
    current = ctx.store.programme_states([code]).get(code)
    decision = decide.retire(code, reason, current)
    return ctx.record(decision, current["revision"])


def seed_catalogue(store: Store, recorder: Recorder, programmes) -> int:
    """Define the seeded programmes the catalogue lacks; how many were added."""
    present = store.programme_states()
    added = [p for p in programmes if p["code"] not in present]
    for data in added:
        record(recorder, decide.define(data["code"], data, None))
    return len(added)


# --- CSV import ---------------------------------------------------------------------------
COLUMNS = ("code", "title_id", "title_en", "form", "kind", "jp", "competencies", "level_min",
           "level_max", "provider")
MAX_ROWS = 5000


@dataclass(frozen=True)
class RowError:
    """One problem in one row (row 2 is the first after the header)."""

    row: int
    column: str
    code: str
    message: str


def _row_errors(n: int, raw: dict, seen: dict) -> tuple[list[RowError], dict | None]:
    errors = []

    def bad(column, code, message):
        errors.append(RowError(n, column, code, message))
    for column in COLUMNS:
        if not raw.get(column):
            bad(column, "missing_value", "this column needs a value")
        elif len(raw[column]) > 400:
            bad(column, "too_long", "at most 400 characters")
    if errors:
        return errors, None
    code, comps = raw["code"], [c.strip() for c in raw["competencies"].split("|") if c.strip()]
    if not CODE_RE.match(code):
        bad("code", "invalid_code", "letters, digits, '.', '_' or '-', at most 40")
    if code in seen:
        bad("code", "duplicate_code", f"also in row {seen[code]}")
    seen.setdefault(code, n)
    if not comps or len(comps) > 20 or not all(CODE_RE.match(c) for c in comps):
        bad("competencies", "invalid_code", "1 to 20 competency codes separated by '|'")
    if raw["form"] not in FORMS:
        bad("form", "unknown_form", f"one of {', '.join(FORMS)}")
    elif raw["kind"] not in KINDS[raw["form"]]:
        bad("kind", "kind_not_of_form", f"{raw['kind']} is not a {raw['form']} kind")
    numbers = _numbers(raw, bad)
    if errors:
        return errors, None
    return [], {"code": code, "title": {"id": raw["title_id"], "en": raw["title_en"]},
                "form": raw["form"], "kind": raw["kind"], "competencies": comps,
                "provider": raw["provider"], **numbers}


def _numbers(raw: dict, bad) -> dict[str, int]:
    """The row's JP and level range as numbers, each one that is not reported to ``bad``."""
    numbers = {}
    for column, low, high in (("jp", 1, 1000), ("level_min", 1, 5), ("level_max", 1, 5)):
        value = raw[column]
        if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
            bad(column, "out_of_range", f"a whole number from {low} to {high}")
        else:
            numbers[column] = int(value)
    if len(numbers) == 3 and numbers["level_min"] > numbers["level_max"]:
        bad("level_min", "bad_level_range", "level_min must not be above level_max")
    return numbers


def parse(text: str) -> list[dict]:
    """The CSV file's rows (comma or semicolon separated), or the whole file refused."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ",")
    try:
        header = [h.strip().lower() for h in reader.fieldnames or []]
    except csv.Error as exc:
        raise Invalid("import_rejected", f"not a CSV file: {exc}") from None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise Invalid("import_rejected", f"missing columns: {', '.join(missing)}", missing=missing)
    reader.fieldnames = header
    try:
        rows = [{k: (v or "").strip() for k, v in raw.items() if k in COLUMNS} for raw in reader]
    except csv.Error as exc:  # e.g. a quote left open
        raise Invalid("import_rejected", f"not a CSV file: {exc}") from None
    if not rows:
        raise Invalid("import_rejected", "the file has no rows")
    if len(rows) > MAX_ROWS:
        raise Invalid("import_rejected", f"at most {MAX_ROWS} rows per import")
    return rows


def _checked(text: str) -> tuple[list[RowError], list[tuple[int, dict]], dict[int, str]]:
    """Every row's problems, the programmes of the rows that have none (with their row), and the
    code each row names as written."""
    errors, programmes, seen, named = [], [], {}, {}
    for n, raw in enumerate(parse(text), start=2):
        named[n] = raw.get("code") or ""
        row_errors, data = _row_errors(n, raw, seen)
        errors += row_errors
        if data:
            programmes.append((n, data))
    return errors, programmes, named


def check_import(store: Store, text: str) -> dict:
    """The dry run: the same parser and checks as ``import_programmes``, and what each row would
    do to the catalogue (new, changed, unchanged, refused); nothing is recorded. A file that
    cannot be read as CSV at all is refused the same way as by the import."""
    errors, programmes, named = _checked(text)
    codes = [data["code"] for _, data in programmes]
    rows = store.programme_states(codes)
    outcomes, refused = [], {e.row for e in errors}
    for n, data in programmes:
        outcomes.append({"row": n, "code": data["code"], "outcome": decide.outcome(
            rows.get(data["code"]), {"code": data["code"], **{f: data[f] for f in decide.FIELDS}})})
    for n in sorted(refused):
        outcomes.append({"row": n, "code": named[n], "outcome": "refused"})
    outcomes.sort(key=lambda o: o["row"])
    changed = sum(1 for o in outcomes if o["outcome"] in ("new", "changed"))
    return {"rows": len(named), "defined": 0 if errors else changed,
            "unchanged": 0 if errors else sum(1 for o in outcomes if o["outcome"] == "unchanged"),
            "accepted": not errors, "outcomes": outcomes, "problems": [asdict(e) for e in errors]}


def import_programmes(ctx: Context, text: str) -> dict:
    """Check every row, then define them all in the caller's transaction, or refuse the whole file."""
    errors, checked, _ = _checked(text)
    programmes = [data for _, data in checked]
    if errors:
        raise Invalid("import_rejected", f"{len(errors)} problem(s); nothing was imported",
                      rows=[asdict(e) for e in errors])
    summary = {"rows": len(programmes), "defined": 0, "unchanged": 0}
    for data in programmes:
        changed = define_programme(ctx, data["code"], data)
        summary["defined" if changed else "unchanged"] += 1
    return summary

