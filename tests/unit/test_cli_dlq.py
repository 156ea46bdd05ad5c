"""How ``asn dlq`` reads and shows dead letters, and what it refuses to re-drive (no servers)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from tools.cli.main import main as asn
from tools.cli.dlq import position
from tools.cli.dlq_text import list_table, value_text
from tools.deadletters import DeadLetter, service_label
from tools.redrive import plan
from shared.config import Settings
from shared.deadletter import dead_letter
from shared.envelope import to_record
from tests.support.sample import noted_event

NIP = "198505052010010001"


def record(topic="x.other.events", partition=1, offset=7, key=None, value=b"", headers=()):
    return SimpleNamespace(topic=topic, partition=partition, offset=offset, key=key, value=value,
                           headers=list(headers))


def letter(original, limit=768 * 1024, reason="unprocessable: no", at=(2, 5)) -> DeadLetter:
    """The dead letter the consumer would write for ``original``, as read back from its topic."""
    key, value, headers = dead_letter(original, consumer="training-consumer", reason=reason,
                                      limit=limit)
    return DeadLetter("training", record("x.training.dlq", *at, key, value, headers))


def an_event(note="ok"):
    key, value, headers = to_record(noted_event(NIP, note))
    return record(key=key, value=value, headers=headers)


def test_a_dead_letter_names_its_original_and_keeps_its_headers():
    original = an_event()
    dead = letter(original)
    assert (dead.spot, dead.origin, dead.origin_text) == ("2:5", ("x.other.events", 1, 7),
                                                          "x.other.events[1]@7")
    assert dead.whole and dead.truncated is None and dead.cut_text() == "whole"
    assert dead.original_headers == original.headers
    assert dead.header("ce_subject") == NIP and dead.header("dlq_reason") == "unprocessable: no"
    summary = dead.summary()
    assert summary["origin"] == {"topic": "x.other.events", "partition": 1, "offset": 7}
    assert (summary["consumer"], summary["truncated_from"]) == ("training-consumer", None)


def test_a_cut_dead_letter_is_refused_without_from_origin():
    original = an_event("x" * 3000)
    dead = letter(original, limit=1500)
    assert dead.truncated == len(original.value) and not dead.whole
    assert dead.cut_text() == f"cut from {len(original.value)} B"
    refused = plan(dead, "training", None, from_origin=False).refused
    assert "its value was cut" in refused
    assert "the whole record is at x.other.events[1]@7" in refused
    assert "`asn dlq redrive training 2:5 --from-origin`" in refused


def test_dropped_headers_and_records_that_are_no_event_are_refused():
    huge_headers = an_event()
    huge_headers.headers.append(("ce_comment", b"h" * 3000))
    dead = letter(huge_headers, limit=1500)
    assert dead.headers_dropped and dead.cut_text().startswith("headers dropped")
    assert "its headers were dropped and its value was cut" in plan(
        dead, "training", None, False).refused
    poison = letter(record(key=b"k", value=b"not json"), reason="not a CloudEvent")
    assert "not a CloudEvent (no ce_id)" in plan(poison, "training", None, False).refused
    lost = DeadLetter("training", record(headers=[("dlq_reason", b"?")]))
    assert lost.origin is None and "no dlq_topic/dlq_partition/dlq_offset" in plan(
        lost, "training", None, False).refused
    ok = plan(letter(an_event()), "training", None, False)
    assert ok.refused is None and not any(k.startswith("dlq_") for k, _ in ok.headers)


def test_the_list_cuts_the_reason_to_the_terminal_and_keeps_one_line_each():
    long = letter(an_event(), reason="unprocessable: the database refused the data: a\nlong " * 20)
    lines = list_table([long, letter(an_event(), at=(0, 3))], width=150).splitlines()
    assert len(lines) == 4 and all(len(line) <= 150 for line in lines)
    assert lines[2].endswith("…") and "refused the data: a long" in lines[2]  # newlines too
    assert lines[3].split()[:2] == ["training", "0:3"] and lines[3].endswith("unprocessable: no")
    narrow = list_table([long], width=40).splitlines()[2]
    assert narrow.endswith("  unprocessable: the data…")  # never under 24 characters


def test_a_value_is_pretty_printed_if_json_else_previewed():
    assert value_text(b'{"nip": "1", "note": "\xc3\xa9"}') == (
        'value (26 bytes, JSON):\n{\n  "nip": "1",\n  "note": "é"\n}')
    text = value_text(b"\xffab" * 100)
    assert text.startswith("value (300 bytes, not JSON) (first 256 shown):")
    assert "text: '\ufffdab" in text and "hex:  ff 61 62 ff" in text
    assert value_text(None) == "value: none (null)"


def test_positions_and_names():
    assert position("2:17") == (2, 17) and position("17") == (None, 17)
    settings = Settings().with_(topic_prefix="x.")
    assert service_label("x.training.dlq", settings) == "training"
    assert service_label("elsewhere", settings) == "elsewhere"


@pytest.mark.parametrize("argv", [["dlq", "show", "training", "two"],
                                  ["dlq", "show", "training", "1:-3"],
                                  ["dlq", "list", "assessment"], ["dlq", "redrive"]])
def test_bad_arguments_exit_2(argv, capsys):
    assert asn(argv) == 2
    assert "usage: asn dlq" in capsys.readouterr().err
