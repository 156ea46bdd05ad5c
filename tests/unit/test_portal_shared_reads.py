"""The portal's few seconds' memory of Dasbor's reads (services/portal/shared_reads.py): kept
while fresh with the time it was read, read again after, never kept when the read fails or the
TTL is 0, and read once when several threads ask for the same key at once."""
from __future__ import annotations

import threading
import time

import pytest

from services.portal.settings import PortalSettings
from services.portal.shared_reads import SharedReads


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Reads:
    def __init__(self, answer="figures", wait: float = 0.0) -> None:
        self.answer, self.wait, self.count = answer, wait, 0
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            self.count += 1
        time.sleep(self.wait)
        return self.answer


def test_kept_while_fresh_with_the_time_it_was_read_then_read_again():
    clock, reads = Clock(), Reads()
    shared = SharedReads(5, timer=clock)
    first = shared.get(("2026-Q4", "BWD", "id"), reads)
    clock.now += 4.9
    assert shared.get(("2026-Q4", "BWD", "id"), reads) == first and reads.count == 1
    clock.now += 0.2
    again = shared.get(("2026-Q4", "BWD", "id"), reads)
    assert reads.count == 2 and again[1] == "figures" and again[0] >= first[0]


def test_each_key_apart():
    reads = Reads()
    shared = SharedReads(5, timer=Clock())
    for key in [("2026-Q4", "BWD", "id"), ("2026-Q4", "BWD", "en"), ("2026-Q4", None, "id")]:
        shared.get(key, reads)
    assert reads.count == 3


def test_ttl_0_reads_every_time():
    reads = Reads()
    shared = SharedReads(0)
    shared.get("k", reads)
    shared.get("k", reads)
    assert reads.count == 2


def test_a_failed_read_is_not_kept():
    shared, reads = SharedReads(5, timer=Clock()), Reads()

    def refused():
        raise RuntimeError("503 from the service")

    with pytest.raises(RuntimeError):
        shared.get("k", refused)
    shared.get("k", reads)
    assert reads.count == 1


def test_people_asking_at_once_share_one_read():
    shared, reads = SharedReads(5), Reads(wait=0.2)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(shared.get("k", reads)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reads.count == 1 and len(set(answers)) == 1


def test_the_setting(monkeypatch):
    monkeypatch.delenv("ASN_PORTAL_DASHBOARD_TTL", raising=False)
    assert PortalSettings.from_env().dashboard_ttl == 5.0
    monkeypatch.setenv("ASN_PORTAL_DASHBOARD_TTL", "0")
    assert PortalSettings.from_env().dashboard_ttl == 0
