"""``asn export``: a unit's assessment results, or its training compliance list, as XLSX or CSV,
built from the services' public APIs (tools/exports.py makes the tables)."""
from __future__ import annotations

from pathlib import Path

from tools import export_tables, exports
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


def _write(args, table: exports.Table, default: str) -> int:
    path = exports.write(table, _target(args, default), args.format, args.lang)
    print(output.say("exported", args.lang, rows=len(table.rows), path=path))
    return 0


def register(add) -> None:
    """The subcommands ``export results`` and ``export compliance``."""
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
    for p in (r, c):
        p.add_argument("--unit", required=True, metavar="UNIT_ID", help="unit code, e.g. BKPSDM")
        p.add_argument("--format", choices=exports.FORMATS, default="xlsx")
        p.add_argument("-o", "--output", type=Path, metavar="FILE",
                       help="where to write (default: a name from the unit and period)")
