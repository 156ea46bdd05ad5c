"""The plan's form without scripts: a row per RHK (those in the plan, then blank ones), each with
its indicators and a blank one; the rows read back into the API's body. Which fields are given is
checked here so that the form can say so beside them; every rule is the service's."""
from __future__ import annotations

from typing import Mapping

INDICATOR_FIELDS = ("text", "quantity", "quality", "time", "target", "unit")
BLANK_ROWS = 1


def rows_of(results: list[dict], extra: int = BLANK_ROWS) -> list[dict]:
    """The form's rows from the plan's RHK: each with its indicators and a blank one, then
    ``extra`` blank rows."""
    rows = [{"rhk": r["rhk"], "text": r["text"], "main": r["main"],
             "supports": r.get("supports"),
             "indicators": [_shown(i) for i in r["indicators"]] + [_blank()]} for r in results]
    return rows + [{"rhk": None, "text": "", "main": False, "supports": None,
                    "indicators": [_blank()]} for _ in range(extra)]


def _shown(indicator: dict) -> dict:
    target = indicator.get("target")
    shown = {k: indicator.get(k) or "" for k in INDICATOR_FIELDS}
    shown["target"] = "" if target is None else f"{target:g}"
    return shown


def _blank() -> dict:
    return {k: "" for k in INDICATOR_FIELDS}


def read_rows(form: Mapping[str, str]) -> list[dict]:
    """The rows as typed (``r<n>_...``, ``r<n>_i<m>_...``), in order."""
    rows, n = [], 0
    while f"r{n}_text" in form:
        indicators, m = [], 0
        while f"r{n}_i{m}_text" in form:
            indicators.append({k: form.get(f"r{n}_i{m}_{k}", "").strip()
                               for k in INDICATOR_FIELDS})
            m += 1
        rows.append({"rhk": form.get(f"r{n}_rhk") or None,
                     "text": form.get(f"r{n}_text", "").strip(),
                     "main": form.get(f"r{n}_main") == "on",
                     "supports": form.get(f"r{n}_supports") or None,
                     "indicators": indicators})
        n += 1
    return rows


def _filled(row: dict) -> bool:
    return bool(row["text"] or any(i["text"] for i in row["indicators"]))


def check_rows(rows: list[dict]) -> dict[str, str]:
    """Field id -> message key for each RHK without its text or without an indicator, and
    for each target that is not a number; none filled at all is one message."""
    errors: dict[str, str] = {}
    for n, row in enumerate(rows):
        if not _filled(row):
            continue
        if not row["text"]:
            errors[f"r{n}_text"] = "plan.error.rhk_text"
        if not any(i["text"] for i in row["indicators"]):
            errors[f"r{n}_i0_text"] = "plan.error.indicator"
        for m, indicator in enumerate(row["indicators"]):
            if indicator["target"] and _number(indicator["target"]) is None:
                errors[f"r{n}_i{m}_target"] = "plan.error.target"
    if not any(_filled(row) for row in rows):
        errors["r0_text"] = "plan.error.none"
    return errors


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def body_of(rows: list[dict]) -> list[dict]:
    """The API's ``results`` from the filled rows (blank rows and indicators left out)."""
    return [{"rhk": int(row["rhk"]) if row["rhk"] else None, "text": row["text"],
             "main": row["main"], "supports": int(row["supports"]) if row["supports"] else None,
             "indicators": [{"text": i["text"], "quantity": i["quantity"],
                             "quality": i["quality"], "time": i["time"],
                             "target": _number(i["target"]) if i["target"] else None,
                             "unit": i["unit"] or None}
                            for i in row["indicators"] if i["text"]]}
            for row in rows if _filled(row)]


def with_blanks(rows: list[dict], extra: int) -> list[dict]:
    """The typed rows again, each with a blank indicator, and ``extra`` blank rows (the form
    shown again after a refusal or when more rows are asked for)."""
    shown = [{**row, "indicators": [i for i in row["indicators"] if any(i.values())] + [_blank()]}
             for row in rows if _filled(row)]
    return shown + rows_of([], extra if shown else max(extra, 1))
