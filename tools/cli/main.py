"""The operator's command line ``asn``: one entry point, a subcommand per task (``asn --help``).

Exit codes: 0 done; 1 a negative answer (a replay differs, the catalogue is stale, a consumer lags
with ``--check``, an import or another request was refused); 2 a usage or configuration problem
(bad arguments, no key, a service that does not answer, a token the services refuse).
"""
from __future__ import annotations

import argparse
import logging
import sys
import textwrap

from tools.apiclient import ApiError, Unreachable
from tools.cli import api, dlq, export, follow, local
from shared.config import Settings

__all__ = ["main", "parser"]
OK, NEGATIVE, USAGE = 0, 1, 2


class _Subcommands:
    """Adds subcommands that all explain themselves the same way: help, description, example."""

    def __init__(self, sub) -> None:
        self.sub = sub

    def __call__(self, name: str, run, help: str, example: str, description: str = "",
                 parents=(), sub=None) -> argparse.ArgumentParser:
        p = (sub or self.sub).add_parser(
            name, help=help,
            description=textwrap.fill(description or help[0].upper() + help[1:] + ".", 79),
            epilog=f"example:\n  {example}", parents=list(parents),
            formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(run=run)
        return p


def parser() -> argparse.ArgumentParser:
    """The ``asn`` argument parser, with every module's subcommands."""
    p = argparse.ArgumentParser(
        prog="asn", description="Operate the ASN competency appraisal platform.",
        epilog=__doc__.split("\n", 2)[2], formatter_class=argparse.RawDescriptionHelpFormatter)
    add = _Subcommands(p.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    for module in (local, api, export, follow, dlq):
        module.register(add)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one ``asn`` subcommand; its exit code (0 done, 1 a negative answer, 2 usage)."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else USAGE
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    try:
        return args.run(args, Settings.from_env())
    except (Unreachable, OSError) as exc:  # no answer, or a file that cannot be read or written
        print(f"error: {exc}", file=sys.stderr)
        return USAGE
    except ApiError as exc:
        return api.explain(exc)
    except KeyboardInterrupt:
        return OK


if __name__ == "__main__":
    sys.exit(main())
