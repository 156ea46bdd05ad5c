"""The events table read as an outbox: what the relay may publish next, where its cursor stands,
what it has not published yet. Order is (transaction id, position), below the oldest transaction
of this database still running (shared/relay.py says why)."""
from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row, tuple_row

# Each eligible event as the relay sends it: the cursor's two fields, then the texts of its record
# (shared.envelope.SourceHeaders), each printed by PostgreSQL exactly as Python printed the value
# psycopg loads (uuid, integer; the jsonb as stored; the time as datetime.isoformat() gives it
# in the session's time zone: microseconds only when there are some, seconds of the offset only
# when there are some) and encoded as UTF-8, and the metadata as text when there is any. The order
# is the table's columns' (an output column named tx_id, the text, would sort as text, and read
# and print every row before the sort: 136 ms for 2000 of 20,000 rows against 13).
ELIGIBLE = """
SELECT tx_id::text AS tx_id_text, position, convert_to(event_id::text, 'UTF8'), convert_to(type, 'UTF8'),
       convert_to(subject, 'UTF8'),
       convert_to(to_char(recorded_at, 'YYYY-MM-DD"T"HH24:MI:SS')
                  || CASE WHEN date_trunc('second', recorded_at) = recorded_at THEN ''
                          ELSE to_char(recorded_at, '.US') END
                  || to_char(recorded_at, 'TZH:TZM')
                  || CASE WHEN extract(timezone FROM recorded_at) %% 60 = 0 THEN '' ELSE
                       ':' || lpad((abs(extract(timezone FROM recorded_at)::int) %% 60)::text, 2, '0')
                     END, 'UTF8'),
       convert_to(stream_id, 'UTF8'), convert_to(version::text, 'UTF8'),
       convert_to(data::text, 'UTF8'), CASE WHEN metadata <> '{}' THEN metadata::text END
  FROM events
 WHERE (tx_id, position) > (%(tx_id)s::xid8, %(position)s)
   AND tx_id < %(horizon)s::xid8
 ORDER BY events.tx_id, events.position
 LIMIT %(limit)s
"""
# Where each of ELIGIBLE's rows says what the refusal report names.
TX_ID, POSITION, EVENT_ID, TYPE, SUBJECT, TIME, STREAM_ID, VERSION, DATA, METADATA = range(10)
# Rows past the cursor whose transaction has committed but is not yet below the horizon: is the
# last row in publishing order past the cursor? Asked as EXISTS (... > cursor), the plan psycopg's
# prepared statement settles on (generic, the cursor unknown) expects a third of the rows to match
# and scans the table from the start; none match once the relay has caught up, so it read every
# row, after each batch: 143 ms at 170,000 events against 0.06 ms for this one-row index scan.
_WAITING = """
SELECT coalesce((SELECT (tx_id, position) > (%(tx_id)s::xid8, %(position)s) FROM events
                  ORDER BY tx_id DESC, position DESC LIMIT 1), false) AS waiting
"""
# The cursor's two fields compared one by one (a coalesced record would be a filter on every
# row of the index, not a bound: 19 ms at 42,000 events against 0.02 ms).
_UNPUBLISHED = """
SELECT count(*) FROM events, (SELECT coalesce(max(tx_id), '0'::xid8) AS tx_id,
                                     coalesce(max(position), 0) AS position
                                FROM relay_cursor WHERE name = %s) c
 WHERE (events.tx_id, events.position) > (c.tx_id, c.position)
"""

@dataclass
class Cursor:
    """The last event a relay published: its transaction id and position."""

    tx_id: int = 0
    position: int = 0


def unpublished(conn: psycopg.Connection, name: str) -> int:
    """Events in the table that the relay ``name`` has not published yet."""
    with conn.cursor(row_factory=tuple_row) as cur:
        return cur.execute(_UNPUBLISHED, (name,)).fetchone()[0]


def load_cursor(conn: psycopg.Connection, name: str) -> tuple[Cursor, str | None]:
    """The relay's cursor (created at the start on first use) and why it is stuck, if it is."""
    conn.execute("INSERT INTO relay_cursor (name, tx_id, position) VALUES (%s, '0', 0)"
                 " ON CONFLICT (name) DO NOTHING", (name,))
    row = conn.execute("SELECT tx_id, position, stuck FROM relay_cursor WHERE name = %s",
                       (name,)).fetchone()
    return Cursor(int(str(row["tx_id"])), row["position"]), row["stuck"]


