"""A replay's verdict, table by table: the rebuilt rows against the live ones.

Each side's rows are summed up by PostgreSQL as a count and a checksum of the set of rows, the
live side in the replay's snapshot, the rebuilt side in its schema, both at the same time (each
on its own connection, so on two cores). The checksum is the sum of each row's 64-bit hash
(``hash_record_extended``, from the hashes PostgreSQL's hash indexes use, column by column, hashed
again) with a seed drawn for each replay, so nobody can shape a change to a projection that the sum hides. Hashing
the row spares printing it as text: the md5 of each row's text, sorted, cost 3 to 4 times as much
(most of it printing the jsonb columns). Hashing compares values as PostgreSQL's equality does
(the jsonb ``1.0`` and ``1.00`` are equal); a table with a column type that has no such hash
(``json``, ``point``) is summed as before, from the md5 of each row's text.
"""
from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import psycopg
from psycopg import sql

from shared.service import TRACKING_TABLES

# A row's hash is a linear mix of its columns' hashes (31 h + next): summed over the rows, it
# would be a sum per column, blind to two rows trading a value. Hashed once more, it is not.
_HASHED = ("SELECT count(*) AS rows, sum(hashint8extended(hash_record_extended(t, %(seed)s),"
           " %(seed)s)::numeric)::text AS checksum FROM {}.{} t")
_AS_TEXT = ("SELECT count(*) AS rows, md5(coalesce(string_agg(md5(t::text), '' ORDER BY"
            " md5(t::text)), '')) AS checksum FROM {}.{} t")


@dataclass
class TableResult:
    table: str
    live_rows: int
    replay_rows: int
    equal: bool


def compare(live: psycopg.Connection, rebuilt: psycopg.Connection,
            schema: str) -> list[TableResult]:
    """Each projection table rebuilt in ``schema`` against the live one (dict-row connections:
    ``live`` in the replay's snapshot); the rebuilt side's transaction is ended."""
    tables = [r["table_name"] for r in rebuilt.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s"
        " ORDER BY table_name", (schema,)).fetchall() if r["table_name"] not in TRACKING_TABLES]
    seed = secrets.randbits(63)
    with ThreadPoolExecutor(max_workers=1) as other:
        rebuilt_sums = other.submit(_sums, rebuilt, schema, tables, seed)
        live_sums = _sums(live, "public", tables, seed)
        replayed = rebuilt_sums.result()
    rebuilt.commit()
    return [TableResult(table, live_sums[table]["rows"], replayed[table]["rows"],
                        live_sums[table] == replayed[table]) for table in tables]


def _sums(conn: psycopg.Connection, schema: str, tables: list[str], seed: int) -> dict:
    """Count and checksum of each of ``tables`` in ``schema``."""
    sums = {}
    for table in tables:
        where = (sql.Identifier(schema), sql.Identifier(table))
        try:
            with conn.transaction():  # a savepoint: the snapshot goes on if the hash is missing
                sums[table] = conn.execute(sql.SQL(_HASHED).format(*where),
                                           {"seed": seed}).fetchone()
        except psycopg.errors.UndefinedFunction:  # a column type without an extended hash
            sums[table] = conn.execute(sql.SQL(_AS_TEXT).format(*where)).fetchone()
    return sums
