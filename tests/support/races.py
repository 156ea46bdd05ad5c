"""Requests raced on purpose: held on the period row, then released together."""
from __future__ import annotations

import threading
import time

from tests.support.people import PERIOD


def released_together(env, sends) -> None:
    """Run each of ``sends`` on a thread while the test holds the period row (a command's context
    query share-locks it), and release them together once every one waits there."""
    with env.connect() as blocker:
        blocker.execute("SELECT 1 FROM periods WHERE period_id = %s FOR UPDATE", (PERIOD,))
        threads = [threading.Thread(target=send) for send in sends]
        for thread in threads:
            thread.start()
        with env.connect(autocommit=True) as watcher:
            deadline = time.monotonic() + 20
            while waiting(watcher) < len(sends) and time.monotonic() < deadline:
                time.sleep(0.02)
            assert waiting(watcher) == len(sends)
        blocker.rollback()
    for thread in threads:
        thread.join(timeout=30)


def waiting(conn) -> int:
    """Sessions of this database waiting on a lock."""
    return conn.execute("SELECT count(*) AS n FROM pg_stat_activity WHERE datname ="
                        " current_database() AND wait_event_type = 'Lock'").fetchone()["n"]