def move_cursor(conn: psycopg.Connection, name: str, cursor: Cursor) -> None:
    """Record that the relay published up to ``cursor``."""
    conn.execute("UPDATE relay_cursor SET tx_id = %s::xid8, position = %s, updated_at = now()"
                 " WHERE name = %s", (str(cursor.tx_id), cursor.position, name))


def mark_stuck(conn: psycopg.Connection, name: str, stuck: str | None) -> None:
    """Record why the relay cannot go on (None: it goes on again), where `asn lag` reads it."""
    conn.execute("UPDATE relay_cursor SET stuck = %s, stuck_since = CASE WHEN %s::text IS NULL"
                 " THEN NULL ELSE coalesce(stuck_since, now()) END WHERE name = %s",
                 (stuck, stuck, name))


def waiting(conn: psycopg.Connection, cursor: Cursor) -> bool:
    """Whether committed events past the cursor wait for older transactions to end."""
    return conn.execute(_WAITING, {"tx_id": str(cursor.tx_id),
                                   "position": cursor.position}).fetchone()["waiting"]


# The relay's horizon: no transaction of this database below it can still commit. From one
# snapshot: its xmax (every later transaction gets a larger id), lowered to the oldest of its
# running transactions that belongs to this database (pg_stat_activity's backend_xid, which every
# role may read, and prepared transactions). A running transaction of another database cannot
# write this events table, so it no longer holds the relay (pg_snapshot_xmin, the cluster's
# horizon, held every relay on the cluster behind any database's long transaction).
#
# Why it is safe: pg_current_snapshot() is the statement's snapshot, taken before the statement
# reads pg_stat_activity, so a transaction of the snapshot that is not listed there ended before
# that read; ELIGIBLE, a later statement with a snapshot of its own, sees what it wrote. This
# holds only when the statement is a transaction of its own (autocommit, as the relay's
# connection is) or is read in READ COMMITTED after pg_stat_clear_snapshot(): a transaction's
# first read of pg_stat_activity is kept until it ends.
_HORIZON = """
SELECT least(pg_snapshot_xmax(s), (
         SELECT min(x) FROM pg_snapshot_xip(s) AS x
          WHERE (x::text::bigint % 4294967296) IN (
                SELECT backend_xid::text::bigint FROM pg_stat_activity
                 WHERE datname = current_database() AND backend_xid IS NOT NULL
                UNION ALL
                SELECT transaction::text::bigint FROM pg_prepared_xacts
                 WHERE database = current_database())))::text
  FROM pg_current_snapshot() AS s
"""


def horizon(conn: psycopg.Connection) -> str:
    """This database's horizon (xid8, as text) for ELIGIBLE and the audit trail's reads.

    ``conn`` is in autocommit, or in a READ COMMITTED transaction: there each statement takes a
    snapshot of its own too, and the transaction's kept read of pg_stat_activity is dropped first.
    """
    with conn.cursor(row_factory=tuple_row) as cur:
        if not conn.autocommit:
            level = cur.execute("SELECT current_setting('transaction_isolation'),"
                                " pg_stat_clear_snapshot()").fetchone()[0]
            if level != "read committed":
                raise ValueError("the horizon is read in autocommit or in READ COMMITTED,"
                                 f" not in {level}")
        return cur.execute(_HORIZON).fetchone()[0]


# Writing transactions of this database open longest: the horizon waits for them.
_HOLDING = """
SELECT pid, datname, application_name, state, date_trunc('second', now() - xact_start)::text AS open_for
  FROM pg_stat_activity
 WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() AND datname = current_database()
 ORDER BY xact_start
 LIMIT 3
"""


def holding_back(conn: psycopg.Connection) -> list[dict]:
    """The writing transactions of this database open longest: what an operator needs when
    events wait behind them for long."""
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(_HOLDING).fetchall()


def print_times_as_psycopg(conn: psycopg.Connection) -> None:
    """Make the session's time zone the one psycopg loads times in (``conn.info.timezone``: the
    server's, or UTC when Python does not know that one), so that ELIGIBLE's times are the texts
    ``datetime.isoformat()`` gave for the values psycopg loaded."""
    zone = getattr(conn.info.timezone, "key", "UTC")  # datetime.timezone.utc has no key
    if zone != conn.info.parameter_status("TimeZone"):
        conn.execute("SELECT set_config('TimeZone', %s, false)", (zone,))


def where(row: tuple) -> dict:
    """What the refusal report says of one of ELIGIBLE's rows."""
    return {"event_id": row[EVENT_ID].decode(), "type": row[TYPE].decode(),
            "stream_id": row[STREAM_ID].decode(), "version": row[VERSION].decode()}
