"""The operator's command line: ``asn setup | token | replay`` (``asn --help`` explains each)."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from shared.auth import EMPLOYEE, ROLES, ensure_dev_keys, mint
from shared.config import SERVICES, Settings
from shared.service import ServiceDefinition


def service_definition(name: str) -> ServiceDefinition:
    """The definition of one of the platform's services, by name."""
    return importlib.import_module(f"services.{name}.definition").SERVICE


def cmd_setup(args, settings: Settings) -> int:
    from shared.runtime import setup
    if ensure_dev_keys(settings.jwt_private_key_file, settings.jwt_public_key_file):
        print(f"created a development signing key in {settings.jwt_private_key_file.parent}")
    unknown = sorted(set(args.services) - set(SERVICES))
    if unknown:
        print(f"unknown service(s): {', '.join(unknown)}; choose from {', '.join(SERVICES)}",
              file=sys.stderr)
        return 2
    for name in args.services or SERVICES:
        setup(service_definition(name), settings)
        print(f"{name}: database {settings.database_name(name)} migrated, topics ready")
    return 0


def cmd_token(args, settings: Settings) -> int:
    if not settings.jwt_private_key_file.exists():
        print(f"no development key at {settings.jwt_private_key_file}; run `asn setup` first",
              file=sys.stderr)
        return 2
    print(mint(settings.jwt_private_key_file.read_bytes(), args.nip, args.role or [EMPLOYEE],
               ttl_seconds=args.hours * 3600, issuer=settings.jwt_issuer,
               audience=settings.jwt_audience))
    return 0


def cmd_replay(args, settings: Settings) -> int:
    from shared.replay import print_report, replay
    report = replay(service_definition(args.service), settings, keep=args.keep)
    print_report(report)
    return 0 if report.equal else 1


def cmd_catalogue(args, settings: Settings) -> int:
    from shared.catalogue import DEFAULT_DIR, stale, write
    from shared.events import REGISTRY
    if args.check:
        outdated = stale(REGISTRY, DEFAULT_DIR)
        for path in outdated:
            print(f"out of date: docs/catalogue/{path}", file=sys.stderr)
        if outdated:
            print("run `asn catalogue` and commit the result", file=sys.stderr)
        return 1 if outdated else 0
    print(f"wrote {write(REGISTRY, DEFAULT_DIR)} files to {DEFAULT_DIR}")
    return 0


def _nip(value: str) -> str:
    if len(value) != 18 or not value.isdigit():
        raise argparse.ArgumentTypeError("a NIP has exactly 18 digits")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="asn", description="Operate the ASN appraisal platform.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup", help="create databases, apply migrations, create topics, dev keys")
    s.add_argument("services", nargs="*", metavar="SERVICE",
                   help=f"only these ({', '.join(SERVICES)}); default all")
    s.set_defaults(run=cmd_setup)
    t = sub.add_parser("token", help="print a development JWT signed with the local key")
    t.add_argument("nip", type=_nip, help="the caller's 18-digit NIP (the token's subject)")
    t.add_argument("--role", action="append", default=[], choices=ROLES,
                   help="a role to grant; repeat for several (none: a plain employee token)")
    t.add_argument("--hours", type=int, default=8, help="validity in hours (default 8)")
    t.set_defaults(run=cmd_token)
    r = sub.add_parser("replay", help="rebuild a service's projections from zero and compare")
    r.add_argument("service", choices=SERVICES)
    r.add_argument("--keep", action="store_true", help="keep the rebuilt schema for inspection")
    r.set_defaults(run=cmd_replay)
    c = sub.add_parser("catalogue", help="write the event catalogue (JSON Schema, AsyncAPI) to docs/")
    c.add_argument("--check", action="store_true", help="only say whether docs/catalogue is current")
    c.set_defaults(run=cmd_catalogue)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    return args.run(args, Settings.from_env())


if __name__ == "__main__":
    sys.exit(main())
