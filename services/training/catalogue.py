"""Commands on the programme catalogue: define (create or update), retire, seed, import from CSV.

Each records its events in the caller's transaction (stream ``programme-<code>``, subject = code).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass

import psycopg

from shared.envelope import Event, NewEvent
from shared.errors import Conflict, Invalid, NotFound
from shared.events.fields import CODE_PATTERN
from services.training.contract import FORMS, KINDS
from shared.service import record

FIELDS = ("title", "form", "kind", "jp", "competencies", "level_min", "level_max", "provider")
CODE_RE = re.compile(CODE_PATTERN)


def _service():
    from services.training.definition import SERVICE
    return SERVICE


def check_programme(data: dict) -> None:
    """Rules a schema cannot state: the kind belongs to the form, a sane level range, known codes."""
    if data["kind"] not in KINDS[data["form"]]:
        raise Invalid("kind_not_of_form", f"{data['kind']} is not a {data['form']} kind",
                      known=list(KINDS[data["form"]]))
    if data["level_min"] > data["level_max"]:
        raise Invalid("bad_level_range", "level_min must not be above level_max")
    if len(set(data["competencies"])) != len(data["competencies"]):
        raise Invalid("programme_duplicate_competency", "a competency is listed twice")


def programme(conn: psycopg.Connection, code: str) -> dict:
    row = conn.execute("SELECT * FROM programmes WHERE code = %s", (code,)).fetchone()
    if row is None:
        raise NotFound("unknown_programme", f"no programme {code}")
    return row


def define_programme(conn: psycopg.Connection, code: str, data: dict) -> Event | None:
    """Create a programme, or record its new state; None when nothing changes."""
    check_programme(data)
    row = conn.execute("SELECT * FROM programmes WHERE code = %s", (code,)).fetchone()
    state = {"code": code, **{f: data[f] for f in FIELDS}}
    if _outcome(row, state) == "unchanged":
        return None
    return record(conn, _service(), f"programme-{code}", row["revision"] if row else 0,
                  [NewEvent("training.ProgrammeDefined.v1", code, state)])[0]


def _outcome(row: dict | None, state: dict) -> str:
    """What defining ``state`` does to the programme now in ``row``: new, changed or unchanged."""
    if row is None:
        return "new"
    if row["status"] == "active" and all(
            (list(row[f]) if f == "competencies" else row[f]) == state[f] for f in FIELDS):
        return "unchanged"
    return "changed"


def retire_programme(conn: psycopg.Connection, code: str, reason: str) -> Event:
    """Take a programme out of the catalogue; open assignments to it stay as they are."""
    row = programme(conn, code)
    if row["status"] == "retired":
        raise Conflict("programme_retired", f"{code} is already retired")
    return record(conn, _service(), f"programme-{code}", row["revision"],
                  [NewEvent("training.ProgrammeRetired.v1", code, {"code": code, "reason": reason})])[0]


def seed_catalogue(conn: psycopg.Connection, programmes) -> int:
    """Define the seeded programmes the catalogue lacks; how many were added."""
    present = {r["code"] for r in conn.execute("SELECT code FROM programmes")}
    added = [p for p in programmes if p["code"] not in present]
    for data in added:
        define_programme(conn, data["code"], data)
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
    numbers = {}
    for column, low, high in (("jp", 1, 1000), ("level_min", 1, 5), ("level_max", 1, 5)):
        value = raw[column]
        if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
            bad(column, "out_of_range", f"a whole number from {low} to {high}")
        else:
            numbers[column] = int(value)
    if len(numbers) == 3 and numbers["level_min"] > numbers["level_max"]:
        bad("level_min", "bad_level_range", "level_min must not be above level_max")
    if errors:
        return errors, None
    return [], {"code": code, "title": {"id": raw["title_id"], "en": raw["title_en"]},
                "form": raw["form"], "kind": raw["kind"], "competencies": comps,
                "provider": raw["provider"], **numbers}


def parse(text: str) -> list[dict]:
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


def check_import(conn: psycopg.Connection, text: str) -> dict:
    """The dry run: the same parser and checks as ``import_programmes``, and what each row would
    do to the catalogue (new, changed, unchanged, refused); nothing is recorded. A file that
    cannot be read as CSV at all is refused the same way as by the import."""
    errors, programmes, named = _checked(text)
    codes = [data["code"] for _, data in programmes]
    rows = {r["code"]: r for r in conn.execute(
        "SELECT * FROM programmes WHERE code = ANY(%s)", (codes,))}
    outcomes, refused = [], {e.row for e in errors}
    for n, data in programmes:
        outcomes.append({"row": n, "code": data["code"], "outcome": _outcome(
            rows.get(data["code"]), {"code": data["code"], **{f: data[f] for f in FIELDS}})})
    for n in sorted(refused):
        outcomes.append({"row": n, "code": named[n], "outcome": "refused"})
    outcomes.sort(key=lambda o: o["row"])
    changed = sum(1 for o in outcomes if o["outcome"] in ("new", "changed"))
    return {"rows": len(named), "defined": 0 if errors else changed,
            "unchanged": 0 if errors else sum(1 for o in outcomes if o["outcome"] == "unchanged"),
            "accepted": not errors, "outcomes": outcomes, "problems": [asdict(e) for e in errors]}


def import_programmes(conn: psycopg.Connection, text: str) -> dict:
    """Check every row, then define them all in the caller's transaction, or refuse the whole file."""
    errors, checked, _ = _checked(text)
    programmes = [data for _, data in checked]
    if errors:
        raise Invalid("import_rejected", f"{len(errors)} problem(s); nothing was imported",
                      rows=[asdict(e) for e in errors])
    summary = {"rows": len(programmes), "defined": 0, "unchanged": 0}
    for data in programmes:
        changed = define_programme(conn, data["code"], data)
        summary["defined" if changed else "unchanged"] += 1
    return summary

