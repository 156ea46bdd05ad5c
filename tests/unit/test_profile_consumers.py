"""bench.profile_consumers sums py-spy's stacks of the consuming thread into phases."""
from __future__ import annotations

from bench.profile_consumers import OTHER, breakdown, phase_of

LOOP = "process (bench/x.py:1);consume (bench/feedback_replay.py:90);process (shared/consumer.py:87)"


def test_a_stack_goes_to_the_first_phase_whose_patterns_all_appear():
    decode = f"{LOOP};_decode (shared/consumer.py:193);from_record (shared/envelope.py:111)"
    assert phase_of(decode + ";loads (json/__init__.py:346)") == \
        "consumed: decode (headers, JSON, Event)"
    assert phase_of(decode + ";check (shared/events/registry.py:105)") == "consumed: schema check"
    append = f"{LOOP};record (shared/recording.py:40);append (shared/eventstore.py:66)"
    assert phase_of(append + ";check (shared/events/registry.py:105)") == "decided: schema check"
    assert phase_of(f"{LOOP};project (shared/service.py:132);ratings_compared "
                    "(services/feedback/projections.py:14)") == "decided: projector statements"
    assert phase_of("main (x.py:1)") == OTHER


def test_only_the_consuming_loop_counts_and_waiting_is_the_innermost_frame():
    lines = [f"{LOOP};poll (kafka/consumer/group.py:700);select (selectors.py:468) 3",
             f"{LOOP};lock_offsets (shared/ledger.py:44);execute (psycopg/cursor.py:113) 2",
             "heartbeat (kafka/coordinator/base.py:1000) 7"]
    phases, waiting, total = breakdown(lines)
    assert total == 5
    assert phases == {"Kafka fetch (poll)": 3, "runner: ledger (offsets, event ids)": 2}
    assert waiting == {"Kafka fetch (poll)": 3}
