"""``asn dlq``: list, show and re-drive the records a consumer dead-lettered.

A dead letter is the original record (key, value, headers) plus ``dlq_*`` headers: the reason, the
consumer, and the original's coordinates (``dlq_topic``, ``dlq_partition``, ``dlq_offset``). Its
value may be cut to fit (``dlq_value_truncated`` = the original length) and, rarely, its headers
dropped (``dlq_headers_dropped``); the whole original stays at its coordinates, since topics are
kept forever. Re-driving sends the original record again to its topic: the consumer that
dead-lettered it did not count its event as processed and applies it once; the other consumers of
that topic applied it already and skip it as a duplicate (same event id).
"""
from __future__ import annotations

import argparse
import functools
import json
import shutil
import sys
from dataclasses import dataclass

from kafka import TopicPartition
from kafka.errors import KafkaError

from tools.cli import output
from shared.config import SERVICES, Settings
from shared.clients import producer_for
from services.platform import definition as service_definition
from shared.topics import partitions_of, read_range, read_whole, reader

READ_TIMEOUT = 30.0  # seconds to read a dead-letter topic (or one record) to the end offsets
PREVIEW_BYTES = 256  # of a value that is not JSON, shown as text and as hex
_COORDINATES = ("dlq_topic", "dlq_partition", "dlq_offset")


def consuming_services() -> list[str]:
    """The platform's services that consume a topic, so have a dead-letter topic."""
    return [name for name in SERVICES if service_definition(name).consumes]


def dlq_name(value: str) -> str:
    """An argparse type: a consuming service, or any other name taken as a full topic name."""
    if value in SERVICES and value not in consuming_services():
        raise argparse.ArgumentTypeError(
            f"{value} consumes no topic, so it has no dead letters;"
            f" choose from {', '.join(consuming_services())}")
    return value


def position(value: str) -> tuple[int | None, int]:
    """An argparse type: a dead letter's OFFSET, or PARTITION:OFFSET in its dead-letter topic."""
    partition, _, offset = value.rpartition(":")
    try:
        spot = (int(partition) if partition else None, int(offset))
    except ValueError:
        raise argparse.ArgumentTypeError("OFFSET is a number, or PARTITION:OFFSET") from None
    if spot[1] < 0 or (spot[0] or 0) < 0:
        raise argparse.ArgumentTypeError("OFFSET and PARTITION are not negative")
    return spot


def dlq_topic(name: str, settings: Settings) -> str:
    return service_definition(name).dlq_topic(settings) if name in SERVICES else name


def service_label(topic: str, settings: Settings) -> str:
    """<prefix>training.dlq -> training; a topic named otherwise is shown as it is."""
    if topic.startswith(settings.topic_prefix) and topic.endswith(".dlq"):
        return topic[len(settings.topic_prefix):-len(".dlq")]
    return topic


@dataclass(frozen=True)
class DeadLetter:
    """One record of a dead-letter topic, and what its ``dlq_*`` headers say."""
    service: str
    record: object  # the ConsumerRecord read from the dead-letter topic

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.record.headers or () if k == name]
        return values[-1].decode("utf-8", "replace") if values and values[-1] is not None else None

    @property
    def spot(self) -> str:
        return f"{self.record.partition}:{self.record.offset}"

    @property
    def origin(self) -> tuple[str, int, int] | None:
        """The original record's topic, partition and offset; None if the headers do not say."""
        topic, partition, offset = (self.header(name) for name in _COORDINATES)
        try:
            return (topic, int(partition), int(offset)) if topic else None
        except (TypeError, ValueError):
            return None

    @property
    def origin_text(self) -> str:
        return "{}[{}]@{}".format(*self.origin) if self.origin else "(unknown)"

    @property
    def truncated(self) -> int | None:
        """The original value's length, if the dead letter keeps only its beginning."""
        size = self.header("dlq_value_truncated")
        return int(size) if size and size.isdigit() else None

    @property
    def headers_dropped(self) -> bool:
        return self.header("dlq_headers_dropped") == "true"

    @property
    def whole(self) -> bool:
        """Whether the dead letter holds the whole original record."""
        return self.truncated is None and not self.headers_dropped

    @property
    def original_headers(self) -> list[tuple[str, bytes]]:
        return [(k, v) for k, v in self.record.headers or () if not k.startswith("dlq_")]

    def cut_text(self) -> str:
        if self.headers_dropped:
            return "headers dropped" + (f", value cut from {self.truncated} B"
                                        if self.truncated is not None else "")
        return f"cut from {self.truncated} B" if self.truncated is not None else "whole"

    def summary(self) -> dict:
        origin = self.origin
        return {"service": self.service, "dlq_topic": self.record.topic,
                "partition": self.record.partition, "offset": self.record.offset,
                "origin": dict(zip(("topic", "partition", "offset"), origin)) if origin else None,
                "type": self.header("ce_type"), "subject": self.header("ce_subject"),
                "id": self.header("ce_id"), "consumer": self.header("dlq_consumer"),
                "reason": self.header("dlq_reason"),
                "value_bytes": len(self.record.value or b""), "truncated_from": self.truncated,
                "headers_dropped": self.headers_dropped}


