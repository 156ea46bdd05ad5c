"""What must hold once the chaos is over and every relay and consumer has caught up.

Each check is named; a failed one says what differs.
"""
from __future__ import annotations

import re
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import psycopg

from bench.chaos import poison
from bench.chaos.infra import Infrastructure
from bench.chaos.load import Ack
from shared.config import SERVICES, Settings
from shared.replay import replay
from services.platform import definition as service_definition
from tests.support.kafka import read_topic
from tests.support.platform import Platform

SUBMITTED = poison.SUBMITTED


@dataclass
class Check:
    name: str
    passed: bool
    detail: str = ""


@dataclass
class Findings:
    checks: list[Check] = field(default_factory=list)
    figures: dict = field(default_factory=dict)

    def add(self, name: str, passed: bool, detail: str = "") -> None:
        self.checks.append(Check(name, passed, detail))

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    @property
    def ok(self) -> bool:
        return not self.failed


def _headers(record) -> dict[str, str]:
    return {k: v.decode(errors="replace") for k, v in record.headers or ()}


def _sample(items, n: int = 3) -> str:
    items = sorted(items, key=str)
    return ", ".join(map(str, items[:n])) + (f" ... ({len(items)} in all)" if len(items) > n else "")


def check_all(platform: Platform, infra: Infrastructure, acks: list[Ack],
              sent: list[poison.Sent]) -> Findings:
    settings = platform.settings
    found = check_effects(settings, acks, {(s.topic, s.partition, s.offset) for s in sent})
    _dead_letters(found, settings, sent)
    _alive(found, platform, infra)
    return found


def check_effects(settings: Settings, acks: list[Ack], poisoned: set = frozenset()) -> Findings:
    """What the acknowledged submissions must have caused, once everything has caught up: each
    stored once, published, applied by every consumer with no duplicated effect, in order, and
    every service equal to its replay (make chaos; the broker-loss test)."""
    found = Findings()
    topics = {s: _read(settings, service_definition(s).events_topic(settings), poisoned)
              for s in SERVICES}
    stores = {s: _store(settings, s) for s in SERVICES}
    _acknowledged_stored_published_applied(found, settings, acks, stores, topics)
    _no_duplicated_effect(found, settings, stores, acks)
    _order(found, stores, topics)
    _replays(found, settings)
    found.figures["events"] = {s: len(stores[s]) for s in SERVICES}
    found.figures["published records"] = {s: len(topics[s]) for s in SERVICES}
    found.figures["republished (duplicates on the topic)"] = {
        s: len(topics[s]) - len({_headers(r)["ce_id"] for r in topics[s]}) for s in SERVICES}
    return found


def _read(settings: Settings, topic: str, poisoned: set) -> list:
    """The topic's records in partition and offset order, poison left out."""
    records = read_topic(settings.kafka_bootstrap, topic, timeout=60)
    return sorted((r for r in records if (r.topic, r.partition, r.offset) not in poisoned),
                  key=lambda r: (r.partition, r.offset))


def _store(settings: Settings, service: str) -> list[dict]:
    with psycopg.connect(settings.database_url(service)) as conn:
        rows = conn.execute(
            "SELECT event_id::text, stream_id, version, type, subject, data FROM events"
            " ORDER BY tx_id, position").fetchall()
    return [dict(zip(("event_id", "stream_id", "version", "type", "subject", "data"), r))
            for r in rows]


def _processed(settings: Settings, service: str) -> set[str]:
    definition = service_definition(service)
    with psycopg.connect(settings.database_url(service)) as conn:
        return {r[0] for r in conn.execute(
            "SELECT event_id::text FROM processed_events WHERE consumer = %s",
            (definition.consumer_name,)).fetchall()}


