"""An HTTP command's appends, sent without waiting for their answer (shared/transactions.py
``appends_checked_at_sync``), on the real PostgreSQL: stored as returned, seen by the command's
own reads, and a stream that moved on refused at the pipeline's sync with nothing changed."""
from __future__ import annotations

import time

import psycopg
import pytest

from shared.eventstore import ConcurrencyError
from shared.service import record
from shared.transactions import appends_checked_at_sync
from tests.support.sample import NIP, SAMPLE, recorded

store = SAMPLE.event_store()


def _totals(conn) -> list[dict]:
    return conn.execute("SELECT nip, total, events FROM sample_totals ORDER BY nip").fetchall()


def test_unwaited_appends_are_stored_as_returned_and_read_back_in_the_same_command(sample_env):
    with sample_env.connect() as conn:
        with appends_checked_at_sync(), conn.pipeline():
            returned = record(conn, SAMPLE, "thing-u", 0, [recorded(amount=2), recorded(amount=3)])
            returned += record(conn, SAMPLE, "thing-u", 2, [recorded(amount=5)])
            # statements after the INSERT run after it on the server: the command sees its rows
            assert store.load(conn, "thing-u") == returned
            assert _totals(conn) == [{"nip": NIP, "total": 10, "events": 3}]
            conn.execute("COMMIT")
        stored = store.load(conn, "thing-u")
    assert [e.version for e in returned] == [1, 2, 3]
    assert stored == returned  # ids, versions, metadata and the time sent, as stored
    assert stored[0].time.utcoffset() == returned[0].time.utcoffset()  # the session's zone


def test_a_racing_append_is_sent_at_once_and_refused_at_the_sync_with_nothing_stored(sample_env):
    """The loser's INSERT waits on the server for the winner's uncommitted (stream, version) while
    the loser's code carries on (projection, COMMIT); the winner commits, and the loser's
    pipeline sync raises the conflict: no event, no projection, the transaction rolled back."""
    with sample_env.connect() as winner, sample_env.connect() as loser:
        loser.execute("SET lock_timeout = '5s'")  # an append that waited would fail, not hang
        loser.commit()
        record(winner, SAMPLE, "thing-r", 0, [recorded(amount=1)])  # uncommitted: holds the key
        with pytest.raises(ConcurrencyError, match="thing-r is no longer at version 0"):
            with appends_checked_at_sync(), loser.pipeline():
                started = time.monotonic()
                returned = record(loser, SAMPLE, "thing-r", 0, [recorded(amount=50)])
                loser.execute("COMMIT")
                assert time.monotonic() - started < 2  # not waited for: the server still waits
                assert returned[0].version == 1
                winner.commit()
        assert loser.info.transaction_status == psycopg.pq.TransactionStatus.INERROR
        loser.rollback()
        assert [e.data["amount"] for e in store.load(loser, "thing-r")] == [1]
        assert _totals(loser) == [{"nip": NIP, "total": 1, "events": 1}]


def test_an_older_transaction_extending_a_stream_is_refused_at_the_sync(sample_env):
    """The stream-order trigger's refusal (a serialization failure) is a conflict too."""
    with sample_env.connect() as old, sample_env.connect() as young:
        old.execute("SELECT pg_current_xact_id()")  # takes its transaction id first
        record(young, SAMPLE, "thing-o", 0, [recorded()])
        young.commit()
        with pytest.raises(ConcurrencyError, match="thing-o is no longer at version 1"):
            with appends_checked_at_sync(), old.pipeline():
                record(old, SAMPLE, "thing-o", 1, [recorded()])
        old.rollback()
        assert [e.version for e in store.load(old, "thing-o")] == [1]


def test_other_errors_at_the_sync_are_not_conflicts(sample_env):
    """A unique key of another table is not a stream that moved on: it leaves as it is (a 500),
    as it did when the append waited for its answer."""
    with sample_env.connect() as conn:
        with pytest.raises(psycopg.errors.UniqueViolation):
            with appends_checked_at_sync(), conn.pipeline():
                record(conn, SAMPLE, "thing-e", 0, [recorded()])
                conn.execute("INSERT INTO sample_totals (nip, total, events) VALUES (%s, 0, 0)",
                             (NIP,))
                conn.execute("COMMIT")
        conn.rollback()
        assert store.load(conn, "thing-e") == []
