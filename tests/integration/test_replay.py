"""Replay rebuilds the projections from zero and compares them with the live ones."""
from __future__ import annotations

from shared.db import Statistics
from shared.replay import replay
from shared.service import record
from shared.envelope import to_record
from tests.support.kafka import publish, publish_raw, read_topic
from tests.support.sample import SAMPLE, noted_event, recorded

NIPS = [f"19791231200501{n:04d}" for n in range(5)]


def build_live_state(env, runner_for) -> None:
    with env.connect() as conn:
        for i in range(60):
            nip = NIPS[i % 5]
            record(conn, SAMPLE, f"totals-{nip}", i // 5, [recorded(nip, amount=i)])
            conn.commit()
    events = [noted_event(NIPS[i % 5]) for i in range(25)] + [noted_event(NIPS[0], "reject")]
    publish(env.bootstrap, env.other_topic, events)
    runner_for().process(read_topic(env.bootstrap, env.other_topic, at_least=26))


def test_replay_equals_live(sample_env, runner_for):
    build_live_state(sample_env, runner_for)
    report = replay(SAMPLE, sample_env.settings, progress=False)
    assert (report.own_events, report.consumed_records) == (60, 26)
    assert {t.table: (t.live_rows, t.equal) for t in report.tables} == {
        "sample_notes": (5, True), "sample_totals": (5, True)}
    assert report.equal


def test_replay_finds_a_tampered_projection(sample_env, runner_for):
    build_live_state(sample_env, runner_for)
    with sample_env.connect() as conn:
        conn.execute("UPDATE sample_totals SET total = total + 1 WHERE nip = %s", (NIPS[2],))
        conn.commit()
    report = replay(SAMPLE, sample_env.settings, progress=False)
    assert not report.equal
    assert [t.table for t in report.tables if not t.equal] == ["sample_totals"]
    with sample_env.connect() as conn:
        left = conn.execute("SELECT count(*) AS n FROM information_schema.schemata"
                            " WHERE schema_name LIKE 'replay_%%'").fetchone()["n"]
    assert left == 0, "the rebuilt schema is dropped afterwards"


def test_replay_rebuilds_a_reactors_decisions_without_deciding_again(sample_env, runner_for):
    publish(sample_env.bootstrap, sample_env.other_topic,
            [noted_event(NIPS[1], "record:5"), noted_event(NIPS[2], "record:3")])
    runner_for().process(read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=2))
    report = replay(SAMPLE, sample_env.settings, progress=False)
    assert (report.own_events, report.consumed_records) == (2, 2)
    assert report.equal
    with sample_env.connect() as conn:
        assert conn.execute("SELECT count(*) AS n FROM events").fetchone()["n"] == 2


def test_replay_skips_and_reports_records_that_cannot_be_decoded_or_applied(sample_env, runner_for):
    topic, bootstrap = sample_env.other_topic, sample_env.bootstrap
    nul = noted_event(NIPS[3])
    key, _, headers = to_record(nul)
    publish_raw(bootstrap, topic, key, b'{"nip": "%s", "note": "\\u0000"}' % key, headers)
    publish(bootstrap, topic, [noted_event(NIPS[3], "number:twelve"), noted_event(NIPS[3])])
    runner_for().process(read_topic(bootstrap, topic, at_least=3))  # the live consumer
    report = replay(SAMPLE, sample_env.settings, progress=False)
    assert report.consumed_records == 3 and report.equal
    assert sorted(s.offset for s in report.skipped) == [0, 1]  # one key: one partition
    reasons = sorted(s.reason for s in report.skipped)
    assert reasons[0].startswith("other.ThingNoted.v1 data does not fit its schema")
    assert reasons[1].startswith("unprocessable: the database refused the data")
    assert {s.topic for s in report.skipped} == {topic}


def test_the_rebuilt_tables_are_analyzed_each_time_the_applied_count_doubles(sample_env):
    """Plans made for an empty table must not outlive its growth (shared.db.Statistics)."""
    def analyzed(conn) -> bool:
        return conn.execute("SELECT reltuples >= 0 AS done FROM pg_class WHERE oid = 'grown.t'::regclass"
                            ).fetchone()["done"]
    with sample_env.connect(autocommit=True) as conn:
        conn.execute("CREATE SCHEMA grown; CREATE TABLE grown.t AS SELECT generate_series(1, 10) n")
        statistics = Statistics(conn, "grown", first=100)
        statistics.applied(99)
        assert not analyzed(conn)
        statistics.applied(150)
        assert analyzed(conn) and statistics.next == 300
        conn.execute("DROP SCHEMA grown CASCADE")
