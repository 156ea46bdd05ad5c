"""Subcommands that call the services' public HTTP APIs, as any other client would: import
employees, open, close and list periods. Exports (export.py) use the same authentication."""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from tools.apiclient import ApiClient, ApiError, client_for, dev_token
from shared.auth import HR_ADMIN
from tools.cli import output
from tools.cli.local import nip
from shared.config import Settings

OPERATOR_NIP = "197507072000031006"
_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-M(0[1-9]|1[0-2]))?$")


def options() -> argparse.ArgumentParser:
    """The options every API subcommand takes: who calls, and the language of what it prints."""
    p = argparse.ArgumentParser(add_help=False)
    who = p.add_argument_group("authentication (default: a dev token for the operator NIP)")
    who.add_argument("--token", default=os.environ.get("ASN_TOKEN"),
                     help="a bearer token to send (env ASN_TOKEN)")
    who.add_argument("--as", dest="operator", type=nip, metavar="NIP",
                     default=os.environ.get("ASN_OPERATOR_NIP", OPERATOR_NIP),
                     help="mint a dev token with the local key for this NIP (env ASN_OPERATOR_NIP,"
                          f" default {OPERATOR_NIP}) with role hr_admin")
    p.add_argument("--lang", choices=("id", "en"), default="id",
                   help="language of the output (default id: Bahasa Indonesia)")
    return p


def client(args, settings: Settings, service: str) -> ApiClient:
    """A client of ``service`` holding the caller's token (given, or minted for --as)."""
    token = args.token or dev_token(settings, args.operator, [HR_ADMIN], hours=1)
    return client_for(settings, service, token, args.lang)


def explain(exc: ApiError) -> int:
    """Print a refused request's problem+json readably; 2 if the token was refused, else 1."""
    title, detail = exc.problem.get("title"), exc.problem.get("detail")
    text = " - ".join(t for t in (title, detail) if t) or str(exc)
    print(f"error {exc.status}: {text}", file=sys.stderr)
    if exc.status in (401, 403):
        print("hint: the token was refused or lacks a role; pass --token (or ASN_TOKEN), or check"
              " that the services trust the key of `asn token` (ASN_JWT_PUBLIC_KEY_FILE)",
              file=sys.stderr)
        return 2
    return 1


def cmd_import(args, settings: Settings) -> int:
    """Import the file, or with --dry-run ask the service what importing it would do (its own
    parser and checks, nothing recorded): the row report, and exit 1 if it would be refused."""
    text = args.file.read_text(encoding="utf-8-sig")
    path = "/imports/employees/check" if args.dry_run else "/imports/employees"
    try:
        summary = client(args, settings, "assessment").post(
            path, raw=text.encode(), content_type="text/csv; charset=utf-8")
    except ApiError as exc:
        if exc.code != "import_rejected":
            raise
        print(output.import_problems(exc.problem, args.lang), file=sys.stderr)
        return 1
    if not args.dry_run:
        print(output.say("imported", args.lang, **summary))
        return 0
    if not summary["accepted"]:
        print(output.import_problems({"detail": output.say("dry_run_refused", args.lang),
                                      "rows": summary["problems"]}, args.lang), file=sys.stderr)
        return 1
    print(output.say("dry_run", args.lang, **summary))
    return 0


def period_spec(value: str) -> dict:
    """An argparse type: 2026-M03 (a month), 2026-Q1 (a quarter) or 2026 (the year) as the API's
    period body."""
    match = _PERIOD.match(value)
    if not match:
        raise argparse.ArgumentTypeError(
            "write a period as YYYY-Mmm (monthly), YYYY-Qn (quarterly) or YYYY (annual)")
    year, quarter, month = int(match[1]), match[2] and int(match[2]), match[3] and int(match[3])
    if month:
        return {"kind": "monthly", "year": year, "quarter": None, "month": month}
    return {"kind": "quarterly" if quarter else "annual", "year": year, "quarter": quarter}


def cmd_period_open(args, settings: Settings) -> int:
    """Open the period given (POST /periods) and say which was opened."""
    period = client(args, settings, "assessment").post("/periods", args.period)
    print(output.say("period_opened", args.lang, **period))
    return 0


def cmd_period_close(args, settings: Settings) -> int:
    """Close the period (POST /periods/<id>/close): no more submissions for it."""
    period = client(args, settings, "assessment").post(f"/periods/{args.period_id}/close")
    print(output.say("period_closed", args.lang, **period))
    return 0


def cmd_period_list(args, settings: Settings) -> int:
    """Print the assessment service's periods as a table."""
    print(output.periods(client(args, settings, "assessment").get("/periods"), args.lang))
    return 0


def register(add) -> None:
    """The subcommands ``import employees`` and ``period open|close|list``."""
    common = options()
    i = add("import", None, "import data into a service from a file",
            "asn import employees pegawai.csv --dry-run")
    kinds = i.add_subparsers(dest="kind", required=True, metavar="KIND")
    e = add("employees", cmd_import, "import employees from a SIASN-style CSV",
            "asn import employees pegawai.csv", sub=kinds, parents=[common], description=(
                "POST the CSV to the assessment service (/imports/employees): every row is applied"
                " or none. A rejected file is reported row by row (exit 1) and changes nothing."
                " Columns: NIP_BARU, NAMA, JABATAN_ID, JABATAN_NAMA, JENJANG_JABATAN, UNOR_ID,"
                " UNOR_NAMA, UNOR_INDUK_ID, NIP_ATASAN (see docs/assessment.md)."))
    e.add_argument("file", type=Path, metavar="FILE.csv")
    e.add_argument("--dry-run", action="store_true",
                   help="ask the service what importing would do (POST"
                        " /imports/employees/check: every check, row by row); change nothing")
    p = add("period", None, "open, close and list appraisal periods (periode penilaian)",
            "asn period open 2026-Q1")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    o = add("open", cmd_period_open,
            "open a monthly (YYYY-Mmm), quarterly (YYYY-Qn) or annual (YYYY) period",
            "asn period open 2026-Q2     # or the annual: asn period open 2026",
            sub=actions, parents=[common])
    o.add_argument("period", type=period_spec, metavar="PERIOD", help="2026-M03, 2026-Q1 or 2026")
    c = add("close", cmd_period_close, "close a period: no more submissions for it",
            "asn period close 2026-Q1", sub=actions, parents=[common])
    c.add_argument("period_id", metavar="PERIOD_ID")
    add("list", cmd_period_list, "list the periods, newest first", "asn period list --lang en",
        sub=actions, parents=[common])
