"""``asn export``: a unit's assessment results, or its training compliance list, as XLSX or CSV,
built from the services' public APIs (tools/exports.py makes the tables); and the SIASN exports
(tools/siasn.py) as JSON, XLSX or CSV."""
from __future__ import annotations

import sys
from pathlib import Path

from tools import export_tables, exports, siasn
from tools.cli import output
from tools.cli.api import client, options
from shared.config import Settings


def _target(args, default: str) -> Path:
    return args.output or Path(f"{default}.{args.format}")


def cmd_results(args, settings: Settings) -> int:
    """Write a unit's assessment results for a period, one row per employee."""
    api = client(args, settings, "assessment")
    progress = api.get_all(f"/periods/{args.period}/progress", unit=args.unit)
    units = sorted({p["unit_code"] for p in progress})
    employees = [e for u in units for e in api.get_all("/employees", unit=u)]
    assessments = [a for u in units
                   for a in api.get_all("/assessments", period=args.period, unit=u)]
    table = export_tables.results_table(progress, employees, assessments, args.lang)
    return _write(args, table, f"hasil-{args.unit}-{args.period}")


def cmd_compliance(args, settings: Settings) -> int:
    """Write a unit's training compliance for a year, after printing how many are compliant."""
    api = client(args, settings, "training")
    compliance = api.get(f"/units/{args.unit}/compliance", year=args.year)
    units = sorted({u["unit_code"] for u in compliance["under"]})
    assignments = [a for u in units for a in api.get_all("/assignments", unit=u, year=args.year)]
    print(output.say("compliance", args.lang, unit=args.unit, year=args.year,
                     compliant=compliance["compliant"], employees=compliance["employees"],
                     minimum=compliance["minimum_jp"]))
    table = export_tables.compliance_table(compliance, assignments, args.lang)
    return _write(args, table, f"kepatuhan-jp-{args.unit}-{args.year}")


def _readers(args, settings: Settings):
    """``get`` and ``get_all`` as tools/siasn.py calls them: (service, path, **query)."""
    clients = {s: client(args, settings, s) for s in ("assessment", "training")}
    return (lambda service, path, **q: clients[service].get(path, **q),
            lambda service, path, **q: clients[service].get_all(path, **q))


def cmd_siasn_kinerja(args, settings: Settings) -> int:
    """Write a period's periodic performance in SIASN's kinerjaperiodik fields."""
    codes = siasn.load_codes(settings.data_file("siasn_codes", siasn.CODES_FILE))
    try:
        rows = siasn.read_kinerja(*_readers(args, settings), args.period, args.unit, codes)
    except LookupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return _write_siasn(args, "kinerjaperiodik", siasn.KINERJA_FIELDS, rows,
                        f"siasn-kinerja-{args.unit or 'instansi'}-{args.period}")


def cmd_siasn_kursus(args, settings: Settings) -> int:
    """Write a year's completed training in SIASN's kursus fields."""
    rows = siasn.read_kursus(*_readers(args, settings), args.unit, args.year)
    return _write_siasn(args, "kursus", siasn.KURSUS_FIELDS, rows,
                        f"siasn-kursus-{args.unit}-{args.year}")


def _write_siasn(args, sheet: str, fields: tuple, rows: list[dict], default: str) -> int:
    if args.format != "json":
        return _write(args, siasn.table(sheet, fields, rows), default)
    path = _target(args, default)
    path.write_bytes(siasn.json_bytes(rows))
    print(output.say("exported", args.lang, rows=len(rows), path=path))
    return 0


def _write(args, table: exports.Table, default: str) -> int:
    path = exports.write(table, _target(args, default), args.format, args.lang)
    print(output.say("exported", args.lang, rows=len(table.rows), path=path))
    return 0


def register(add) -> None:
    """The subcommands ``export results``, ``compliance``, ``siasn-kinerja`` and ``siasn-kursus``."""
    common = options()
    e = add("export", None, "export a unit's results or training compliance to XLSX or CSV",
            "asn export results --unit BKPSDM --period 2026-Q1 -o hasil.xlsx")
    kinds = e.add_subparsers(dest="kind", required=True, metavar="KIND")
    r = add("results", cmd_results, "a unit's assessment results, one row per employee",
            "asn export results --unit BKPSDM --period 2026-Q1 --format csv --lang en",
            sub=kinds, parents=[common], description=(
                "One row per employee of the unit and the units below it: NIP, name, position,"
                " how far the self and supervisor assessments are, the predikat, and per"
                " competency the self and supervisor levels beside the required level."))
    r.add_argument("--period", required=True, metavar="PERIOD_ID", help="e.g. 2026-Q1")
    c = add("compliance", cmd_compliance, "a unit's employees under the yearly 20 JP target",
            "asn export compliance --unit BKPSDM --year 2026 -o kepatuhan.xlsx",
            sub=kinds, parents=[common], description=(
                "The employees of the unit and the units below it with fewer JP (training hours)"
                " completed in the year than the target, their shortfall and the training"
                " assigned to them; prints how many meet the target."))
    c.add_argument("--year", required=True, type=int)
    k = add("siasn-kinerja", cmd_siasn_kinerja, "a period's results in SIASN's kinerjaperiodik fields",
            "asn export siasn-kinerja --period 2026-Q1 --unit BKPSDM -o kinerja.json",
            sub=kinds, parents=[common], description=(
                "One record per employee whose supervisor's assessment stands: the months and"
                " year, the two ratings and the quadrant as SIASN's codes"
                " (tools/data/siasn_codes.yaml or ASN_SIASN_CODES_FILE), the appraising"
                " official; JSON as SIASN's web service takes it. See docs/siasn.md."))
    k.add_argument("--period", required=True, metavar="PERIOD_ID", help="e.g. 2026-Q1")
    u = add("siasn-kursus", cmd_siasn_kursus, "a year's completed training in SIASN's kursus fields",
            "asn export siasn-kursus --unit BKPSDM --year 2026 -o kursus.json",
            sub=kinds, parents=[common], description=(
                "One course record (jumlahJam = the JP completed) per training completed in the"
                " year by the unit and the units below it. See docs/siasn.md."))
    u.add_argument("--year", required=True, type=int)
    for p in (r, c, u):
        p.add_argument("--unit", required=True, metavar="UNIT_ID", help="unit code, e.g. BKPSDM")
    k.add_argument("--unit", metavar="UNIT_ID", help="unit code (default: the whole agency)")
    for p in (r, c, k, u):
        formats = siasn.FORMATS if p in (k, u) else exports.FORMATS
        p.add_argument("--format", choices=formats, default=formats[0])
        p.add_argument("-o", "--output", type=Path, metavar="FILE",
                       help="where to write (default: a name from the unit and period)")
