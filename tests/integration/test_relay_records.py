"""The relay builds its records from texts PostgreSQL prints (shared.outbox.ELIGIBLE); they are
byte for byte the records ``to_record`` makes of the stored events, as psycopg loads them, in any
time zone, with and without microseconds, with any metadata; and so is what reaches Kafka."""
from __future__ import annotations

import itertools
import json
import time
import uuid

from psycopg.rows import tuple_row
from psycopg.types.json import Jsonb

from shared.clients import producer_for
from shared.envelope import SourceHeaders, to_record
from shared.eventstore import EVENT_COLUMNS, event_from_row
from shared.outbox import (DATA, ELIGIBLE, EVENT_ID, METADATA, SUBJECT, TX_ID, Cursor,
                           horizon, print_times_as_psycopg)
from shared.relay import Relay
from tests.support.kafka import read_topic
from tests.support.sample import NIP, SAMPLE

TIMES = ("2026-12-06 12:53:18.123456+00", "2026-12-06 12:53:18+00", "2026-06-30 23:59:59.000001+00",
         "2026-03-29 01:30:00.5+00", "1969-12-31 23:59:59.999999+00", "1900-01-01 00:00:00+00")
METADATA_ = ({}, {"actor": NIP, "correlationid": str(uuid.UUID(int=7)), "requestid": "r-1"},
             {"n": 5, "flag": True, "ratio": 0.1, "nested": {"a": [1, "b"]}, "Bad Key": "dropped",
              "id": "not the id", "none": None, "teks": 'é 😀 "q" \\ \n', "Ünï": "dropped",
              "a" * 21: "too long", "actor\n": "as Python's $ matches it"})
# Zones with offsets of whole hours, of half and three quarters of one, west of UTC, with summer
# time, and (1900) local mean times with seconds; the last one is a zone psycopg does not know
# (it loads times in UTC then, and the relay has PostgreSQL print them in UTC too).
ZONES = ("UTC", "Etc/UTC", "Asia/Jakarta", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham",
         "Europe/Dublin", "America/Los_Angeles", "<+03>-03")
DATA_ = {"nip": NIP, "note": 'emoji 😀 漢字 "q" \\ \n\t\x01', "n": 1.5, "list": [1, None, True]}


def stored_rows(conn) -> int:
    rows = [(uuid.uuid4(), f"s-{i}", 1, "other.ThingNoted.v1", NIP, Jsonb(DATA_), Jsonb(metadata), at)
            for i, (at, metadata) in enumerate(itertools.product(TIMES, METADATA_))]
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO events (event_id, stream_id, version, type, subject, data,"
                        " metadata, recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)
    return len(rows)


def expected_records(conn) -> dict:
    """What to_record makes of each stored event as psycopg loads it, by ce_id."""
    rows = conn.execute(f"SELECT {EVENT_COLUMNS}, data::text AS data_json FROM events").fetchall()
    return {str(row["event_id"]).encode(): to_record(event_from_row(row, SAMPLE.source),
                                                       row["data_json"].encode())
            for row in rows}


def eligible_records(conn, headers: SourceHeaders) -> dict:
    """The relay's records from ELIGIBLE's rows, by ce_id."""
    with conn.cursor(row_factory=tuple_row) as cur:
        rows = cur.execute(ELIGIBLE, {"tx_id": "0", "position": 0, "limit": 1000,
                                      "horizon": horizon(conn)},
                           binary=True).fetchall()
    return {row[EVENT_ID]: (row[SUBJECT], row[DATA], headers.of(*row[EVENT_ID:DATA], row[METADATA]))
            for row in rows}


def test_the_texts_postgresql_prints_make_the_records_to_record_made_in_every_time_zone(sample_env):
    headers = SourceHeaders(SAMPLE.source)
    with sample_env.connect(autocommit=True) as conn:
        n = stored_rows(conn)
        deadline = time.monotonic() + 20  # this database's other sessions may hold the horizon
        while len(eligible_records(conn, headers)) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        for zone in ZONES:
            conn.execute("SELECT set_config('TimeZone', %s, false)", (zone,))
            expected = expected_records(conn)
            print_times_as_psycopg(conn)
            got = eligible_records(conn, headers)
            assert len(got) == n and got == expected, zone
            if zone == "Asia/Kolkata":
                times = {dict(h)["ce_time"] for _, _, h in got.values()}
                assert {b"2026-12-06T18:23:18.123456+05:30", b"2026-12-06T18:23:18+05:30"} <= times


def test_what_reaches_kafka_is_what_to_record_makes(sample_env):
    with sample_env.connect(autocommit=True) as conn:
        n = stored_rows(conn)
        expected = expected_records(conn)
        producer = producer_for(sample_env.bootstrap)
        relay, cursor, deadline = (Relay(sample_env.url, producer, sample_env.events_topic,
                                         SAMPLE.source, name="sample-relay"), Cursor(),
                                   time.monotonic() + 20)
        try:
            while relay.published < n and time.monotonic() < deadline:
                relay.publish_batch(conn, cursor)
                time.sleep(0.05)
        finally:
            producer.close()
    records = read_topic(sample_env.bootstrap, sample_env.events_topic, at_least=n)
    got = {dict(r.headers)["ce_id"]: (r.key, r.value, list(r.headers)) for r in records}
    assert len(records) == n and got == expected
    assert json.loads(next(iter(got.values()))[1]) == DATA_


def test_eligible_events_come_in_transaction_order_not_in_the_order_of_its_text(sample_env):
    """Transaction ids 9, 10 and 100 (given by hand: below any running one) come in that order."""
    with sample_env.connect(autocommit=True) as conn:
        for tx_id in ("100", "9", "10"):
            conn.execute("INSERT INTO events (tx_id, event_id, stream_id, version, type, subject,"
                         " data) VALUES (%s::xid8, gen_random_uuid(), %s, 1, 'other.ThingNoted.v1',"
                         " %s, '{}')", (tx_id, f"tx-{tx_id}", NIP))
        with conn.cursor(row_factory=tuple_row) as cur:
            rows = cur.execute(ELIGIBLE, {"tx_id": "0", "position": 0, "limit": 10,
                                          "horizon": horizon(conn)},
                               binary=True).fetchall()
    assert [row[TX_ID] for row in rows] == ["9", "10", "100"]
