"""The replay's comparison (shared/replay_compare.py) and the statistics of its tables (shared.db)."""
from __future__ import annotations

import psycopg

from shared.db import Statistics, unlogged
from shared.replay_compare import compare

TABLES = ("CREATE TABLE {s}.hashed (n int PRIMARY KEY, doc jsonb, at timestamptz, tags text[]);"
          "CREATE TABLE {s}.as_text (n int, doc json, p point)")  # json, point: no extended hash
ROWS = ("INSERT INTO {s}.hashed SELECT n, jsonb_build_object('n', n, 'x', 'ä'), '2026-01-01',"
        " ARRAY['a', n::text] FROM generate_series(1, 50) n;"
        "INSERT INTO {s}.as_text SELECT n, json_build_object('n', n), point(n, 0)"
        " FROM generate_series(1, 50) n")


def _verdicts(sample_env, change: str = "") -> dict:
    with sample_env.connect(autocommit=True) as conn:
        for schema in ("public", "rebuilt"):
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            conn.execute(TABLES.format(s=schema))
        conn.execute(ROWS.format(s="public"))
        conn.execute(ROWS.format(s="rebuilt").replace("generate_series(1, 50) n",
                                                      "generate_series(50, 1, -1) n"))
        if change:
            conn.execute(change)
    with sample_env.connect() as live, sample_env.connect() as rebuilt:
        live.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        live.execute("SELECT 1")  # the snapshot, as the replay takes it before comparing
        results = compare(live, rebuilt, "rebuilt")
        assert rebuilt.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    return {r.table: (r.live_rows, r.replay_rows, r.equal) for r in results}


def test_the_same_rows_in_another_order_are_equal_with_and_without_an_extended_hash(sample_env):
    assert _verdicts(sample_env) == {"as_text": (50, 50, True), "hashed": (50, 50, True)}


def test_a_changed_value_is_found_in_either_kind_of_table(sample_env):
    assert _verdicts(sample_env, "UPDATE rebuilt.hashed SET tags = ARRAY['a', 'b'] WHERE n = 7;"
                     "UPDATE rebuilt.as_text SET p = point(7, 1) WHERE n = 7") == {
        "as_text": (50, 50, False), "hashed": (50, 50, False)}


def test_two_rows_trading_a_value_are_found(sample_env):
    """Every column keeps its values, the rows do not: a sum per column would miss it."""
    assert _verdicts(sample_env, "UPDATE rebuilt.hashed SET doc = CASE n WHEN 1 THEN"
                     " (SELECT doc FROM rebuilt.hashed WHERE n = 2) ELSE"
                     " (SELECT doc FROM rebuilt.hashed WHERE n = 1) END WHERE n IN (1, 2)"
                     )["hashed"] == (50, 50, False)


def test_only_tables_that_doubled_since_they_were_analyzed_are_analyzed_again(sample_env):
    def analyzed(conn) -> dict:
        return {r["relname"]: r["reltuples"] for r in conn.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relnamespace = 'grows'::regnamespace"
            " AND relkind = 'r'")}
    with sample_env.connect(autocommit=True) as conn:
        conn.execute("CREATE SCHEMA grows")
        for table in ("big", "still", "skipped"):
            conn.execute(f"CREATE TABLE grows.{table} (n int, pad text)"
                         " WITH (autovacuum_enabled = false)")
            conn.execute(f"INSERT INTO grows.{table} SELECT n, repeat('x', 100)"
                         " FROM generate_series(1, 1000) n")
        unlogged(conn, "grows")
        statistics = Statistics(conn, "grows", first=10, skip=["skipped"])
        statistics.applied(10)
        assert analyzed(conn) == {"big": 1000, "still": 1000, "skipped": -1}
        conn.execute("INSERT INTO grows.big SELECT n, repeat('x', 100) FROM generate_series(1, 1500) n")
        conn.execute("INSERT INTO grows.still SELECT n, 'x' FROM generate_series(1, 10) n")
        statistics.applied(20)
        assert analyzed(conn) == {"big": 2500, "still": 1000, "skipped": -1}
        assert conn.execute("SELECT count(*) AS n FROM pg_class WHERE relnamespace ="
                            " 'grows'::regnamespace AND relpersistence = 'u'").fetchone()["n"] == 3
