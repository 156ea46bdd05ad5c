"""Load through the public API while things break: every employee's self-assessment and their
supervisor's assessment, period after period, each sent with the assessor's own token and an
Idempotency-Key, and retried under the same key until the service acknowledges it (2xx).

Every acknowledged submission is recorded: (period, NIP, role, submission number), whether the
answer was a replay of a first attempt that had got through, and when. The API's answer names no
event id or position; the checks find each acknowledged submission's event by those four values.
"""
from __future__ import annotations

import http.client
import queue
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from demo import drive
from demo.agency import Agency
from tools.apiclient import ApiClient, ApiError, Unreachable, dev_token
from shared.config import Settings
from shared.transactions import REPLAYED_HEADER

RETRYABLE = (408, 425, 429)  # and every 5xx: the service may have got it; the key makes it once


@dataclass(frozen=True)
class Ack:
    period_id: str
    nip: str
    role: str
    submission: int
    replayed: bool
    attempts: int
    at: float


@dataclass
class Figures:
    sent: int = 0                     # HTTP requests (attempts, retries included)
    acknowledged: int = 0             # submissions answered 2xx
    failed: Counter = field(default_factory=Counter)   # attempts without an answer, or 5xx
    refused: Counter = field(default_factory=Counter)  # submissions answered 4xx (never retried)
    replayed: int = 0                 # acknowledgements that were a stored first answer
    given_up: int = 0                 # submissions still unacknowledged when the drain ended
    periods: list = field(default_factory=list)


class Load:
    """``threads`` senders at about ``rate`` new submissions a second, until ``stop``."""

    def __init__(self, settings: Settings, agency: Agency, standards: dict, hr: ApiClient, *,
                 rate: float, threads: int, run_id: str, seed: int = 1,
                 first_year: int = 2031, timeout: float = 10.0) -> None:
        self.settings, self.agency, self.standards, self.hr = settings, agency, standards, hr
        self.rate, self.threads, self.run_id, self.seed = rate, threads, run_id, seed
        self.first_year, self.timeout = first_year, timeout
        self.figures = Figures()
        self.acks: list[Ack] = []
        self._lock = threading.Lock()
        self._queue: queue.Queue = queue.Queue(maxsize=threads * 2)
        self._stopping = threading.Event()   # no new submissions
        self._give_up = threading.Event()    # stop retrying the ones in hand
        self._workers: list[threading.Thread] = []
        self._token = lru_cache(maxsize=None)(
            lambda nip: dev_token(settings, nip, ["employee"]))

    # ---------------------------------------------------------------- running
    def start(self) -> None:
        self._workers = [threading.Thread(target=self._feed, name="chaos-feed", daemon=True)]
        self._workers += [threading.Thread(target=self._send_loop, name=f"chaos-send-{i}",
                                           daemon=True) for i in range(self.threads)]
        for t in self._workers:
            t.start()

    def stop(self, drain: float = 120.0) -> None:
        """No new submissions; those in hand are retried for up to ``drain`` seconds."""
        self._stopping.set()
        deadline = time.monotonic() + drain
        for t in self._workers:
            t.join(max(deadline - time.monotonic(), 0.1))
        self._give_up.set()
        for t in self._workers:
            t.join(15)

    def _periods(self):
        year = self.first_year
        while True:
            for quarter in (1, 2, 3, 4):
                yield f"{year}-Q{quarter}"
            year += 1

    def _feed(self) -> None:
        pause = 1.0 / self.rate
        try:
            for period in self._periods():
                if self._stopping.is_set():
                    return
                self._open(period)
                todo = drive.pending_submissions(self.agency, {}, self.standards, period, self.seed)
                for s in todo:
                    next_at = time.monotonic() + pause
                    while not self._stopping.is_set():
                        try:
                            self._queue.put((period, s), timeout=0.5)
                            break
                        except queue.Full:
                            continue
                    if self._stopping.is_set():
                        return
                    time.sleep(max(next_at - time.monotonic(), 0))
        finally:
            for _ in range(self.threads):
                self._queue.put(None)

    def _open(self, period: str) -> None:
        """Open the period as HR, retrying through outages (an already open one is fine)."""
        while not self._give_up.is_set():
            try:
                drive.ensure_period(self.hr, period)
                self.figures.periods.append(period)
                return
            except ApiError as exc:
                if exc.code == "period_exists":
                    self.figures.periods.append(period)
                    return
                if exc.status < 500:
                    raise
            except Unreachable:
                pass
            time.sleep(1)

    def _send_loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            self._send(*item)

    def _send(self, period: str, s: drive.Submission) -> None:
        client = ApiClient(self.settings.service_urls["assessment"], self._token(s.assessor),
                           timeout=self.timeout)
        key = f"chaos-{self.run_id}-{period}-{s.nip}-{s.role}"
        path = f"/periods/{period}/assessments/{s.nip}/{s.role}/submission"
        backoff, attempts = 0.2, 0
        while not self._give_up.is_set():
            attempts += 1
            with self._lock:
                self.figures.sent += 1
            try:
                body, headers = client.exchange("POST", path, s.body,
                                                headers={"Idempotency-Key": key})
            except ApiError as exc:
                if exc.status < 500 and exc.status not in RETRYABLE:
                    with self._lock:
                        self.figures.refused[f"{exc.status} {exc.code}"] += 1
                    return
                cause = f"HTTP {exc.status}"
            except (Unreachable, http.client.HTTPException, ValueError):
                cause = "no answer"  # refused, reset, timed out, cut mid-answer
            else:
                ack = Ack(period, s.nip, s.role, body["submission"],
                          headers.get(REPLAYED_HEADER) == "true", attempts, time.monotonic())
                with self._lock:
                    self.acks.append(ack)
                    self.figures.acknowledged += 1
                    self.figures.replayed += ack.replayed
                return
            with self._lock:
                self.figures.failed[cause] += 1
            self._give_up.wait(backoff)
            backoff = min(backoff * 2, 2.0)
        with self._lock:
            self.figures.given_up += 1
