"""``asn dlq`` on the real Kafka and PostgreSQL: dead letters written by a real ConsumerRunner are
listed, shown and re-driven; the consumer that dead-lettered a record applies it once."""
from __future__ import annotations

import io
import json

import pytest

from tools.cli.main import main as asn
from shared.consumer import ConsumerRunner, UnprocessableEvent
from tests.support.kafka import publish, publish_raw, read_topic
from tests.support.sample import REGISTRY, noted_event

NIP = "198505052010010001"


@pytest.fixture
def cli(sample_env, monkeypatch, capsys):
    """Runs ``asn`` with the sample service's settings in the environment: (code, out, err)."""
    s = sample_env.settings
    for name, value in {"ASN_DATABASE_PREFIX": s.database_prefix,
                        "ASN_TOPIC_PREFIX": s.topic_prefix,
                        "ASN_TOPIC_PARTITIONS": str(s.topic_partitions),
                        "ASN_KAFKA_BOOTSTRAP": s.kafka_bootstrap,
                        "COLUMNS": "250"}.items():  # a wide terminal: the reasons are not cut
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal to ask on

    def run(*argv):
        code = asn([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def notes(env) -> dict[str, int]:
    with env.connect() as conn:
        return {r["nip"]: r["notes"] for r in conn.execute("SELECT nip, notes FROM sample_notes")}


def consume(env, runner, at_least: int):
    """One batch of everything on the consumed topic (what was applied before is a duplicate)."""
    return runner.process(read_topic(env.bootstrap, env.other_topic, at_least=at_least))


def fix(runner) -> None:
    """The handler fixed: every note is applied (as tests/integration/test_consumer.py does)."""
    runner.handlers = {**runner.handlers, "other.ThingNoted.v1": lambda conn, e: conn.execute(
        "INSERT INTO sample_notes (nip, notes) VALUES (%s, 1) ON CONFLICT (nip)"
        " DO UPDATE SET notes = sample_notes.notes + 1", (e.subject,))}


def spots(env, at_least: int) -> list[str]:
    return [f"{r.partition}:{r.offset}" for r in read_topic(env.bootstrap, env.dlq_topic,
                                                            at_least=at_least)]


def test_list_and_show_what_the_consumer_dead_lettered(sample_env, runner_for, cli):
    code, out, _ = cli("dlq", "list", sample_env.dlq_topic)
    assert (code, out) == (0, "sample: 0 dead letter(s)\n")  # an empty topic: no waiting
    rejected = noted_event(NIP, "reject")
    publish(sample_env.bootstrap, sample_env.other_topic, [rejected, noted_event(NIP)])
    publish_raw(sample_env.bootstrap, sample_env.other_topic, NIP.encode(), b"\x00not json\xff", [])
    result = consume(sample_env, runner_for(), 3)
    assert (result.applied, result.dead_lettered) == (1, 2)
    [first, second] = spots(sample_env, 2)

    code, out, _ = cli("dlq", "list", sample_env.dlq_topic)
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["service", "dlq", "original", "type", "subject",
                                              "value", "reason"]
    assert lines[-1] == "sample: 2 dead letter(s)"
    assert lines[2].split()[:5] == ["sample", first, f"{sample_env.other_topic}[{first[0]}]@0",
                                    "other.ThingNoted.v1", NIP]
    assert "whole  unprocessable: notes saying 'reject' cannot be applied" in lines[2]
    assert "sample" in lines[3] and "not a CloudEvent: missing ce_id" in lines[3]

    code, out, err = cli("dlq", "list", sample_env.dlq_topic, "--json")
    letters = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == "sample: 2 dead letter(s)\n"
    assert letters[0] == {
        "service": "sample", "dlq_topic": sample_env.dlq_topic, "partition": int(first[0]),
        "offset": 0,
        "origin": {"topic": sample_env.other_topic, "partition": int(first[0]), "offset": 0},
        "type": "other.ThingNoted.v1", "subject": NIP, "id": str(rejected.id),
        "consumer": "sample-consumer",
        "reason": "unprocessable: notes saying 'reject' cannot be applied",
        "value_bytes": letters[0]["value_bytes"], "truncated_from": None, "headers_dropped": False}

    code, out, _ = cli("dlq", "show", sample_env.dlq_topic, first)
    assert code == 0 and f"dead letter sample {first}" in out
    assert "reason:    unprocessable: notes saying 'reject' cannot be applied" in out
    assert "whole:     yes" in out
    headers = dict(line.split(None, 1) for line in
                   out.split("\nheaders:\n")[1].split("\nvalue")[0].splitlines())
    assert headers["ce_id"] == str(rejected.id) and headers["dlq_consumer"] == "sample-consumer"
    assert headers["dlq_topic"] == sample_env.other_topic and headers["dlq_offset"] == "0"
    # an OFFSET alone names the dead letter when only one partition reaches it
    assert cli("dlq", "show", sample_env.dlq_topic, "0")[1] == out
    assert "JSON):\n{\n" in out and '"note": "reject"' in out  # pretty-printed
    code, out, _ = cli("dlq", "show", sample_env.dlq_topic, second)
    assert code == 0 and "value (10 bytes, not JSON):" in out
    assert "text: '\\x00not json�'" in out and "hex:  00 6e 6f 74" in out

    code, _, err = cli("dlq", "show", sample_env.dlq_topic, f"{first[0]}:99")
    assert code == 1 and f"error: no dead letter at {first[0]}:99" in err
    code, _, err = cli("dlq", "show", "assessment", "0")
    assert code == 2 and "assessment consumes no topic" in err


def test_a_dead_letter_re_driven_after_the_fix_is_applied_exactly_once(sample_env, runner_for, cli):
    event = noted_event(NIP, "reject")
    publish(sample_env.bootstrap, sample_env.other_topic, [event])
    runner = runner_for()
    assert consume(sample_env, runner, 1).dead_lettered == 1
    seen, conn = [], sample_env.connect()  # another consumer of the topic, which applied it
    other = ConsumerRunner(conn, name="audit-consumer", dlq_producer=None, dlq_topic="",
                           handlers={"other.ThingNoted.v1": lambda c, e: seen.append(e.id)},
                           registry=REGISTRY)
    assert consume(sample_env, other, 1).applied == 1
    [spot] = spots(sample_env, 1)
    [original] = read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=1)
    fix(runner)

    code, out, err = cli("dlq", "redrive", sample_env.dlq_topic, spot)
    assert code == 0, err
    assert (f"re-drove sample {spot} (other.ThingNoted.v1 {NIP}, id {event.id}) from the dead"
            f" letter -> {sample_env.other_topic}[{original.partition}]@1") in out
    assert "applied once, by the consumer that dead-lettered it (sample-consumer)" in out
    assert "ignore it as a duplicate" in out
    records = read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=2)
    again = records[-1]
    assert (again.key, again.value, again.headers) == (
        original.key, original.value, original.headers)
    assert not any(name.startswith("dlq_") for name, _ in again.headers)
    result = runner.process(records)
    assert (result.applied, result.duplicates, result.dead_lettered) == (1, 1, 0)
    assert notes(sample_env) == {NIP: 1}

    assert cli("dlq", "redrive", sample_env.dlq_topic, spot)[0] == 0  # the same dead letter again
    result = consume(sample_env, runner, 3)
    assert (result.applied, result.duplicates) == (0, 3)
    assert notes(sample_env) == {NIP: 1}
    result = consume(sample_env, other, 3)  # the other consumer ignores both re-drives
    assert (result.applied, result.duplicates) == (0, 3) and seen == [event.id]
    conn.close()