# -- reading ------------------------------------------------------------------------------------

class Missing(Exception):
    """No such dead letter (or partition): said as an ``error:`` line, exit 1."""


def _consumer(settings: Settings):
    return reader(settings.kafka_bootstrap, "asn-dlq", max_partition_fetch_bytes=2 * 1024 * 1024)


def _partitions(consumer, name: str, topic: str) -> list[TopicPartition]:
    partitions = partitions_of(consumer, topic)
    if not partitions:
        raise FileNotFoundError(
            f"no topic {topic} (is the service set up? `asn setup`)" if name in SERVICES else
            f"no topic {topic}: SERVICE is {', '.join(consuming_services())} or the full name of"
            " a dead-letter topic")
    return partitions


def read_all(name: str, settings: Settings) -> list[DeadLetter]:
    """Every dead letter of ``name``'s topic, up to the end offsets read when it starts."""
    topic = dlq_topic(name, settings)
    consumer = _consumer(settings)
    try:
        records = read_whole(consumer, _partitions(consumer, name, topic), timeout=READ_TIMEOUT)
    finally:
        consumer.close(autocommit=False)
    label = service_label(topic, settings)
    return [DeadLetter(label, r) for r in records]


def read_at(consumer, topic: str, partitions: list[int], offset: int) -> list:
    """The records at ``offset`` in those of ``partitions`` that reach it."""
    tps = [TopicPartition(topic, p) for p in partitions]
    ends = consumer.end_offsets(tps)
    return read_range(consumer, {tp: (offset, min(offset + 1, ends[tp])) for tp in tps},
                      timeout=READ_TIMEOUT)


def read_some(name: str, spots: list[tuple[int | None, int]],
              settings: Settings) -> list[DeadLetter]:
    """The dead letters at ``spots`` (PARTITION:OFFSET, or an OFFSET only one partition has)."""
    topic = dlq_topic(name, settings)
    label, found = service_label(topic, settings), []
    consumer = _consumer(settings)
    try:
        every = [tp.partition for tp in _partitions(consumer, name, topic)]
        for partition, offset in spots:
            if partition is not None and partition not in every:
                raise Missing(f"{topic} has no partition {partition}"
                              f" (it has 0 to {len(every) - 1})")
            records = read_at(consumer, topic, every if partition is None else [partition], offset)
            if not records:
                raise Missing(f"no dead letter at {'' if partition is None else f'{partition}:'}"
                              f"{offset} in {topic} (`asn dlq list {name}` shows them)")
            if len(records) > 1:
                raise Missing(f"offset {offset} is in several partitions of {topic}: name one, "
                              + " or ".join(f"{r.partition}:{offset}" for r in records))
            found.append(DeadLetter(label, records[0]))
    finally:
        consumer.close(autocommit=False)
    return found


def read_origin(consumer, dead: DeadLetter):
    """The original record at the dead letter's coordinates, or None if it cannot be read."""
    topic, partition, offset = dead.origin
    if TopicPartition(topic, partition) not in partitions_of(consumer, topic):
        return None
    records = read_at(consumer, topic, [partition], offset)
    return records[0] if records else None


# -- showing ------------------------------------------------------------------------------------

