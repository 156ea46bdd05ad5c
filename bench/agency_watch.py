"""What ``bench.agency`` watches while a period runs: each service's relay backlog and consumer lag
(``shared.lag.service_lag``, read where the truth is kept), the events each service has recorded
(submissions, comparisons, training decisions, counted in its events table), and the peak resident
memory of every platform process (VmHWM from /proc, which the kernel keeps per process)."""
from __future__ import annotations

import resource
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from services.platform import definition as service_definition
from shared.config import SERVICES, Settings
from shared.lag import ServiceLag, service_lag
from tests.support.platform import Platform

# What each service records that the benchmark waits for, by event name (the type's middle part).
SUBMITTED = ("AssessmentSubmitted",)
COMPARED = ("RatingsCompared",)
DECIDED = ("TrainingAssigned", "DevelopmentOpportunityIdentified", "DevelopmentNeedUnmet")


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def activity(settings: Settings, service: str, names: tuple[str, ...]) -> tuple[int, float, float]:
    """How many events named ``names`` the service recorded, and the first and last one's time
    (seconds since the epoch; 0 when there are none)."""
    with psycopg.connect(settings.database_url(service)) as conn:
        n, first, last = conn.execute(
            "SELECT count(*), coalesce(extract(epoch FROM min(recorded_at)), 0),"
            " coalesce(extract(epoch FROM max(recorded_at)), 0) FROM events"
            " WHERE split_part(type, '.', 2) = ANY(%s)", (list(names),)).fetchone()
    return n, float(first), float(last)


def counted(settings: Settings, service: str, names: tuple[str, ...]) -> int:
    return activity(settings, service, names)[0]


def lags(settings: Settings) -> dict[str, ServiceLag]:
    return {s: service_lag(service_definition(s), settings) for s in SERVICES}


@dataclass
class Sample:
    at: float                      # seconds since the watch started
    submitted: int
    compared: int
    decided: int
    unpublished: dict[str, int]    # each relay's backlog
    consumer_lag: dict[str, int]   # each consumer's records not applied yet

    def line(self) -> str:
        relays = "/".join(f"{self.unpublished[s]:,}" for s in SERVICES)
        behind = "  ".join(f"{s} {n:,}" for s, n in self.consumer_lag.items())
        return (f"+{self.at:5.0f} s  submitted {self.submitted:,}  compared {self.compared:,}  "
                f"training decisions {self.decided:,}  relay backlog {relays}  "
                f"consumer lag {behind}")


@dataclass
class Memory:
    """The highest VmHWM seen of each process; a web process's workers under ``<name> worker``."""

    peaks: dict[str, int] = field(default_factory=dict)  # kB

    def sample(self, platform: Platform) -> None:
        for name, process in list(platform.processes.items()):
            self._note(name, [process.pid])
            if name.endswith("-web"):
                self._note(f"{name} worker", platform.workers(name))

    def _note(self, label: str, pids: list[int]) -> None:
        for pid in pids:
            kb = _peak_kb(pid)
            if kb:
                self.peaks[label] = max(self.peaks.get(label, 0), kb)

    def rows(self) -> list[tuple[str, float]]:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
        return [(k, v / 1024) for k, v in sorted(self.peaks.items())] + [
            ("bench.agency (the load generator)", own / 1024)]


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class Watch:
    """A thread printing a line of lag every ``every`` seconds and noting memory peaks."""

    def __init__(self, platform: Platform, every: float) -> None:
        self.platform, self.every = platform, every
        self.samples: list[Sample] = []
        self.memory = Memory()
        self.started = time.monotonic()
        self.error: Exception | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="watch", daemon=True)

    def __enter__(self) -> "Watch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(30)
        self.memory.sample(self.platform)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.samples.append(self.sample())
                progress(self.samples[-1].line())
                self.memory.sample(self.platform)
            except Exception as exc:  # noqa: BLE001 - a missed line is reported, not fatal
                self.error = exc
                progress(f"watch: could not read the lag ({exc!r})")

    def sample(self) -> Sample:
        settings = self.platform.settings
        found = lags(settings)
        return Sample(time.monotonic() - self.started,
                      counted(settings, "assessment", SUBMITTED),
                      counted(settings, "feedback", COMPARED),
                      counted(settings, "training", DECIDED),
                      {s: lag.unpublished for s, lag in found.items()},
                      {s: lag.consumer_lag for s, lag in found.items() if lag.partitions})


def wait_decided(settings: Settings, pairs: int, timeout: float) -> None:
    """Until feedback has compared ``pairs`` pairs and every relay and consumer has caught up,
    twice in a row a second apart; TimeoutError naming who is behind after ``timeout`` s."""
    deadline, calm, behind = time.monotonic() + timeout, 0, ["feedback"]
    while time.monotonic() < deadline:
        if counted(settings, "feedback", COMPARED) >= pairs:
            behind = [s for s, lag in lags(settings).items() if not lag.caught_up]
            calm = 0 if behind else calm + 1
            if calm >= 2:
                return
        time.sleep(1.0)
    raise TimeoutError(f"after {timeout:.0f} s still behind: {', '.join(behind)}")


def consumed(settings: Settings) -> dict[str, int]:
    """Each consuming service's records on its topics (all applied once it has caught up)."""
    return {s: sum(p.end for p in lag.partitions) for s, lag in lags(settings).items()
            if lag.partitions}
