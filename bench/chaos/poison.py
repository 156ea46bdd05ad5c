"""Poison records: what the chaos suite writes straight onto the consumed topics, and which dead
letter each must become. The kinds are data, in ``POISON`` below; nothing else lists them.

Each consumer reading a topic must dead-letter every poison record on it, with a reason that
matches the kind's ``reason`` pattern (``dlq_reason`` header), and go on with the partition.
"""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from kafka import KafkaProducer

from shared.envelope import SPECVERSION

SUBMITTED = "assessment.AssessmentSubmitted.v1"
# A period nobody opens: a poison record, if it were applied, would touch no period under load.
POISON_PERIOD = "2019-Q1"
UNREGISTERED_NIP = "199001012019011999"  # an 18-digit NIP the agency never registers
NEAR_1MB = 1_000_000                      # value bytes; the producer's limit is 1 MiB per request


@dataclass(frozen=True)
class Context:
    """What the records are built from: a registered employee and one rating of their standard."""
    nip: str
    position_code: str
    unit_code: str
    job_level: str
    competency: str
    required_level: int


@dataclass(frozen=True)
class PoisonKind:
    name: str
    what: str
    topics: tuple[str, ...]          # services whose events topic gets one ("assessment", ...)
    build: Callable[[Context], tuple[dict, bytes]]  # -> (header overrides, value)
    reason: str                      # regular expression the dead letter's dlq_reason must match
    truncated: bool = False          # the dead letter's value must be cut (dlq_value_truncated)


def submitted(ctx: Context, *, nip: str | None = None, comment: str = "poison") -> dict:
    """A schema-valid AssessmentSubmitted (self) for the unopened poison period."""
    return {"period_id": POISON_PERIOD, "nip": nip or ctx.nip, "role": "self",
            "assessor_nip": nip or ctx.nip, "position_code": ctx.position_code,
            "job_level": ctx.job_level, "unit_code": ctx.unit_code, "submission": 1,
            "ratings": [{"competency": ctx.competency, "level": ctx.required_level,
                         "required_level": ctx.required_level, "evidence": "bukti",
                         "comment": comment}],
            "work_result": "SESUAI", "work_behaviour": "SESUAI", "predikat": None}


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def _near_1mb(ctx: Context) -> tuple[dict, bytes]:
    small = _json(submitted(ctx, comment=""))
    return {}, _json(submitted(ctx, comment="x" * (NEAR_1MB - len(small))))


POISON: tuple[PoisonKind, ...] = (
    PoisonKind("not-json", "a value that is not JSON", ("assessment", "feedback"),
               lambda ctx: ({}, b"{this is not json"), r"^undecodable record"),
    PoisonKind("unknown-type", "a ce_type no schema defines", ("assessment", "feedback"),
               lambda ctx: ({"ce_type": "assessment.NothingHappened.v9"}, b"{}"),
               r"^unknown event type 'assessment\.NothingHappened\.v9'"),
    PoisonKind("schema-misfit", "AssessmentSubmitted whose data does not fit its schema",
               ("assessment", "feedback"), lambda ctx: ({}, _json({"nip": 12})),
               r"data does not fit its schema"),
    PoisonKind("near-1MB", "AssessmentSubmitted of about 1 MB (a 1 MB comment)",
               ("assessment", "feedback"), _near_1mb, r"data does not fit its schema",
               truncated=True),
    PoisonKind("nul-in-text", "schema-shaped AssessmentSubmitted with U+0000 in a comment",
               ("assessment",), lambda ctx: ({}, _json(submitted(ctx, comment="ok\u0000ok"))),
               r"data does not fit its schema"),
    PoisonKind("foreign-source", "valid AssessmentSubmitted from ce_source /x/intruder",
               ("assessment",), lambda ctx: ({"ce_source": "/x/intruder"}, _json(submitted(ctx))),
               r"^unprocessable: foreign source: '/x/intruder' does not write "),
    PoisonKind("unannounced-employee", "valid AssessmentSubmitted about a never registered NIP",
               ("assessment",),
               lambda ctx: ({"ce_subject": UNREGISTERED_NIP},
                            _json(submitted(ctx, nip=UNREGISTERED_NIP))),
               rf"^unprocessable: unknown employee '{UNREGISTERED_NIP}': .* never announced it"),
)


@dataclass(frozen=True)
class Sent:
    """One poison record as the broker stored it."""
    kind: str
    topic: str
    partition: int
    offset: int
    ce_id: str


def headers_for(kind: PoisonKind, overrides: dict, ce_id: str, subject: str) -> list:
    base = {"ce_specversion": SPECVERSION, "ce_id": ce_id, "ce_type": SUBMITTED,
            "ce_source": "/asn/assessment", "ce_subject": subject,
            "ce_time": datetime.now(timezone.utc).isoformat(), "ce_streamid": f"poison-{ce_id}",
            "ce_streamversion": "1", "content-type": "application/json",
            "ce_poison": kind.name}
    base.update(overrides)
    return [(k, v.encode()) for k, v in base.items()]


def produce(bootstrap: str, topics: dict[str, str], ctx: Context) -> list[Sent]:
    """Every kind onto each of its topics (``topics``: service -> topic name), acknowledged."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", retries=5,
                             max_request_size=1024 * 1024)
    sent = []
    try:
        for kind in POISON:
            overrides, value = kind.build(ctx)
            for service in kind.topics:
                ce_id, subject = str(uuid.uuid4()), overrides.get("ce_subject", ctx.nip)
                meta = producer.send(topics[service], key=subject.encode(), value=value,
                                     headers=headers_for(kind, overrides, ce_id, subject)
                                     ).get(timeout=60)
                sent.append(Sent(kind.name, meta.topic, meta.partition, meta.offset, ce_id))
    finally:
        producer.close()
    return sent


def kind(name: str) -> PoisonKind:
    return next(k for k in POISON if k.name == name)


def matches(name: str, reason: str) -> bool:
    return re.search(kind(name).reason, reason) is not None