def _acknowledged_stored_published_applied(found: Findings, settings, acks, stores, topics) -> None:
    acked = Counter((a.period_id, a.nip, a.role, a.submission) for a in acks)
    twice = [k for k, n in acked.items() if n > 1]
    submitted = [e for e in stores["assessment"] if e["type"] == SUBMITTED]
    stored = Counter((e["data"]["period_id"], e["data"]["nip"], e["data"]["role"],
                      e["data"]["submission"]) for e in submitted)
    found.add("acknowledged = stored (one AssessmentSubmitted per acknowledged submission)",
              set(acked) == set(stored) and not twice and max(stored.values(), default=1) == 1,
              f"acknowledged {len(acked)}, stored {sum(stored.values())}; acknowledged not stored:"
              f" {_sample(set(acked) - set(stored))}; stored not acknowledged:"
              f" {_sample(set(stored) - set(acked))}; acknowledged twice: {_sample(twice)}")
    for s in SERVICES:
        ids = {e["event_id"] for e in stores[s]}
        on_topic = {_headers(r)["ce_id"] for r in topics[s]}
        name = ("stored = published (unique ce_ids of AssessmentSubmitted on assessment.events)"
                if s == "assessment" else f"stored = published ({s}.events)")
        if s == "assessment":
            ids = {e["event_id"] for e in submitted}
            on_topic = {_headers(r)["ce_id"] for r in topics[s]
                        if _headers(r).get("ce_type") == SUBMITTED}
        found.add(name, ids == on_topic,
                  f"stored {len(ids)}, published {len(on_topic)}; not published:"
                  f" {_sample(ids - on_topic)}; published, not stored: {_sample(on_topic - ids)}")
    submitted_ids = {e["event_id"] for e in submitted}
    for s in ("feedback", "training"):
        missing = submitted_ids - _processed(settings, s)
        found.add(f"published = applied ({s} processed every AssessmentSubmitted)", not missing,
                  f"{len(submitted_ids) - len(missing)} of {len(submitted_ids)};"
                  f" not applied: {_sample(missing)}")
    with psycopg.connect(settings.database_url("feedback")) as conn:
        kept = Counter(tuple(r) for r in conn.execute(
            "SELECT period_id, nip, role, submission FROM submissions"
            " WHERE period_id <> %s", (poison.POISON_PERIOD,)).fetchall())
    found.add("applied: feedback keeps each acknowledged submission",
              set(kept) == set(acked), f"feedback {len(kept)}, acknowledged {len(acked)};"
              f" missing {_sample(set(acked) - set(kept))}; extra {_sample(set(kept) - set(acked))}")


def _no_duplicated_effect(found: Findings, settings, stores, acks) -> None:
    with psycopg.connect(settings.database_url("feedback")) as conn:
        dup = conn.execute(
            "SELECT period_id, nip, self_submission, supervisor_submission, count(*) FROM comparisons"
            " GROUP BY 1, 2, 3, 4 HAVING count(*) > 1").fetchall()
        compared = {(r[0], r[1]) for r in conn.execute(
            "SELECT period_id, nip FROM comparisons").fetchall()}
    sides = defaultdict(set)
    for a in acks:
        sides[(a.period_id, a.nip)].add(a.role)
    pairs = {k for k, v in sides.items() if v == {"self", "supervisor"}}
    found.add("one comparison per (period, nip, self_submission, supervisor_submission)",
              not dup, f"duplicated: {_sample(dup)}")
    found.add("every employee with both sides acknowledged is compared, no one else",
              compared == pairs, f"pairs {len(pairs)}, compared {len(compared)};"
              f" missing {_sample(pairs - compared)}; extra {_sample(compared - pairs)}")
    with psycopg.connect(settings.database_url("training")) as conn:
        dup = conn.execute(
            "SELECT nip, competency, count(*) FROM assignments"
            " WHERE status IN ('assigned', 'in_progress') GROUP BY 1, 2 HAVING count(*) > 1"
        ).fetchall()
    found.add("no two open training assignments per employee and competency", not dup,
              f"duplicated: {_sample(dup)}")
    for s in SERVICES:
        versions = defaultdict(list)
        for e in stores[s]:
            versions[e["stream_id"]].append(e["version"])
        broken = [sid for sid, v in versions.items() if sorted(v) != list(range(1, len(v) + 1))]
        found.add(f"{s} events: stream versions contiguous from 1", not broken,
                  f"{len(versions)} streams; broken: {_sample(broken)}")


def _order(found: Findings, stores, topics) -> None:
    """Per employee (record key = subject), the order of first appearances on the topic is the
    store's publishing order; per stream the versions on the topic are 1, 2, 3, ..."""
    for s in SERVICES:
        stored = defaultdict(list)
        for e in stores[s]:
            stored[e["subject"]].append(e["event_id"])
        seen, on_topic, wrong = set(), defaultdict(list), []
        streams = defaultdict(list)
        for r in topics[s]:
            h = _headers(r)
            if h["ce_id"] in seen:
                continue
            seen.add(h["ce_id"])
            on_topic[h.get("ce_subject", "")].append(h["ce_id"])
            streams[h.get("ce_streamid", "")].append(int(h.get("ce_streamversion", 0)))
        wrong = [subject for subject, ids in on_topic.items() if stored.get(subject) != ids]
        gaps = [sid for sid, v in streams.items() if v != list(range(1, len(v) + 1))]
        found.add(f"{s}.events: per-employee order on the topic = store order",
                  not wrong and not gaps,
                  f"{len(on_topic)} subjects; out of order: {_sample(wrong)};"
                  f" streams out of version order: {_sample(gaps)}")


