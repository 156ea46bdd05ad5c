"""The faults the chaos suite injects, one after the other, and how long each recovery takes.

Each fault is a kill -9 (what a crash or the OOM killer does) followed, after a pause, by what a
supervisor does: start the process again. gunicorn restarts a killed worker by itself. Recovery is
measured twice from the moment the component runs again (``restarted``):
``back``: it answers again (a web process's /ready, the broker's metadata, PostgreSQL's login);
``caught up``: every relay has published, and every consumer applied, all that was there at that
moment, i.e. the backlog the fault left is gone (the load goes on meanwhile, so "lag 0" would wait
for a quiet moment instead).
"""
from __future__ import annotations

import logging
import os
import signal
import threading
import time
import urllib.request
from dataclasses import dataclass

import psycopg
from kafka import KafkaConsumer, TopicPartition

from bench.chaos.infra import Infrastructure, wait_gone
from shared.config import SERVICES, Settings
from services.platform import definition as service_definition
from tests.support.platform import Platform

log = logging.getLogger(__name__)

ROUND = 9  # faults in one round: every kind once
CONSUMING = tuple(s for s in SERVICES if service_definition(s).consumes)


@dataclass(frozen=True)
class Fault:
    kind: str          # web-worker, web-master, relay, consumer, broker, postgres
    target: str = ""   # a service, or the PostgreSQL mode (fast restart, kill -9)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.target}".strip()


@dataclass
class Outcome:
    fault: Fault
    at: float                      # seconds into the run
    down: float = 0.0              # kill until restarted
    back: float | None = None      # restarted until it answers
    caught_up: float | None = None  # restarted until the backlog at that moment is applied
    note: str = ""


def schedule(count: int) -> list[Fault]:
    """``count`` faults (at least one round): every kind in one round (the web ones on
    assessment, which takes the load), then further rounds with the web faults on the next service
    and PostgreSQL killed -9 rather than restarted, alternately. The consumers come first in a
    round: a killed consumer's partitions wait for its group session to expire, the longest
    recovery, which the faults after it then overlap."""
    faults: list[Fault] = []
    round_ = 0
    while len(faults) < max(count, ROUND):
        web = SERVICES[round_ % len(SERVICES)]
        pg = "pg_ctl restart -m fast" if round_ % 2 == 0 else "kill -9 postmaster"
        faults += [Fault("consumer", "feedback"), Fault("web-worker", web),
                   Fault("relay", "assessment"), Fault("consumer", "training"),
                   Fault("web-master", web), Fault("relay", "feedback"), Fault("broker"),
                   Fault("relay", "training"), Fault("postgres", pg)]
        round_ += 1
    return faults[:max(count, ROUND)]