def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())  # a database error's newlines would break the table
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def list_table(letters: list[DeadLetter], width: int) -> str:
    """One line per dead letter; the reason, last, gets what the terminal's width leaves."""
    headers = ["service", "dlq", "original", "type", "subject", "value", "reason"]
    rows = [[d.service, d.spot, d.origin_text, d.header("ce_type") or "-",
             d.header("ce_subject") or "-", d.cut_text(), d.header("dlq_reason") or "-"]
            for d in letters]
    if rows:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers[:-1])]
        room = max(width - sum(w + 2 for w in widths), 24)
        for row in rows:
            row[-1] = _cut(row[-1], room)
    return output.table(headers, rows)


def _width() -> int:
    return shutil.get_terminal_size((120, 24)).columns


def counts(letters: list[DeadLetter], names: list[str]) -> list[str]:
    return [f"{name}: {sum(d.service == name for d in letters)} dead letter(s)" for name in names]


def value_text(value: bytes | None) -> str:
    """A value pretty-printed if it is JSON; else its length and a preview as text and hex."""
    if value is None:
        return "value: none (null)"
    try:
        return f"value ({len(value)} bytes, JSON):\n" + json.dumps(
            json.loads(value), indent=2, ensure_ascii=False)
    except (ValueError, UnicodeDecodeError):
        head = value[:PREVIEW_BYTES]
        more = f" (first {len(head)} shown)" if len(value) > len(head) else ""
        return (f"value ({len(value)} bytes, not JSON){more}:\n"
                f"  text: {head.decode('utf-8', 'replace')!r}\n  hex:  {head.hex(' ')}")


def describe(dead: DeadLetter) -> str:
    """Everything about one dead letter."""
    r = dead.record
    key = r.key.decode("utf-8", "replace") if r.key is not None else "(none)"
    lines = [f"dead letter {dead.service} {dead.spot} (topic {r.topic}, partition {r.partition},"
             f" offset {r.offset})",
             f"consumer:  {dead.header('dlq_consumer') or '-'}",
             f"reason:    {dead.header('dlq_reason') or '-'}",
             f"original:  {dead.origin_text}",
             f"key:       {key}"]
    if dead.whole:
        lines.append("whole:     yes, the dead letter holds the whole original record")
    else:
        kept = []
        if dead.truncated is not None:
            kept.append(f"the value was cut to {len(r.value or b'')} of {dead.truncated} bytes")
        if dead.headers_dropped:
            kept.append("the original headers and key were dropped")
        lines.append(f"whole:     no: {'; '.join(kept)}; the whole record is at"
                     f" {dead.origin_text} (re-drive it with --from-origin)")
    lines.append("headers:")
    width = max((len(k) for k, _ in r.headers or ()), default=0)
    lines += [f"  {k.ljust(width)}  {v.decode('utf-8', 'replace') if v is not None else '(none)'}"
              for k, v in r.headers or ()]
    return "\n".join(lines + [value_text(r.value)])


# -- re-driving ---------------------------------------------------------------------------------

@dataclass
class Redrive:
    dead: DeadLetter
    key: bytes | None = None
    value: bytes | None = None
    headers: list | None = None
    refused: str | None = None


def plan(dead: DeadLetter, name: str, consumer, from_origin: bool) -> Redrive:
    """What to send again for ``dead``, or why not."""
    if dead.origin is None:
        return Redrive(dead, refused=f"{dead.service} {dead.spot}: no {'/'.join(_COORDINATES)}"
                                     " headers name its original record")
    if not from_origin and not dead.whole:
        what = " and ".join(w for w, yes in (("its headers were dropped", dead.headers_dropped),
                                             ("its value was cut", dead.truncated is not None))
                            if yes)
        return Redrive(dead, refused=(
            f"{dead.service} {dead.spot}: {what}, so it is not the whole record; the whole record"
            f" is at {dead.origin_text}: re-drive it from there with"
            f" `asn dlq redrive {name} {dead.spot} --from-origin`"))
    key, value, headers = dead.record.key, dead.record.value, dead.original_headers
    if from_origin:
        original = read_origin(consumer, dead)
        if original is None:
            return Redrive(dead, refused=f"{dead.service} {dead.spot}: no record at"
                                         f" {dead.origin_text} to re-drive")
        if not _same(dead, original):
            return Redrive(dead, refused=f"{dead.service} {dead.spot}: the record at"
                                         f" {dead.origin_text} is not the one dead-lettered")
        key, value = original.key, original.value
        headers = [(k, v) for k, v in original.headers or () if not k.startswith("dlq_")]
    if not dict(headers).get("ce_id"):
        return Redrive(dead, refused=f"{dead.service} {dead.spot}: not a CloudEvent (no ce_id):"
                                     " sent again it would only be dead-lettered again")
    return Redrive(dead, key, value, headers)


