"""A replay whose service has batch handlers (shared/replay_consumed.py): the consumed records'
writes go out together at each batch's end, and the records the live consumer dead-lettered are
still skipped (the batch is redone record by record)."""
from __future__ import annotations

import dataclasses

from shared.consumer import UnprocessableEvent
from shared.envelope import to_record
from shared.replay import replay
from tests.integration.test_replay import NIPS, build_live_state
from tests.support.kafka import publish, publish_raw, read_topic
from tests.support.sample import SAMPLE, noted_event


def notes_applied(conn, events) -> None:
    """``apply_noted`` for a run of notes: one statement, each employee's count added once."""
    for event in events:
        note = event.data["note"]
        if note == "reject":
            raise UnprocessableEvent("notes saying 'reject' cannot be applied")
        if note.startswith("number:"):
            conn.execute("SELECT %s::int", (note.split(":", 1)[1],))
    conn.execute("INSERT INTO sample_notes (nip, notes) SELECT nip, count(*) FROM unnest(%s::text[])"
                 " AS n(nip) GROUP BY nip ON CONFLICT (nip) DO UPDATE"
                 " SET notes = sample_notes.notes + EXCLUDED.notes", ([e.subject for e in events],))


BATCHED = dataclasses.replace(SAMPLE, batch_handlers={"other.ThingNoted.v1": notes_applied})


def test_a_batched_replay_equals_live(sample_env, runner_for):
    build_live_state(sample_env, runner_for)
    report = replay(BATCHED, sample_env.settings, progress=False)
    assert (report.own_events, report.consumed_records) == (60, 26)
    assert len(report.skipped) == 1 and report.skipped[0].reason.startswith("unprocessable")
    assert report.equal and {t.table for t in report.tables} == {"sample_notes", "sample_totals"}


def test_a_batched_replay_still_skips_what_the_live_consumer_dead_lettered(sample_env, runner_for):
    topic, bootstrap = sample_env.other_topic, sample_env.bootstrap
    nul = noted_event(NIPS[3])
    key, _, headers = to_record(nul)
    publish_raw(bootstrap, topic, key, b'{"nip": "%s", "note": "\\u0000"}' % key, headers)
    publish(bootstrap, topic, [noted_event(NIPS[3], "number:twelve"), noted_event(NIPS[3]),
                               noted_event(NIPS[3], "reject"), noted_event(NIPS[3])])
    runner_for().process(read_topic(bootstrap, topic, at_least=5))  # the live consumer
    report = replay(BATCHED, sample_env.settings, progress=False)
    assert report.consumed_records == 5 and report.equal
    assert sorted(s.offset for s in report.skipped) == [0, 1, 3]
    with sample_env.connect() as conn:
        assert conn.execute("SELECT notes FROM sample_notes").fetchone()["notes"] == 2
