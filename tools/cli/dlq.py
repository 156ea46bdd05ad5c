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
import sys

from kafka.errors import KafkaError

from shared.config import SERVICES, Settings
from tools.cli.dlq_text import counts, describe, list_table, terminal_width
from tools.deadletters import (Missing, consuming_services, dlq_topic, open_reader, read_all,
                               read_some, service_label)
from tools.redrive import plan, send


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


def _confirmed(count: int, name: str) -> bool:
    answer = input(f"re-drive all {count} dead letter(s) of {name}? [y/N] ")
    return answer.strip().lower() in ("y", "yes", "ya")


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
    """Print the dead letters of the services named (default every consuming one), then counts."""
    names = list(dict.fromkeys(args.services)) or consuming_services()
    letters = [d for name in names for d in read_all(name, settings)]
    labels = [service_label(dlq_topic(n, settings), settings) for n in names]
    if args.json:
        for d in letters:
            print(json.dumps(d.summary(), ensure_ascii=False))
        print("\n".join(counts(letters, labels)), file=sys.stderr)
        return 0
    if letters:
        print(list_table(letters, terminal_width()))
    print("\n".join(counts(letters, labels)))
    return 0


@_kafka_errors
def cmd_show(args, settings: Settings) -> int:
    """Print everything about one dead letter: its headers and its value."""
    [dead] = read_some(args.service, [args.offset], settings)
    print(describe(dead))
    return 0


@_kafka_errors
def cmd_redrive(args, settings: Settings) -> int:
    """Send the dead letters named (or --all) to their original topics; none if one is refused."""
    if bool(args.offsets) == args.all:
        print("error: give the dead letters' OFFSETs or --all (one of the two)", file=sys.stderr)
        return 2
    letters = (read_all(args.service, settings) if args.all
               else read_some(args.service, args.offsets, settings))
    if not letters:
        print(f"{service_label(dlq_topic(args.service, settings), settings)}: no dead letters")
        return 0
    consumer = open_reader(settings)
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
    stopped = None if not args.all or args.yes else _asked_first(todo, args.service)
    return stopped if stopped is not None else _report(send(todo, settings), todo, args)


def _asked_first(todo: list, name: str) -> int | None:
    """Before re-driving --all: the exit code if the person did not confirm, else None."""
    if not sys.stdin.isatty():
        print(f"error: --all would re-drive {len(todo)} dead letter(s) and there is no terminal"
              " to confirm on: add --yes. Nothing sent.", file=sys.stderr)
        return 2
    print(list_table([r.dead for r in todo], terminal_width()))
    if not _confirmed(len(todo), name):
        print("nothing sent", file=sys.stderr)
        return 1
    return None


def _report(answers: list, todo: list, args) -> int:
    """A line per re-driven record (where it was written, or why Kafka refused it)."""
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
    """The subcommands ``dlq list``, ``dlq show`` and ``dlq redrive``."""
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
