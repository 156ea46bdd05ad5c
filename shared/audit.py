"""The audit API every service serves, written once: its event trail and its replay verdicts.

``GET /audit/events?stream=<id>`` reads one stream in version order, ``?subject=<NIP>`` every
event about one employee in global position order; both a page at a time, keyset on position
(``after=<position>&limit=<n>``, the next cursor in the answer). ``GET /audit/replays`` lists the
verdicts ``asn replay`` kept in the service's ``replay_verdicts`` table, newest first. Auditors and
HR (BKPSDM) may read them; anyone else gets 403. Nothing here writes.
"""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from shared.auth import AUDITOR, HR_ADMIN
from shared.errors import Invalid
from shared.events.fields import NIP_PATTERN
from shared.fastargs import Blueprint
from shared.outbox import horizon
from shared.strict import Strict
from shared.transactions import reading
from shared.web import requires

MAX_LIMIT = 500
# A page's cursor: 0, or "<transaction id>.<position>" of its last event (both fit PostgreSQL's
# xid8 and bigint at these lengths).
CURSOR = r"^(0|[0-9]{1,20}\.[0-9]{1,18})$"
METADATA = ("actor", "requestid", "causationid", "correlationid")
ONE_OF = "name either a stream or a subject (one, not both)"


class AuditEventsQuerySchema(Strict):
    stream = fields.String(validate=validate.Length(1, 300), metadata={
        "description": "one stream, in version order (e.g. assessment-2026-Q4-<NIP>-self)"})
    subject = fields.String(validate=validate.Regexp(NIP_PATTERN, error="a NIP has exactly 18 digits"),
                            metadata={"description": "every event about one employee (18-digit "
                                                     "NIP), in commit order"})
    after = fields.String(load_default="0", validate=validate.Regexp(
        CURSOR, error="a cursor is 0 or the previous page's `next`"), metadata={
        "description": "only events after this cursor: 0 (the default) or the previous page's "
                       "`next`"})
    limit = fields.Integer(load_default=100, validate=validate.Range(1, MAX_LIMIT),
                           metadata={"description": f"at most this many events (1 to {MAX_LIMIT})"})


class AuditMetadataSchema(ma.Schema):
    actor = fields.String(allow_none=True, metadata={
        "description": "NIP of the caller who caused it, or the consumer that decided it "
                       "(feedback-consumer, training-consumer); absent for seeded data"})
    requestid = fields.String(allow_none=True, metadata={
        "description": "the X-Request-ID of the HTTP request that recorded it (or began its chain)"})
    causationid = fields.String(allow_none=True, metadata={
        "description": "on a consumer's decision: the id of the event that caused it (it may be "
                       "another service's)"})
    correlationid = fields.String(allow_none=True, metadata={
        "description": "on a consumer's decision: the id of the first event of its chain"})


class AuditEventSchema(ma.Schema):
    id = fields.String(metadata={"description": "the event id (CloudEvents ce_id)"})
    type = fields.String(metadata={"example": "assessment.AssessmentSubmitted.v1"})
    source = fields.String(metadata={"example": "/asn/assessment"})
    stream = fields.String()
    version = fields.Integer()
    position = fields.Integer(metadata={"description": "the global position in this service's "
                                                       "event store"})
    cursor = fields.String(metadata={"description": "where this event stands in commit order: "
                                                    "pass it as `after` to read what follows it"})
    time = fields.DateTime(metadata={"description": "when it was recorded"})
    subject = fields.String(metadata={"description": "the employee's NIP, or the code of a unit, "
                                                     "position, competency or period"})
    data = fields.Dict(metadata={"description": "the event's data, as its type's schema says "
                                                "(docs/catalogue)"})
    metadata = fields.Nested(AuditMetadataSchema)


class AuditEventsSchema(ma.Schema):
    events = fields.List(fields.Nested(AuditEventSchema))
    next = fields.String(allow_none=True, metadata={
        "description": "the cursor of the next page (pass it as `after`); null when this page "
                       "is the last"})


class ReplaysQuerySchema(Strict):
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 100),
                           metadata={"description": "at most this many verdicts, newest first"})


class ReplayTableSchema(ma.Schema):
    table = fields.String()
    live_rows = fields.Integer()
    replay_rows = fields.Integer()
    equal = fields.Boolean()


