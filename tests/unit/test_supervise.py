"""Relay and consumer processes restart after a lost connection instead of exiting."""
from __future__ import annotations

import threading

import psycopg
import pytest
from kafka.errors import KafkaConnectionError

from shared.runtime import supervise


def test_lost_connections_are_retried_until_the_run_returns(monkeypatch):
    failures = [psycopg.OperationalError("server closed the connection"), KafkaConnectionError("broker down")]
    calls = []

    def run(stop):
        calls.append(1)
        if failures:
            raise failures.pop(0)

    stop = threading.Event()
    monkeypatch.setattr(stop, "wait", lambda seconds: False)  # no real sleeping in a unit test
    supervise(run, stop, what="test")
    assert len(calls) == 3


def test_other_errors_propagate():
    def run(stop):
        raise KeyError("a bug")

    with pytest.raises(KeyError):
        supervise(run, threading.Event(), what="test")


def test_a_stop_during_backoff_ends_the_loop():
    stop = threading.Event()

    def run(_):
        stop.set()
        raise psycopg.OperationalError("gone")

    supervise(run, stop, what="test")
    assert stop.is_set()


def test_an_error_that_no_retry_can_mend_is_not_taken_for_a_lost_connection():
    from kafka.errors import MessageSizeTooLargeError
    calls = []

    def run(stop):
        calls.append(1)
        raise MessageSizeTooLargeError("the record is larger than max_request_size")

    with pytest.raises(MessageSizeTooLargeError):
        supervise(run, threading.Event(), what="test")
    assert len(calls) == 1


def test_a_relay_waiting_for_the_brokers_acks_says_so_every_few_seconds(caplog):
    from kafka.errors import KafkaTimeoutError

    from shared.clients import flush_saying_so

    class SlowBroker:
        waits = 0

        def flush(self, timeout=None):
            assert timeout is not None, "never an unbounded, silent wait"
            self.waits += 1
            if self.waits < 3:
                raise KafkaTimeoutError("not yet")

    with caplog.at_level("WARNING"):
        flush_saying_so(SlowBroker(), "sample-relay", 12)
    assert [r.getMessage() for r in caplog.records] == [
        "relay sample-relay waiting for Kafka to acknowledge 12 events"] * 2
