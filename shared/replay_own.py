"""A replay's own events: read from the live snapshot in batches, the next one read on a thread
of its own while the current one is written into the rebuilt schema by the batch projectors."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from tqdm import tqdm

from shared.db import Statistics, for_batches
from shared.eventstore import EVENT_COLUMNS, event_from_row
from shared.projecting import DATA_TEXTS
from shared.service import ServiceDefinition

_AS_TEXT = EVENT_COLUMNS.replace(" data,", " data::text AS data,")


@dataclass
class Progress:
    """Own events and consumed records applied so far: the bar moves, and the rebuilt tables'
    statistics follow their growth over the whole replay (shared.db.Statistics)."""
    bar: tqdm
    statistics: Statistics
    count: int = 0

    def applied(self, n: int) -> None:
        """``n`` more were applied."""
        self.count += n
        self.bar.update(n)
        self.statistics.applied(self.count)


def replay_own(live, rebuilt, service: ServiceDefinition, schema: str, done: Progress) -> int:
    """Apply the events of the ``live`` snapshot to ``schema`` on ``rebuilt``; how many."""
    count = 0
    with live.cursor(name="replay_events") as cur, ThreadPoolExecutor(max_workers=1) as reader:
        cur.itersize = 2000
        # the data as text: decoded for the projectors' keys, passed on as it is (DATA_TEXTS)
        cur.execute(f"SELECT {_AS_TEXT} FROM events ORDER BY tx_id, position")
        ahead = reader.submit(_read, cur, service.source)
        while (read := ahead.result())[0]:
            ahead = reader.submit(_read, cur, service.source)  # read while this batch is written
            events, texts = read
            token = DATA_TEXTS.set(texts)
            try:
                with rebuilt.transaction():
                    for_batches(rebuilt, schema)  # and no JIT (shared/db.py)
                    with rebuilt.pipeline():  # the projectors' statements go out without waiting
                        service.project_many(rebuilt, events)  # a few statements per lane and type
            finally:
                DATA_TEXTS.reset(token)
            count += len(events)
            done.applied(len(events))
    return count


def _read(cur, source: str) -> tuple[list, dict]:
    """The next 2,000 own events, and their data's texts by event id."""
    rows = cur.fetchmany(2000)
    return ([event_from_row({**r, "data": json.loads(r["data"])}, source) for r in rows],
            {r["event_id"]: r["data"] for r in rows})