def _same(dead: DeadLetter, original) -> bool:
    """The record at the coordinates begins as the dead letter does (and has its headers)."""
    if not (original.value or b"").startswith(dead.record.value or b""):
        return False
    return dead.headers_dropped or (original.key == dead.record.key and [
        (k, v) for k, v in original.headers or () if not k.startswith("dlq_")
    ] == dead.original_headers)


def _confirmed(count: int, name: str) -> bool:
    answer = input(f"re-drive all {count} dead letter(s) of {name}? [y/N] ")
    return answer.strip().lower() in ("y", "yes", "ya")


def send(todo: list[Redrive], settings: Settings) -> list[tuple[Redrive, object]]:
    """Produce each record to its original topic and partition and wait for the broker's answer:
    per record, where it was written, or the KafkaError that refused it."""
    producer = producer_for(settings.kafka_bootstrap)
    try:
        futures = [(r, producer.send(r.dead.origin[0], key=r.key, value=r.value,
                                     headers=r.headers, partition=r.dead.origin[1]))
                   for r in todo]
        producer.flush(timeout=READ_TIMEOUT)
        answers = []
        for r, future in futures:
            try:
                answers.append((r, future.get(timeout=READ_TIMEOUT)))
            except KafkaError as exc:
                answers.append((r, exc))
        return answers
    finally:
        producer.close()


# -- the subcommands ----------------------------------------------------------------------------

def _kafka_errors(run):
    """Missing things and an unreachable Kafka as an ``error:`` line, not a traceback."""
    @functools.wraps(run)
    def wrapped(args, settings: Settings) -> int:
        try:
            return run(args, settings)
        except Missing as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except KafkaError as exc:
            print(f"error: Kafka at {settings.kafka_bootstrap}: {exc} (is Kafka running?)",
                  file=sys.stderr)
            return 2
    return wrapped


@_kafka_errors
def cmd_list(args, settings: Settings) -> int:
    names = list(dict.fromkeys(args.services)) or consuming_services()
    letters = [d for name in names for d in read_all(name, settings)]
    labels = [service_label(dlq_topic(n, settings), settings) for n in names]
    if args.json:
        for d in letters:
            print(json.dumps(d.summary(), ensure_ascii=False))
        print("\n".join(counts(letters, labels)), file=sys.stderr)
        return 0
    if letters:
        print(list_table(letters, _width()))
    print("\n".join(counts(letters, labels)))
    return 0


@_kafka_errors
def cmd_show(args, settings: Settings) -> int:
    [dead] = read_some(args.service, [args.offset], settings)
    print(describe(dead))
    return 0


