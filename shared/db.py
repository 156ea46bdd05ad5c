"""PostgreSQL plumbing: databases, pools and numbered SQL migrations."""
from __future__ import annotations

import logging
import select
import time
from pathlib import Path
from typing import Iterable

import psycopg
from psycopg import sql
from psycopg.rows import dict_row, tuple_row
from psycopg_pool import ConnectionPool

log = logging.getLogger(__name__)
SHARED_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: serialises migrations when several processes of a service start at once.
_MIGRATION_LOCK = 727_2017


def ensure_database(server_url: str, dbname: str) -> bool:
    """Create ``dbname`` on the server unless it exists; True when it was created."""
    with psycopg.connect(server_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone():
            return False
        # UTF8 whatever the cluster's default: names and texts are Bahasa Indonesia and more.
        conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8'"
                             " LC_CTYPE 'C.UTF-8' TEMPLATE template0").format(sql.Identifier(dbname)))
        return True


def drop_database(server_url: str, dbname: str, *, attempts: int = 50) -> None:
    """Drop ``dbname`` if it exists, closing other sessions (tests and resets only).

    FORCE may not end an autovacuum worker busy in the database (it runs as the superuser, we
    do not): PostgreSQL then refuses with InsufficientPrivilege, and a moment later it is done.
    """
    statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
    with psycopg.connect(server_url, autocommit=True) as conn:
        for attempt in range(attempts):
            try:
                conn.execute(statement)
                return
            except psycopg.errors.InsufficientPrivilege:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.2)


def make_pool(url: str, *, min_size: int = 1, max_size: int = 10, name: str = "",
              wait: bool = True) -> ConnectionPool:
    """An open pool whose connections return rows as dicts; ``wait`` for the first connection.
    Its connections are named ``asn-<name>`` in pg_stat_activity unless PGAPPNAME (or the URL)
    names them."""
    kwargs = {"row_factory": dict_row,
              **({"fallback_application_name": f"asn-{name}"} if name else {})}
    pool = ConnectionPool(url, min_size=min_size, max_size=max_size, name=name or None,
                          kwargs=kwargs, open=False, check=still_open)
    pool.open(wait=wait, timeout=30)
    return pool


def still_open(conn: psycopg.Connection) -> None:
    """The pool's check before lending a connection: raise if the server has ended it.

    After a PostgreSQL restart every pooled connection is dead, and without a check each would
    fail one request (a 500) before the pool replaced it. psycopg_pool's own
    ``check_connection`` asks the server, a round trip on every request; this asks the socket: an
    idle connection has nothing to read, so a readable socket means the server sent its
    termination notice or closed it.
    """
    if not conn.closed and select.select([conn.fileno()], [], [], 0)[0]:
        conn.close()  # closed, the pool discards it on return and opens another
    if conn.closed:
        raise psycopg.OperationalError("the server ended this connection")


def migration_files(directories: Iterable[Path]) -> list[Path]:
    """The .sql files of each directory, in number order, directory by directory."""
    files: list[Path] = []
    for directory in directories:
        files.extend(sorted(Path(directory).glob("*.sql")))
    return files


def _migration_name(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}/{path.name}"


def migrate(conn: psycopg.Connection, directories: Iterable[Path]) -> list[str]:
    """Apply the files not applied yet, all in one transaction; return their names."""
    applied_now = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                     " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
        with conn.cursor(row_factory=tuple_row) as cur:
            done = {r[0] for r in cur.execute("SELECT name FROM schema_migrations").fetchall()}
        for path in migration_files(directories):
            name = _migration_name(path)
            if name in done:
                continue
            conn.execute(path.read_text())
            conn.execute("INSERT INTO schema_migrations (name) VALUES (%s)", (name,))
            log.info("applied migration %s", name)
            applied_now.append(name)
    return applied_now


def create_schema_with(conn: psycopg.Connection, schema: str, directories: Iterable[Path]) -> None:
    """Create a fresh ``schema`` holding the tables the files define (replays build into one)."""
    conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    conn.execute(sql.SQL("SET LOCAL search_path TO {}, public").format(sql.Identifier(schema)))
    for path in migration_files(directories):
        conn.execute(path.read_text())


