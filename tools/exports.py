"""Spreadsheets HR opens: a table (labelled columns, rows) written as XLSX or CSV (the tables
themselves are built in tools/export_tables.py). Headers are in Bahasa Indonesia, or English with
``lang="en"``. XLSX gets a bold, frozen header row and fitted column widths; CSV is UTF-8 with a
BOM, which is what makes Excel read the accents right.

Names and texts are whatever was registered, so a cell never becomes a formula: in XLSX every text
is a string cell (openpyxl would store one beginning with ``=`` as a live formula), marked
quote-prefixed so an edit in Excel keeps it text; in CSV a text beginning with =, +, -, @, a tab or
a carriage return gets a leading ``'`` (OWASP's advice against CSV injection).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

FORMATS = ("xlsx", "csv")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LANGUAGES = ("id", "en")

@dataclass(frozen=True)
class Column:
    key: str
    id: str
    en: str

    def header(self, lang: str) -> str:
        """The column's header in ``lang``: English for ``en``, else Bahasa Indonesia."""
        return self.en if lang == "en" else self.id


@dataclass
class Table:
    """Rows (dicts keyed by column key) under labelled columns; ``sheet`` names the XLSX sheet."""

    sheet: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)

    def headers(self, lang: str = "id") -> list[str]:
        """The column headers in ``lang``."""
        return [c.header(lang) for c in self.columns]

    def values(self) -> list[list]:
        """The rows' cells, in column order."""
        return [[row.get(c.key) for c in self.columns] for row in self.rows]


def write(table: Table, path: Path, fmt: str, lang: str = "id") -> Path:
    """Write ``table`` as ``fmt`` (xlsx or csv) to ``path``."""
    (write_xlsx if fmt == "xlsx" else write_csv)(table, path, lang)
    return path


def as_text(value):
    """A CSV cell a spreadsheet will not run: a text that could start a formula gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def xlsx_bytes(table: Table, lang: str = "id") -> bytes:
    """The XLSX file's bytes, for a download: the same cells as write_xlsx."""
    buffer = io.BytesIO()
    write_xlsx(table, buffer, lang)
    return buffer.getvalue()


def write_csv(table: Table, path: Path, lang: str = "id") -> None:
    """Write ``table`` to ``path`` as CSV: UTF-8 with a BOM, formula-like texts as text."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        write_rows(table, f, lang)


def csv_bytes(table: Table, lang: str = "id") -> bytes:
    """The CSV file's bytes (UTF-8 with a BOM), for a download: the same cells as write_csv."""
    text = io.StringIO(newline="")
    write_rows(table, text, lang)
    return text.getvalue().encode("utf-8-sig")


def write_rows(table: Table, stream, lang: str = "id") -> None:
    """The header and every row to ``stream``, each text that could start a formula as text."""
    writer = csv.writer(stream)
    writer.writerow([as_text(h) for h in table.headers(lang)])
    writer.writerows([as_text(v) for v in row] for row in table.values())


def write_xlsx(table: Table, path: Path, lang: str = "id") -> None:
    """Write ``table`` as XLSX: a bold, frozen header row, texts never formulas, fitted widths."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.sheet[:31]
    sheet.append(table.headers(lang))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in table.values():
        sheet.append(values)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it begins with "=" (not a formula)
                cell.quotePrefix = cell.value.startswith(FORMULA_STARTS)
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(c.value)) for c in column if c.value is not None)
        sheet.column_dimensions[column[0].column_letter].width = min(width + 2, 60)
    book.save(path)