def _replays(found: Findings, settings) -> None:
    for s in SERVICES:
        report = replay(service_definition(s), settings, progress=False)
        differ = [f"{t.table} live {t.live_rows} replay {t.replay_rows}"
                  for t in report.tables if not t.equal]
        found.add(f"{s} equals its replay", report.equal,
                  f"{report.own_events} own events, {report.consumed_records} consumed records,"
                  f" {len(report.skipped)} skipped; differ: {_sample(differ)}")


def _dead_letters(found: Findings, settings, sent: list[poison.Sent]) -> None:
    letters = {}
    by_reason: Counter = Counter()
    unexpected = []
    poisoned = {(s.topic, s.partition, s.offset): s for s in sent}
    for s in ("feedback", "training"):
        topic = service_definition(s).dlq_topic(settings)
        for r in read_topic(settings.kafka_bootstrap, topic, timeout=60):
            h = _headers(r)
            where = (h.get("dlq_topic"), int(h.get("dlq_partition", -1)),
                     int(h.get("dlq_offset", -1)))
            letters[(s, *where)] = h
            kind = poisoned[where].kind if where in poisoned else "NOT POISON"
            reason = re.sub(r"[0-9a-f-]{36}", "<id>", h.get("dlq_reason", ""))[:90]
            by_reason[(s, kind, reason)] += 1
            if where not in poisoned:
                unexpected.append(f"{s}: {where} {h.get('dlq_reason', '')[:120]}")
    found.add("no dead letter but the poison records (no real event dead-lettered)",
              not unexpected, _sample(unexpected))
    readers = {service_definition(s).events_topic(settings):
               [c for c in ("feedback", "training")
                if service_definition(s).events_topic(settings)
                in service_definition(c).consumed_topics(settings)] for s in SERVICES}
    for p in sent:
        kind = poison.kind(p.kind)
        for consumer in readers[p.topic]:
            h = letters.get((consumer, p.topic, p.partition, p.offset))
            problems = []
            if h is None:
                problems.append("not dead-lettered")
            else:
                if not poison.matches(p.kind, h.get("dlq_reason", "")):
                    problems.append(f"reason {h.get('dlq_reason', '')[:120]!r} does not match"
                                    f" {kind.reason!r}")
                if kind.truncated and "dlq_value_truncated" not in h:
                    problems.append("value not cut to the dead-letter limit")
            label = f"poison {p.kind} on {p.topic} dead-lettered by {consumer}"
            found.add(label, not problems, "; ".join(problems))
    found.figures["dead letters by reason"] = by_reason


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status == 200
    except OSError:
        return False


def _alive(found: Findings, platform: Platform, infra: Infrastructure) -> None:
    dead = [n for n, p in platform.processes.items() if p.poll() is not None]
    found.add("every platform process alive at the end", not dead, f"exited: {_sample(dead)}")
    short = [f"{n}: {len(platform.workers(n))}" for n in platform.processes
             if n.endswith("-web") and len(platform.workers(n)) != platform.web_workers]
    found.add("every gunicorn master has its workers", not short, _sample(short))
    unready, retried = [], []
    for s, url in platform.settings.service_urls.items():
        # A few tries: a pooled connection left over from before a PostgreSQL restart fails
        # one probe and is then discarded (figures: "ready only after retries").
        for attempt in range(5):
            if _ready(f"{url}/ready"):
                if attempt:
                    retried.append(f"{s} ({attempt} failed first)")
                break
            time.sleep(1)
        else:
            unready.append(s)
    found.add("every web API ready at the end", not unready, _sample(unready))
    found.figures["ready only after retries"] = retried
    found.add("the broker and PostgreSQL alive at the end",
              infra.kafka.pid is not None and infra.postgres.postmaster_pid() is not None,
              f"broker pid {infra.kafka.pid}, postmaster pid {infra.postgres.postmaster_pid()}")