def unlogged(conn: psycopg.Connection, schema: str) -> None:
    """Make the tables of ``schema`` that no foreign key ties to another unlogged: no WAL is
    written for them (a replay's scratch tables, dropped afterwards; a crash empties them)."""
    with conn.cursor(row_factory=tuple_row) as cur:
        tables = [name for name, in cur.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND c.relkind = 'r' AND NOT EXISTS (SELECT 1 FROM"
            " pg_constraint f WHERE f.contype = 'f' AND c.oid IN (f.conrelid, f.confrelid))",
            (schema,))]
    for table in tables:
        conn.execute(sql.SQL("ALTER TABLE {} SET UNLOGGED").format(sql.Identifier(schema, table)))


def set_search_path(conn: psycopg.Connection, schema: str) -> None:
    """Point unqualified names at ``schema`` first, for the current transaction only."""
    conn.execute(sql.SQL("SET LOCAL search_path TO {}, public").format(sql.Identifier(schema)))


def for_batches(conn: psycopg.Connection, schema: str = "public") -> None:
    """The current transaction set for a consumer's batch or a replay's: names looked up in
    ``schema`` first, and no JIT compilation. A batch statement over thousands of keys passes
    ``jit_above_cost`` (training's situation query for 5,000 employees of a 100,000-employee
    period: cost 145,000, 20 ms compiling, 81 ms in all against 53 ms without), and what is
    compiled is thrown away after each execution, prepared or not: every batch paid again."""
    conn.execute("SET LOCAL jit = off")
    if schema != "public":
        set_search_path(conn, schema)


BY_KEY = ("consumer_offsets", "processed_events")  # tracking tables, read only by their keys


class Statistics:
    """Keeps the planner's statistics of the rebuilt tables current while they grow.

    The tables start empty in a schema of their own and grow inside a few long sessions, where
    autovacuum may not analyze them in time; a projector's statement planned for an empty table
    (psycopg prepares it after a few runs) can then pick an index that walks every row of a
    period, and the rebuild turns quadratic: a feedback replay of 84,000 records took 126 s
    instead of 20 at 15,000 employees. Each time the applied count doubles (from 2,000) the
    tables that have at least doubled in size since they were last analyzed are analyzed: a
    few ANALYZEs in all, and none of a table the replay no longer writes (its own events and
    its consumed records write different tables) nor of ``skip`` (tables whose statements go by
    their keys whatever the statistics say)."""

    def __init__(self, conn: psycopg.Connection, schema: str, first: int = 2000,
                 skip: Iterable[str] = (), every: float | None = None) -> None:
        self.conn, self.schema, self.next, self.skip = conn, schema, first, frozenset(skip)
        self.sizes: dict[str, int] = {}  # bytes of each table when it was last analyzed
        # ``every``: look at the sizes at most every so many seconds instead of when the count
        # doubles (a live consumer, whose tables start growing late in a period: assignments
        # after the import's and the self-assessments' records have made the count large)
        self.every, self.last = every, time.monotonic()

    def applied(self, count: int) -> None:
        """Analyze the grown tables if ``count`` applied events passed the next threshold (or
        ``every`` seconds passed)."""
        if self.every is not None:
            if time.monotonic() - self.last < self.every:
                return
            self.last = time.monotonic()
        elif count < self.next:
            return
        self.next = count * 2
        # in a transaction of its own, committed at once (not one the rebuild's would nest in)
        with self.conn.transaction(), self.conn.cursor(row_factory=tuple_row) as cur:
            grown = {name: size for name, size in cur.execute(
                "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n"
                " ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r'",
                (self.schema,)).fetchall()
                     if name not in self.skip and size >= max(2 * self.sizes.get(name, 0), 1)}
            if grown:
                cur.execute(sql.SQL("ANALYZE {}").format(sql.SQL(", ").join(
                    sql.Identifier(self.schema, t) for t in sorted(grown))))
        self.sizes.update(grown)