def test_a_cut_dead_letter_is_re_driven_only_from_its_origin(sample_env, runner_for, cli):
    runner = runner_for()
    runner.max_dead_letter_bytes = 1500

    def refuse(conn, event):
        raise UnprocessableEvent("not today")
    runner.handlers = {**runner.handlers, "other.ThingNoted.v1": refuse}
    publish(sample_env.bootstrap, sample_env.other_topic, [noted_event(NIP, "x" * 3000)])
    assert consume(sample_env, runner, 1).dead_lettered == 1
    [spot] = spots(sample_env, 1)
    [original] = read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=1)
    origin = f"{sample_env.other_topic}[{original.partition}]@0"
    fix(runner)

    code, out, _ = cli("dlq", "list", sample_env.dlq_topic)
    assert code == 0 and f"cut from {len(original.value)} B  unprocessable: not today" in out
    code, out, _ = cli("dlq", "show", sample_env.dlq_topic, spot)
    assert code == 0 and f"of {len(original.value)} bytes; the whole record is at {origin}" in out
    code, out, err = cli("dlq", "redrive", sample_env.dlq_topic, spot)
    assert code == 1 and out == ""
    assert ("its value was cut, so it is not the whole record; the whole record is at"
            f" {origin}") in err
    assert f"`asn dlq redrive {sample_env.dlq_topic} {spot} --from-origin`" in err
    assert "nothing sent" in err
    assert len(read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=1)) == 1

    code, out, err = cli("dlq", "redrive", sample_env.dlq_topic, spot, "--from-origin")
    assert code == 0 and "from its original" in out, err
    again = read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=2)[-1]
    assert (again.key, again.value, again.headers) == (
        original.key, original.value, original.headers)
    assert consume(sample_env, runner, 2).applied == 1
    assert notes(sample_env) == {NIP: 1}


def test_all_asks_first_and_refuses_without_a_terminal(sample_env, runner_for, cli, monkeypatch):
    runner = runner_for()
    publish(sample_env.bootstrap, sample_env.other_topic,
            [noted_event(NIP, "reject"), noted_event(NIP[:-1] + "2", "reject")])
    assert consume(sample_env, runner, 2).dead_lettered == 2
    fix(runner)

    code, out, err = cli("dlq", "redrive", sample_env.dlq_topic, "--all")
    assert code == 2 and "--all would re-drive 2 dead letter(s)" in err and "--yes" in err
    assert len(read_topic(sample_env.bootstrap, sample_env.other_topic, at_least=2)) == 2
    code, _, err = cli("dlq", "redrive", sample_env.dlq_topic)
    assert code == 2 and "OFFSETs or --all (one of the two)" in err

    class Terminal(io.StringIO):
        def isatty(self):
            return True
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    code, out, err = cli("dlq", "redrive", sample_env.dlq_topic, "--all")
    assert code == 1 and "re-drive all 2 dead letter(s)" in out and "nothing sent" in err
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    code, out, _ = cli("dlq", "redrive", sample_env.dlq_topic, "--all")
    assert code == 0 and out.count("re-drove sample") == 2 and "sent 2;" in out
    assert consume(sample_env, runner, 4).applied == 2
    assert notes(sample_env) == {NIP: 1, NIP[:-1] + "2": 1}
