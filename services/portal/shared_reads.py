"""A few seconds' memory of reads that every permitted reader sees alike (Dasbor's figures).

The services' report answers for a (period, unit, language) change only when events arrive, and
every person allowed to read them (BKPSDM, auditors) gets the same ones; so when several people
look at once they can share one set of reads (and what the page makes of them). Each is kept
``ttl`` seconds with the time it was read, which the page shows. The memory is per process:
gunicorn's workers each keep their own. A refusal or a failure is never kept (it is raised, not
returned), and the caller checks who may read before asking. ``ttl`` 0 keeps nothing.

cachetools' TTLCache holds the entries; its ``cached`` wrapper with a Condition guards them for
the portal's threads and lets one thread read a missing key while the others asking for the same
key wait for its answer instead of reading it again (no stampede when a popular entry expires).
"""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from typing import Any, Callable, Hashable

from cachetools import TTLCache, cached

MAX_ENTRIES = 128  # (period, unit, language) sets; one is a few kB for a unit, more for an agency


class SharedReads:
    """``get(key, read)``: (when it was read, ``read()``'s answer), from memory while fresh."""

    def __init__(self, ttl: float, max_entries: int = MAX_ENTRIES,
                 timer: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._kept = (cached(TTLCache(max_entries, ttl, timer), key=_by_key,
                             condition=threading.Condition())(_timed)
                      if ttl > 0 else _timed)

    def get(self, key: Hashable, read: Callable[[], Any]) -> tuple[datetime, Any]:
        """When ``key``'s answer was read and the answer: kept while fresh, else ``read()`` now."""
        return self._kept(key, read)


def _by_key(key: Hashable, read: Callable[[], Any]) -> Hashable:
    return key


def _timed(key: Hashable, read: Callable[[], Any]) -> tuple[datetime, Any]:
    asked = datetime.now(timezone.utc)  # the figures are at least as new as this
    return asked, read()
