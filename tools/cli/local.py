"""Subcommands that work on this machine's keys, databases and Kafka: setup, token, replay,
catalogue, lag."""
from __future__ import annotations

import argparse
import sys
import time

from services.platform import REGISTRY
from services.platform import definition as service_definition
from shared.auth import EMPLOYEE, ROLES, ensure_dev_keys
from shared.config import SERVICES, Settings
from shared.lag import service_lag
from shared.replay import print_report, replay
from shared.runtime import setup
from tools.apiclient import dev_token
from tools.catalogue import DEFAULT_DIR, stale, write
from tools.cli import output


def nip(value: str) -> str:
    """An argparse type: an 18-digit NIP."""
    if len(value) != 18 or not value.isdigit():
        raise argparse.ArgumentTypeError("a NIP has exactly 18 digits")
    return value


def service_name(value: str) -> str:
    """An argparse type: a service's name, or all (argparse's choices refuse an empty nargs=*)."""
    if value not in SERVICES + ("all",):
        raise argparse.ArgumentTypeError(f"choose from {', '.join(SERVICES)} or all")
    return value


def _services(names: list[str]) -> list[str]:
    return list(SERVICES) if not names or "all" in names else list(dict.fromkeys(names))


def cmd_setup(args, settings: Settings) -> int:
    """Make the development keys if missing, and each service's database, migrations, topics."""
    if ensure_dev_keys(settings.jwt_private_key_file, settings.jwt_public_key_file):
        print(f"created a development signing key in {settings.jwt_private_key_file.parent}")
    for name in _services(args.services):
        setup(service_definition(name), settings)
        print(f"{name}: database {settings.database_name(name)} migrated, topics ready")
    return 0


def cmd_token(args, settings: Settings) -> int:
    """Print a development token for the NIP with the roles given; exit 2 when there is no key."""
    try:
        print(dev_token(settings, args.nip, args.role or [EMPLOYEE], args.hours))
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


def cmd_replay(args, settings: Settings) -> int:
    """Replay each service named and print its verdict; exit 1 if any differs from its replay."""
    names, differ = _services(args.services), []
    for name in names:
        report = replay(service_definition(name), settings, keep=args.keep,
                        progress=not args.quiet, ran_by=args.by)
        print_report(report)
        if not report.equal:
            differ.append(name)
    if len(names) > 1:
        print(f"verdict: {', '.join(differ)} DIFFER" if differ
              else f"verdict: all {len(names)} services equal their replay")
    return 1 if differ else 0


def cmd_catalogue(args, settings: Settings) -> int:
    """Write the event catalogue to docs/catalogue, or with --check say whether it is current."""
    if args.check:
        outdated = stale(REGISTRY, DEFAULT_DIR)
        for path in outdated:
            print(f"out of date: docs/catalogue/{path}", file=sys.stderr)
        if outdated:
            print("run `asn catalogue` and commit the result", file=sys.stderr)
        return 1 if outdated else 0
    print(f"wrote {write(REGISTRY, DEFAULT_DIR)} files to {DEFAULT_DIR}")
    return 0


def cmd_lag(args, settings: Settings) -> int:
    """Print each service's lag, once or every --watch seconds; --check exits 1 if behind."""
    definitions = [service_definition(name) for name in _services(args.services)]
    while True:
        results = [service_lag(d, settings) for d in definitions]
        caught_up = all(r.caught_up for r in results)
        if args.watch:
            print(time.strftime("%H:%M:%S"))
        print("\n".join(output.lag(r) for r in results), flush=True)
        if not args.watch or (args.check and caught_up):
            return 1 if args.check and not caught_up else 0
        time.sleep(args.watch)
        print()


def register(add) -> None:
    """The subcommands ``setup``, ``token``, ``replay``, ``catalogue`` and ``lag``."""
    s = add("setup", cmd_setup, "create databases, apply migrations, create topics and dev keys",
            "asn setup            # all services; or: asn setup assessment")
    s.add_argument("services", nargs="*", metavar="SERVICE", type=service_name,
                   help=f"only these ({', '.join(SERVICES)}); default all")
    t = add("token", cmd_token, "print a development JWT signed with the local key",
            "TOKEN=$(asn token 197507072000031006 --role hr_admin)",
            "Print a development JWT signed with the local key (made by `asn setup`); the services"
            " trust it when they run with the same public key. For development only.")
    t.add_argument("nip", type=nip, help="the caller's 18-digit NIP (the token's subject)")
    t.add_argument("--role", action="append", default=[], choices=ROLES,
                   help="a role to grant; repeat for several (none: a plain employee token)")
    t.add_argument("--hours", type=int, default=8, help="validity in hours (default 8)")
    r = add("replay", cmd_replay, "rebuild a service's projections from zero and compare",
            "asn replay all       # or: asn replay assessment training",
            "Rebuild each named service's projections from its events (and the records it has"
            " consumed) into a scratch schema, then compare every table with the live one."
            " Prints a verdict per service and keeps it in the service's database, where"
            " GET /audit/replays serves it; exits 1 if any differs.")
    r.add_argument("services", nargs="+", metavar="SERVICE", type=service_name,
                   help=f"{', '.join(SERVICES)} or all")
    r.add_argument("--keep", action="store_true", help="keep the rebuilt schema for inspection")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.add_argument("--by", metavar="WHO", help="who runs it, kept with each verdict in the"
                   " service's replay_verdicts (default: user@host); GET /audit/replays serves them")
    c = add("catalogue", cmd_catalogue,
            "write the event catalogue (JSON Schema, AsyncAPI) to docs/",
            "asn catalogue --check")
    c.add_argument("--check", action="store_true",
                   help="only say whether docs/catalogue is current (exit 1 if not)")
    g = add("lag", cmd_lag, "show how far behind each service's relay and consumer are",
            "asn lag --watch 2 --check     # wait until everything is caught up",
            "For each service: the events its relay has not published yet, and per topic"
            " partition it consumes the records applied, the partition's end and the lag."
            " --check exits 1 unless all is caught up; with --watch it waits until it is.")
    g.add_argument("services", nargs="*", metavar="SERVICE", type=service_name,
                   help=f"only these ({', '.join(SERVICES)}); default all")
    g.add_argument("--watch", type=float, metavar="SECONDS",
                   help="read again every SECONDS until Ctrl-C")
    g.add_argument("--check", action="store_true", help="exit 1 unless caught up")
