"""A sample service: its own ``ThingRecorded`` events and another service's ``ThingNoted`` events."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path

from marshmallow import fields, validate

from shared.consumer import UnprocessableEvent
from shared.envelope import Event, NewEvent, caused_by
from shared.events import EventSchema, Registry
from shared.events.fields import text
from shared.service import ServiceDefinition, record

REGISTRY = Registry()
NIP = "199001012020121001"


@REGISTRY.event("sample.ThingRecorded", version=1)
class ThingRecordedV1(EventSchema):
    """An amount recorded for an employee."""
    nip = fields.String(required=True, validate=validate.Length(equal=18))
    amount = fields.Integer(required=True)


@REGISTRY.event("other.ThingNoted", version=1)
class ThingNotedV1(EventSchema):
    """A note another service made about an employee."""
    nip = fields.String(required=True)
    note = text(1_000_000, required=True)


def recorded(nip: str = NIP, amount: int = 1) -> NewEvent:
    return NewEvent("sample.ThingRecorded.v1", nip, {"nip": nip, "amount": amount})


def noted(nip: str = NIP, note: str = "ok") -> NewEvent:
    return NewEvent("other.ThingNoted.v1", nip, {"nip": nip, "note": note})


def noted_event(nip: str = NIP, note: str = "ok") -> Event:
    """Another service's event, as it arrives from Kafka."""
    return Event(id=uuid.uuid4(), type="other.ThingNoted.v1", source="/asn/other", subject=nip,
                 time=datetime.now(timezone.utc), data={"nip": nip, "note": note},
                 stream_id=f"note-{nip}", version=1)


def project_recorded(conn, event) -> None:
    conn.execute(
        "INSERT INTO sample_totals (nip, total, events) VALUES (%s, %s, 1)"
        " ON CONFLICT (nip) DO UPDATE SET total = sample_totals.total + EXCLUDED.total,"
        " events = sample_totals.events + 1", (event.subject, event.data["amount"]))


def apply_noted(conn, event) -> None:
    note = event.data["note"]
    if note == "reject":
        raise UnprocessableEvent("notes saying 'reject' cannot be applied")
    if note.startswith("number:"):  # data the database refuses, as a column type would
        conn.execute("SELECT %s::int", (note.split(":", 1)[1],))
    conn.execute(
        "INSERT INTO sample_notes (nip, notes) VALUES (%s, 1)"
        " ON CONFLICT (nip) DO UPDATE SET notes = sample_notes.notes + 1", (event.subject,))


def react_to_noted(conn, event) -> None:
    """A decision: a note "record:N" makes the sample service record an amount N of its own."""
    note = event.data["note"]
    if note.startswith(("record:", "clash:")):
        # "clash:N" records on one stream shared by every such note: the second one conflicts.
        stream = f"thing-{event.id}" if note.startswith("record:") else "thing-clash"
        record(conn, SAMPLE, stream, 0, [NewEvent(
            "sample.ThingRecorded.v1", event.subject,
            {"nip": event.subject, "amount": int(note.split(":")[1])},
            caused_by(event, "sample-consumer"))])


SAMPLE = ServiceDefinition(
    name="sample",
    migrations=Path(__file__).resolve().parent / "sample_migrations",
    consumes=("other",),
    handlers={"other.ThingNoted.v1": apply_noted},
    projectors={"sample.ThingRecorded.v1": project_recorded},
    reactors={"other.ThingNoted.v1": react_to_noted},
    registry=REGISTRY,
)
