"""``asn follow``: read a topic as it is written, one readable line per event."""
from __future__ import annotations

import sys
import time

from tools.cli import output
from shared.config import SERVICES, Settings
from shared.envelope import PoisonRecord, from_record
from services.platform import REGISTRY
from shared.topics import partitions_of, reader


def topic_name(name: str, settings: Settings) -> str:
    """assessment -> <prefix>assessment.events; assessment.dlq -> <prefix>assessment.dlq; a name
    the platform does not know is taken as it is."""
    if name in SERVICES:
        return settings.topic(f"{name}.events")
    service, _, kind = name.partition(".")
    return settings.topic(name) if service in SERVICES and kind in ("events", "dlq") else name


def _wanted(event, args) -> bool:
    return ((not args.type or args.type.lower() in event.type.lower())
            and (not args.subject or event.subject == args.subject))


def _show(record, args) -> bool:
    """Print one record if it passes the filters; whether it was printed."""
    try:
        event = from_record(record.headers, record.value, REGISTRY)
    except PoisonRecord as exc:
        reason = dict(record.headers or ()).get("dlq_reason", b"").decode(errors="replace")
        if args.type or args.subject:
            return False
        print(f"partition {record.partition} offset {record.offset}: undecodable ({exc})"
              + (f"; dead-lettered because: {reason}" if reason else ""), flush=True)
        return True
    if not _wanted(event, args):
        return False
    print(output.event_json(event) if args.json else output.event_line(event), flush=True)
    return True


def cmd_follow(args, settings: Settings) -> int:
    """Print the topic's events as they are written (or from its beginning) until stopped."""
    topic = topic_name(args.topic, settings)
    consumer = reader(settings.kafka_bootstrap, "asn-follow")
    try:
        partitions = partitions_of(consumer, topic)
        if not partitions:
            print(f"no topic {topic}", file=sys.stderr)
            return 2
        consumer.assign(partitions)
        (consumer.seek_to_beginning if args.from_beginning else consumer.seek_to_end)(*partitions)
        for tp in partitions:
            consumer.position(tp)  # settle the start now, so events written from here on are seen
        print(f"following {topic}" + (" from the beginning" if args.from_beginning else "")
              + " (Ctrl-C to stop)", file=sys.stderr, flush=True)
        shown, last = 0, time.monotonic()
        while args.max is None or shown < args.max:
            batches = consumer.poll(timeout_ms=500)
            records = sorted((r for batch in batches.values() for r in batch),
                             key=lambda r: r.timestamp)
            if records:
                last = time.monotonic()
            for record in records:
                if args.max is not None and shown >= args.max:
                    break
                shown += _show(record, args)
            if args.idle and time.monotonic() - last > args.idle:
                break
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        consumer.close(autocommit=False)


def register(add) -> None:
    """The subcommand ``follow``."""
    f = add("follow", cmd_follow, "print the events on a topic as they are written",
            "asn follow assessment --type Submitted --subject 199003032015021003",
            "Read a topic without a consumer group (nothing is committed), one line per event:"
            " time, type, subject NIP, its data fields, the actor. TOPIC is a service name"
            f" ({', '.join(SERVICES)}) for its events, <service>.dlq for its dead letters, or a"
            " full topic name. Ctrl-C stops.")
    f.add_argument("topic", metavar="TOPIC")
    f.add_argument("--from-beginning", action="store_true",
                   help="start at the oldest record (default: only new events)")
    f.add_argument("--type", metavar="T", help="only event types containing T (case-insensitive)")
    f.add_argument("--subject", metavar="NIP", help="only events about this employee")
    f.add_argument("--max", type=int, metavar="N", help="stop after N events")
    f.add_argument("--idle", type=float, metavar="SECONDS",
                   help="stop after SECONDS without a new record")
    f.add_argument("--json", action="store_true", help="one JSON object per line instead")
