"""The benchmark's own little service: one event type, one counter projection, its database and topics.

Everything here is named uniquely per run and removed again by ``BenchEnv.destroy``.
"""
from __future__ import annotations

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import psycopg
from marshmallow import fields, validate
from psycopg.types.json import Jsonb

from shared.config import Settings
from shared.db import drop_database
from shared.envelope import Event
from shared.events import EventSchema, Registry
from shared.runtime import setup
from shared.service import ServiceDefinition
from shared.topics import delete_topics, ensure_topics

REGISTRY = Registry()
EVENT_TYPE = "bench.AssessmentSubmitted.v1"
# The nine ASN managerial and socio-cultural competencies.
COMPETENCIES = ("INT", "KS", "KOM", "OPH", "PP", "PDOL", "MP", "PK", "PB")
EVIDENCE = ("Laporan tepat", "Memimpin rapat", "Aduan selesai", "Membimbing staf",
            "SOP diterapkan", "Data terjaga", "Target tercapai")


class RatingSchema(EventSchema):
    code = fields.String(required=True, validate=validate.OneOf(COMPETENCIES))
    level = fields.Integer(required=True, validate=validate.Range(1, 5))
    required_level = fields.Integer(required=True, validate=validate.Range(1, 5))
    evidence = fields.String(required=True)


@REGISTRY.event("bench.AssessmentSubmitted", version=1)
class AssessmentSubmittedV1(EventSchema):
    """A supervisor's assessment of one employee for one period, one rating per competency."""
    assessment_id = fields.UUID(required=True)
    nip = fields.String(required=True, validate=validate.Length(equal=18))
    assessor_nip = fields.String(required=True, validate=validate.Length(equal=18))
    period = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(("self", "supervisor")))
    ratings = fields.List(fields.Nested(RatingSchema), required=True, validate=validate.Length(min=1))
    submitted_at = fields.DateTime(required=True)


def count_assessment(conn: psycopg.Connection, event: Event) -> None:
    """The runner's handler: a one-row projection, so the benchmark measures the plumbing."""
    conn.execute("UPDATE bench_counter SET n = n + 1, last_nip = %s", (event.subject,))


def count_assessments(conn: psycopg.Connection, events: list[Event]) -> None:
    """The same projection for a run of kept events (``batch_handlers``): one statement, as the
    services' consumers apply theirs on the fast path (shared/batchview.py)."""
    conn.execute("UPDATE bench_counter SET n = n + %s, last_nip = %s",
                 (len(events), events[-1].subject))


SERVICE = ServiceDefinition(
    name="bench",
    migrations=Path(__file__).resolve().parent / "migrations",
    handlers={EVENT_TYPE: count_assessment},
    batch_handlers={EVENT_TYPE: count_assessments},
    registry=REGISTRY,
)
# 500 NIPs (18 digits: birth date, appointment year and month, sex, sequence number).
NIPS = [f"19{70 + n % 30:02d}{1 + n % 12:02d}{1 + n % 28:02d}20{10 + n % 15:02d}0{1 + n % 9}"
        f"{1 + n % 2}{n:03d}" for n in range(500)]


class Workload:
    """Realistic assessment events, deterministic per seed; stream versions carry on across rounds."""

    def __init__(self, seed: int = 2017) -> None:
        self.rng = random.Random(seed)
        self.versions: dict[str, int] = defaultdict(int)

    def payload(self, nip: str) -> dict:
        rng = self.rng
        ratings = [{"code": code, "level": rng.randint(1, 5), "required_level": rng.randint(2, 4),
                    "evidence": rng.choice(EVIDENCE)} for code in COMPETENCIES]
        return {"assessment_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "nip": nip,
                "assessor_nip": rng.choice(NIPS), "period": "2025-S1", "kind": "supervisor",
                "ratings": ratings, "submitted_at": datetime.now(timezone.utc).isoformat()}

    def rows(self, n: int, versions: dict[str, int] | None = None) -> list[tuple]:
        """``n`` rows for the ``events`` table, streams interleaved over the NIPs.

        Stream versions continue from ``versions`` (default: the ones this workload stored).
        """
        versions = self.versions if versions is None else versions
        rows = []
        for i in range(n):
            nip = NIPS[self.rng.randrange(len(NIPS))]
            stream = f"appraisal-{nip}"
            versions[stream] += 1
            metadata = {"actor": NIPS[i % len(NIPS)], "correlationid": str(uuid.uuid4())}
            rows.append((uuid.uuid4(), stream, versions[stream], EVENT_TYPE, nip,
                         self.payload(nip), metadata))
        return rows

    def events(self, n: int) -> list[Event]:
        """``n`` events as the relay would read them back, never stored (the raw producer's)."""
        now = datetime.now(timezone.utc)
        return [Event(id=r[0], type=EVENT_TYPE, source=SERVICE.source, subject=r[4], time=now,
                      data=r[5], stream_id=r[1], version=r[2], metadata=r[6])
                for r in self.rows(n, defaultdict(int))]

    def append(self, url: str, n: int) -> None:
        """Bulk-insert ``n`` events through the real table (its triggers run) in one transaction."""
        with psycopg.connect(url) as conn, conn.cursor() as cur:
            with cur.copy("COPY events (event_id, stream_id, version, type, subject, data, metadata)"
                          " FROM STDIN") as copy:
                for row in self.rows(n):
                    copy.write_row(row[:5] + (Jsonb(row[5]), Jsonb(row[6])))


@dataclass
class BenchEnv:
    """A fresh database for the bench service and fresh topics, all with a unique prefix."""

    settings: Settings
    rounds: int

    @classmethod
    def fresh(cls, partitions: int, rounds: int) -> "BenchEnv":
        unique = uuid.uuid4().hex[:8]
        settings = Settings.from_env().with_(database_prefix=f"asnbench_{unique}_",
                                             topic_prefix=f"bench.{unique}.",
                                             topic_partitions=partitions)
        return cls(settings, rounds)

    @property
    def url(self) -> str:
        return self.settings.database_url(SERVICE.name)

    @property
    def bootstrap(self) -> str:
        return self.settings.kafka_bootstrap

    def topic(self, kind: str, round_no: int) -> str:
        """``raw`` (the raw producer writes it) or ``relayed`` (the relay writes, consumers read)."""
        return self.settings.topic(f"{kind}.r{round_no}")

    def topics(self) -> list[str]:
        """The per-round topics and the dead-letter topic the consumer runner is given."""
        return [self.topic(kind, r) for r in range(1, self.rounds + 1)
                for kind in ("raw", "relayed")] + [SERVICE.dlq_topic(self.settings)]

    def create(self) -> None:
        setup(SERVICE, self.settings)
        ensure_topics(self.bootstrap, self.topics(), self.settings.topic_partitions,
                      self.settings.topic_replication)

    def destroy(self) -> None:
        """Drop the database and delete the topics; each step is tried even if the other fails."""
        try:
            drop_database(self.settings.server_url(), self.settings.database_name(SERVICE.name))
        finally:
            delete_topics(self.bootstrap, self.topics() + SERVICE.topics(self.settings))
