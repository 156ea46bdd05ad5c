"""The employee import's file, shaped like a SIASN export: its columns and how it is read.

Columns (others are ignored): NIP_BARU, NAMA, JABATAN_ID, JABATAN_NAMA, JENJANG_JABATAN, UNOR_ID,
UNOR_NAMA, UNOR_INDUK_ID, NIP_ATASAN. Comma or semicolon separated, UTF-8 (a BOM is fine).

Public: the service's importer and the tools that prepare such a file both read it from here; it
imports nothing of the service's internals.
"""
from __future__ import annotations

import csv
import io

from shared.errors import Invalid

COLUMNS = {"NIP_BARU": "nip", "NAMA": "name", "JABATAN_ID": "position_code",
           "JABATAN_NAMA": "position_title", "JENJANG_JABATAN": "job_level", "UNOR_ID": "unit_code",
           "UNOR_NAMA": "unit_name", "UNOR_INDUK_ID": "parent_unit_code",
           "NIP_ATASAN": "supervisor_nip"}
OPTIONAL = ("UNOR_INDUK_ID", "NIP_ATASAN")
MAX_ROWS = 50_000


def parse(text: str) -> list[dict]:
    """The rows as dicts keyed by our field names; refuse a file without the needed columns."""
    text = text.lstrip("\ufeff")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().upper() for h in reader.fieldnames or []]
    except csv.Error as exc:
        raise Invalid("import_rejected", f"not a CSV file: {exc}") from None
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL]
    if missing:
        raise Invalid("import_rejected", f"missing columns: {', '.join(missing)}", missing=missing)
    reader.fieldnames = header
    try:
        rows = [{COLUMNS[k]: (v or "").strip() or None for k, v in raw.items() if k in COLUMNS}
                for raw in reader]
    except csv.Error as exc:  # e.g. a quote left open
        raise Invalid("import_rejected", f"not a CSV file: {exc}") from None
    if not rows:
        raise Invalid("import_rejected", "the file has no rows")
    if len(rows) > MAX_ROWS:
        raise Invalid("import_rejected", f"at most {MAX_ROWS} rows per import")
    return [{field: row.get(field) for field in COLUMNS.values()} for row in rows]