class ReplaySkippedSchema(ma.Schema):
    topic = fields.String()
    partition = fields.Integer()
    offset = fields.Integer()
    reason = fields.String()


class ReplayVerdictSchema(ma.Schema):
    id = fields.Integer()
    ran_at = fields.DateTime()
    ran_by = fields.String(metadata={"description": "who ran `asn replay` (--by, else user@host)"})
    equal = fields.Boolean(metadata={"description": "every projection equals its rebuild"})
    own_events = fields.Integer()
    consumed_records = fields.Integer()
    tables = fields.List(fields.Nested(ReplayTableSchema))
    skipped = fields.List(fields.Nested(ReplaySkippedSchema), metadata={
        "description": "consumed records that could not be decoded or applied (as the live "
                       "consumer dead-lettered them)"})


def audit_blueprint(service: str) -> Blueprint:
    """The audit routes of ``service`` (its name, for the documents and each event's source)."""
    blp = Blueprint("audit", __name__, url_prefix="/audit",
                    description=f"The audit trail of the {service} service and its replay "
                                "verdicts (auditor and hr_admin; read-only)")
    source = f"/asn/{service}"

    @blp.route("/events")
    @requires(AUDITOR, HR_ADMIN)
    @blp.arguments(AuditEventsQuerySchema, location="query")
    @blp.response(200, AuditEventsSchema)
    def audit_events(query):
        """Events of one stream (version order) or about one employee (position order), paged
        by position: pass the answer's ``next`` as ``after`` until it is null. Name exactly one
        of ``stream`` and ``subject`` (else 422 ``stream_or_subject``)."""
        if ("stream" in query) == ("subject" in query):  # a rule the document's schema cannot say
            field = "stream" if "stream" in query else "subject"
            raise Invalid("stream_or_subject", ONE_OF, errors={"query": {field: [ONE_OF]}})
        with reading() as conn:
            return events_page(conn, source, query)

    @blp.route("/replays")
    @requires(AUDITOR, HR_ADMIN)
    @blp.arguments(ReplaysQuerySchema, location="query")
    @blp.response(200, ReplayVerdictSchema(many=True))
    def audit_replays(query):
        """The verdicts of `asn replay` on this service, newest first: equal or not, per table,
        the records it skipped, who ran it."""
        with reading() as conn:
            return conn.execute("SELECT * FROM replay_verdicts ORDER BY ran_at DESC, id DESC"
                                " LIMIT %s", (query["limit"],)).fetchall()

    return blp


def events_page(conn, source: str, query: dict) -> dict:
    """One page of a stream's or a subject's events in commit order, and the cursor of the next.

    Only transactions below this database's horizon are read, as the relay reads
    (``shared.outbox.horizon``): every event that can still commit has a larger transaction id,
    so none can appear behind a cursor already handed out. An event is listed once its writer and
    every older writer of this database have ended; another database's cannot hold it.
    """
    column, value = (("stream_id", query["stream"]) if "stream" in query
                     else ("subject", query["subject"]))
    tx_id, position = _cursor(query["after"])
    rows = conn.execute(
        "SELECT tx_id, position, event_id, stream_id, version, type, subject, data, metadata,"
        f" recorded_at FROM events WHERE {column} = %s AND (tx_id, position) > (%s::xid8, %s)"
        " AND tx_id < %s::xid8 ORDER BY tx_id, position LIMIT %s",
        (value, tx_id, position, horizon(conn), query["limit"] + 1)).fetchall()
    more = len(rows) > query["limit"]
    rows = rows[:query["limit"]]
    return {"events": [_event(row, source) for row in rows],
            "next": _cursor_of(rows[-1]) if more else None}


def _cursor_of(row: dict) -> str:
    return f"{row['tx_id']}.{row['position']}"


def _cursor(after: str) -> tuple[str, int]:
    """``0`` (the start) or ``<transaction id>.<position>`` of the last event read."""
    tx_id, _, position = after.partition(".")
    return (tx_id, int(position)) if position else ("0", 0)


def _event(row: dict, source: str) -> dict:
    metadata = row["metadata"] or {}
    return {"id": str(row["event_id"]), "type": row["type"], "source": source,
            "stream": row["stream_id"], "version": row["version"], "position": row["position"],
            "cursor": _cursor_of(row),
            "time": row["recorded_at"], "subject": row["subject"], "data": row["data"],
            "metadata": {name: metadata.get(name) for name in METADATA}}