class Injector:
    def __init__(self, platform: Platform, infra: Infrastructure, *, pause: float = 2.0,
                 recovery_timeout: float = 120.0) -> None:
        self.platform, self.infra = platform, infra
        self.settings: Settings = platform.settings
        self.pause, self.recovery_timeout = pause, recovery_timeout
        self.started = time.monotonic()
        self._measuring: list[threading.Thread] = []

    def inject(self, fault: Fault) -> Outcome:
        """Break, restart, wait until it answers again; "caught up" is measured in the
        background (the next fault does not wait for it: ``finish`` does)."""
        outcome = Outcome(fault, round(time.monotonic() - self.started, 1))
        t0 = time.monotonic()
        back = getattr(self, "_" + fault.kind.replace("-", "_"))(fault, outcome)
        restarted = time.monotonic()
        outcome.down = round(restarted - t0, 2)
        deadline = restarted + self.recovery_timeout
        if self._until(back, deadline, outcome):
            outcome.back = round(time.monotonic() - restarted, 2)
        thread = threading.Thread(target=self._measure, args=(outcome, restarted,
                                                              restarted + self.recovery_timeout),
                                  daemon=True)
        thread.start()
        self._measuring.append(thread)
        return outcome

    def _measure(self, outcome: Outcome, restarted: float, deadline: float) -> None:
        mark = self._until(lambda: snapshot(self.settings), deadline, outcome)
        if mark and self._until(lambda: caught_up(self.settings, mark), deadline, outcome):
            outcome.caught_up = round(time.monotonic() - restarted, 2)

    def finish(self) -> None:
        """Wait for every recovery still being measured."""
        for thread in self._measuring:
            thread.join(self.recovery_timeout + 30)

    @staticmethod
    def _until(condition, deadline: float, outcome: Outcome, every: float = 0.2):
        """``condition()``'s first true answer; None when time runs out (the last error noted)."""
        error = None
        while True:
            try:
                result = condition()
            except Exception as exc:  # noqa: BLE001 - a server still down: look again
                result, error = None, exc
            if result:
                return result
            if time.monotonic() > deadline:
                if error is not None:
                    outcome.note += f" last error: {type(error).__name__}: {error}"[:300]
                return None
            time.sleep(every)

    # ---------------------------------------------------------------- the faults
    def _web_worker(self, fault: Fault, outcome: Outcome):
        name = f"{fault.target}-web"
        workers = self.platform.workers(name)
        victim = workers[0]
        os.kill(victim, signal.SIGKILL)
        outcome.note = f"worker pid {victim}; gunicorn starts another"
        want = len(workers)
        return lambda: (len([w for w in self.platform.workers(name) if w != victim]) >= want
                        and self._ready(fault.target))

    def _web_master(self, fault: Fault, outcome: Outcome):
        name = f"{fault.target}-web"
        workers = self.platform.workers(name)
        self.platform.kill(name)
        # Orphaned workers notice their master is gone and exit (they hold the listening port).
        if not wait_gone(workers, 30):
            for w in workers:
                try:
                    os.kill(w, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            outcome.note = "orphaned workers outlived their master for 30 s; killed"
        time.sleep(self.pause)
        self.platform.restart(name)
        return lambda: self._ready(fault.target)

    def _process(self, name: str):
        self.platform.kill(name)
        time.sleep(self.pause)
        self.platform.restart(name)
        return lambda: self.platform.processes[name].poll() is None

    def _relay(self, fault: Fault, outcome: Outcome):
        return self._process(f"{fault.target}-relay")

    def _consumer(self, fault: Fault, outcome: Outcome):
        return self._process(f"{fault.target}-consumer")

    def _broker(self, fault: Fault, outcome: Outcome):
        self.infra.kafka.kill9()
        time.sleep(self.pause)
        self.infra.kafka.start()
        return lambda: True

    def _postgres(self, fault: Fault, outcome: Outcome):
        pg = self.infra.postgres
        if fault.target.startswith("kill"):
            pg.kill9()
            time.sleep(self.pause)
            pg.start()
        else:
            pg.restart_fast()
        return lambda: all(self._ready(s) for s in SERVICES)

    def _ready(self, service: str) -> bool:
        try:
            with urllib.request.urlopen(f"{self.settings.service_urls[service]}/ready",
                                        timeout=3) as response:
                return response.status == 200
        except OSError:
            return False


# -------------------------------------------------------------------- progress marks
def _consumed_topics(settings: Settings) -> list[str]:
    return sorted({t for s in CONSUMING for t in service_definition(s).consumed_topics(settings)})


def end_offsets(settings: Settings, topics: list[str]) -> dict[TopicPartition, int]:
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, group_id=None,
                             enable_auto_commit=False, client_id="chaos-marks",
                             request_timeout_ms=5000)
    try:
        parts = [TopicPartition(t, p) for t in topics
                 for p in sorted(consumer.partitions_for_topic(t) or ())]
        return consumer.end_offsets(parts)
    finally:
        consumer.close(autocommit=False)


def snapshot(settings: Settings) -> dict:
    """Where each events table and each consumed topic ends now."""
    stores = {}
    for s in SERVICES:
        with psycopg.connect(settings.database_url(s), connect_timeout=3) as conn:
            row = conn.execute("SELECT tx_id::text, position FROM events"
                               " ORDER BY tx_id DESC, position DESC LIMIT 1").fetchone()
        stores[s] = row
    return {"stores": stores, "ends": end_offsets(settings, _consumed_topics(settings))}


def caught_up(settings: Settings, mark: dict) -> bool:
    """Every relay published up to the mark, every consumer applied every record before it."""
    for s in SERVICES:
        definition = service_definition(s)
        with psycopg.connect(settings.database_url(s), connect_timeout=3) as conn:
            last = mark["stores"][s]
            if last is not None:
                done = conn.execute("SELECT (tx_id, position) >= (%s::xid8, %s) FROM relay_cursor"
                                    " WHERE name = %s", (*last, definition.relay_name)).fetchone()
                if not done or not done[0]:
                    return False
            if definition.consumes:
                applied = {(t, p): off + 1 for t, p, off in conn.execute(
                    "SELECT topic, partition, last_offset FROM consumer_offsets"
                    " WHERE consumer = %s", (definition.consumer_name,)).fetchall()}
                topics = set(definition.consumed_topics(settings))
                if any(applied.get((tp.topic, tp.partition), 0) < end
                       for tp, end in mark["ends"].items() if tp.topic in topics):
                    return False
    return True
