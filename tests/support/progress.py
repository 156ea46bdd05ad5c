"""Progress of a running platform, sampled from its databases every few tenths of a second: events
the assessment relay has published and records each consumer has applied. It reads PostgreSQL only,
so it keeps sampling while Kafka is in trouble, and says afterwards for how long nothing moved."""
from __future__ import annotations

import threading
import time

import psycopg

from services.platform import definition as service_definition
from shared.config import Settings
from shared.outbox import unpublished

CONSUMERS = ("feedback", "training")


class Progress:
    """``samples``: (monotonic time, published by the assessment relay, applied by each consumer
    of the assessment topic)."""

    def __init__(self, settings: Settings, every: float = 0.2) -> None:
        self.settings, self.every = settings, every
        self.samples: list[tuple[float, int, dict[str, int]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="progress", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        assessment = service_definition("assessment")
        topic = assessment.events_topic(self.settings)
        urls = {s: self.settings.database_url(s) for s in ("assessment", *CONSUMERS)}
        conns = {s: psycopg.connect(url, autocommit=True) for s, url in urls.items()}
        try:
            while not self._stop.is_set():
                stored = conns["assessment"].execute("SELECT count(*) FROM events").fetchone()[0]
                published = stored - unpublished(conns["assessment"], assessment.relay_name)
                applied = {c: conns[c].execute(
                    "SELECT coalesce(sum(last_offset + 1), 0) FROM consumer_offsets"
                    " WHERE consumer = %s AND topic = %s",
                    (service_definition(c).consumer_name, topic)).fetchone()[0] for c in CONSUMERS}
                self.samples.append((time.monotonic(), published, applied))
                self._stop.wait(self.every)
        finally:
            for conn in conns.values():
                conn.close()

    @property
    def alive(self) -> bool:
        """Whether samples are still being taken (False once stopped, or if sampling failed)."""
        return self._thread.is_alive()

    @property
    def latest(self) -> tuple[int, dict[str, int]]:
        """(published, applied by each consumer) at the last sample."""
        return self.samples[-1][1:] if self.samples else (0, {c: 0 for c in CONSUMERS})

    def longest_stall(self, start: float, end: float) -> dict[str, float]:
        """The longest time between ``start`` and ``end`` in which the relay published nothing, and
        in which each consumer applied nothing (seconds, to the sampling interval)."""
        series = {"relay": [(t, p) for t, p, _ in self.samples]}
        series |= {c: [(t, a[c]) for t, _, a in self.samples] for c in CONSUMERS}
        return {name: _stall([(t, v) for t, v in points if start <= t <= end])
                for name, points in series.items()}


def _stall(points: list[tuple[float, int]]) -> float:
    longest, since, last = 0.0, None, None
    for t, value in points:
        if value != last:
            since, last = t, value
        longest = max(longest, t - since)
    return round(longest, 1)
