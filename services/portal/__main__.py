"""`python -m services.portal setup`: the portal's session database and its table."""
from __future__ import annotations

import secrets
import sys
from pathlib import Path

import psycopg

from services.portal.settings import SECRET_KEY_FILE, PortalSettings
from shared.db import ensure_database, migrate

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def setup(settings: PortalSettings) -> None:
    """Create and migrate the portal's database; write a session signing key if there is none."""
    platform = settings.platform
    ensure_database(platform.server_url(), platform.database_name("portal"))
    with psycopg.connect(settings.database_url) as conn:
        migrate(conn, [MIGRATIONS])
    print(f"portal: database {platform.database_name('portal')} migrated")
    if not settings.secret_key and not SECRET_KEY_FILE.exists():
        SECRET_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
        SECRET_KEY_FILE.write_text(secrets.token_hex(32))
        SECRET_KEY_FILE.chmod(0o600)
        print(f"portal: session signing key written to {SECRET_KEY_FILE}")


def main(argv: list[str]) -> int:
    """``python -m services.portal setup``; its exit code (2 for any other arguments)."""
    if argv != ["setup"]:
        print("usage: python -m services.portal setup", file=sys.stderr)
        return 2
    setup(PortalSettings.from_env())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