@_kafka_errors
def cmd_redrive(args, settings: Settings) -> int:
    if bool(args.offsets) == args.all:
        print("error: give the dead letters' OFFSETs or --all (one of the two)", file=sys.stderr)
        return 2
    letters = (read_all(args.service, settings) if args.all
               else read_some(args.service, args.offsets, settings))
    if not letters:
        print(f"{service_label(dlq_topic(args.service, settings), settings)}: no dead letters")
        return 0
    consumer = _consumer(settings)
    try:
        todo = [plan(d, args.service, consumer, args.from_origin) for d in letters]
    finally:
        consumer.close(autocommit=False)
    refused = [r.refused for r in todo if r.refused]
    for reason in refused:
        print(f"error: {reason}", file=sys.stderr)
    if refused:
        print(f"error: nothing sent ({len(refused)} of {len(todo)} refused)", file=sys.stderr)
        return 1
    if args.all and not args.yes:
        if not sys.stdin.isatty():
            print(f"error: --all would re-drive {len(todo)} dead letter(s) and there is no terminal"
                  " to confirm on: add --yes. Nothing sent.", file=sys.stderr)
            return 2
        print(list_table([r.dead for r in todo], _width()))
        if not _confirmed(len(todo), args.service):
            print("nothing sent", file=sys.stderr)
            return 1
    answers = send(todo, settings)
    failed = 0
    for r, sent in answers:
        ce = {k: v.decode("utf-8", "replace") for k, v in r.headers if v is not None}
        what = (f"{r.dead.service} {r.dead.spot} ({ce.get('ce_type', '-')}"
                f" {ce.get('ce_subject', '-')}, id {ce['ce_id']})")
        if isinstance(sent, Exception):
            failed += 1
            print(f"error: {what} not sent: Kafka refused it: {sent}", file=sys.stderr)
            continue
        print(f"re-drove {what} from {'its original' if args.from_origin else 'the dead letter'}"
              f" -> {sent.topic}[{sent.partition}]@{sent.offset}")
    if failed == len(answers):
        return 1
    consumers = sorted({r.dead.header("dlq_consumer") or "?" for r in todo})
    print(f"sent {len(todo) - failed}; each is applied once, by the consumer that dead-lettered it"
          f" ({', '.join(consumers)}), when it reads it; the topic's other consumers applied it"
          " before and ignore it as a duplicate (same event id), and so does that consumer if it"
          " is re-driven again.")
    return 1 if failed else 0


def register(add) -> None:
    d = add("dlq", None, "list, show and re-drive dead letters",
            "asn dlq list training",
            "Each consuming service writes the records it cannot decode or apply to its"
            " dead-letter topic, <service>.dlq, with the reason. List them, show one, or send them"
            " again to their original topic once the cause is fixed.")
    actions = d.add_subparsers(dest="action", required=True, metavar="ACTION")
    what = ("a consuming service (" + ", ".join(consuming_services()) + "), or the full name"
            " of a dead-letter topic")
    ls = add("list", cmd_list, "list the dead letters, one line each",
             "asn dlq list              # every consuming service; or: asn dlq list training",
             "One line per dead letter: service, its place in the dead-letter topic"
             " (PARTITION:OFFSET), the original topic[partition]@offset, event type, subject,"
             " whether the value is whole, the reason. Then a count per service.", sub=actions)
    ls.add_argument("services", nargs="*", metavar="SERVICE", type=dlq_name,
                    help=f"{what}; default every consuming service")
    ls.add_argument("--json", action="store_true",
                    help="one JSON object per dead letter (the counts go to stderr)")
    sh = add("show", cmd_show, "show everything about one dead letter",
             "asn dlq show training 2:17", "All headers of one dead letter, the value"
             " pretty-printed if it is JSON (else its length and a preview), and whether the"
             " value is whole.", sub=actions)
    sh.add_argument("service", metavar="SERVICE", type=dlq_name, help=what)
    sh.add_argument("offset", metavar="OFFSET", type=position,
                    help="PARTITION:OFFSET as `asn dlq list` shows it, or an OFFSET only one"
                         " partition has")
    rd = add("redrive", cmd_redrive, "send dead letters again to their original topic",
             "asn dlq redrive training 2:17     # or: asn dlq redrive training --all --yes",
             "Produce each dead letter's original record (key, value, its headers without the"
             " dlq_* ones) to its original topic and partition, and wait for the broker's ack."
             " The consumer that dead-lettered it applies it once; the topic's other consumers"
             " applied it before and ignore it as a duplicate. A dead letter whose value was cut"
             " or whose headers were dropped is refused (exit 1): --from-origin reads the whole"
             " record at its original coordinates and sends that.", sub=actions)
    rd.add_argument("service", metavar="SERVICE", type=dlq_name, help=what)
    rd.add_argument("offsets", nargs="*", metavar="OFFSET", type=position,
                    help="PARTITION:OFFSET (or OFFSET) of each dead letter to re-drive")
    rd.add_argument("--all", action="store_true", help="every dead letter of the service")
    rd.add_argument("--from-origin", action="store_true",
                    help="send the original record read at its coordinates, not the dead letter's"
                         " copy (needed when the copy was cut)")
    rd.add_argument("--yes", action="store_true", help="do not ask before re-driving --all")
