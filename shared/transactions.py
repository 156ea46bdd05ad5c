"""One database transaction per request, and Idempotency-Key on POST (a retry makes its events once).

A write view runs inside ``command``: the connection is ``g.conn``; an exception rolls everything
back. With an ``Idempotency-Key`` header the key is claimed in the same transaction, so a retried or
racing duplicate waits for the first to commit and then gets the first's response replayed.
"""
from __future__ import annotations

import hashlib
from contextlib import contextmanager
from functools import wraps
from typing import Iterator

import psycopg
from psycopg.pq import TransactionStatus
from flask import current_app, g, request

from shared.errors import Invalid
from shared.eventstore import ACTOR, UNWAITED, conflict

MAX_KEY_LENGTH = 200
REPLAYED_HEADER = "Idempotent-Replayed"


@contextmanager
def reading() -> Iterator[psycopg.Connection]:
    """A pooled connection for a read endpoint."""
    with current_app.extensions["asn.pool"].connection() as conn:
        yield conn


def context_on(conn: psycopg.Connection):
    """The service's context on ``conn`` (its store adapter, rules and clock: ``ServiceDefinition.wire``)."""
    return current_app.extensions["asn.context"](conn)


def command_context():
    """The service's context on the open command's transaction (inside a ``command`` view)."""
    return context_on(g.conn)


def command(view):
    """Decorate a write view: one transaction for all it does, the Idempotency-Key honoured."""
    @wraps(view)
    def run(*args, **kwargs):
        key = request.headers.get("Idempotency-Key") if request.method == "POST" else None
        if key is not None and not (0 < len(key) <= MAX_KEY_LENGTH and key.isprintable()):
            raise Invalid("bad_idempotency_key",
                          f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable characters")
        # Pipeline mode: statements whose results nobody waits for (BEGIN, the event INSERTs,
        # projection updates, COMMIT) travel with the next one that is waited for, so a
        # self-assessment costs two round trips (its context query, then all the rest) rather
        # than one per statement. COMMIT is queued like any statement rather than sent by
        # conn.commit(), which waits for its answer and leaves the pipeline's closing sync a
        # round trip of its own: queued, it travels with that sync, whose wait raises its error,
        # if any, before the response leaves (a stream that moved on becomes a ConcurrencyError
        # in ``appends_checked_at_sync``). An exception leaves the pipeline uncommitted and the
        # pool's context rolls it back.
        pool = current_app.extensions["asn.pool"]
        with pool.connection() as conn, appends_checked_at_sync(), conn.pipeline():
            g.conn = conn
            caller = g.principal.nip
            actor = ACTOR.set(caller)
            try:
                if key is not None:
                    replay = _claim(conn, caller, key, _request_hash())
                    if replay is not None:
                        return replay
                response = current_app.make_response(view(*args, **kwargs))
                if key is not None:
                    conn.execute("UPDATE idempotency_keys SET status = %s, body = %s"
                                 " WHERE caller = %s AND key = %s",
                                 (response.status_code, response.get_data(as_text=True), caller, key))
                if conn.info.transaction_status != TransactionStatus.IDLE:
                    conn.execute("COMMIT")
                return response
            finally:
                ACTOR.reset(actor)
                g.pop("conn", None)
    return run


@contextmanager
def appends_checked_at_sync() -> Iterator[None]:
    """The block's event appends are sent without waiting for their answer (the pipeline
    carries them to its sync, shared/eventstore.py); a stream that moved on, raised at that
    sync or at any read before it, leaves the block as a ConcurrencyError (409), the command's
    transaction, Idempotency-Key claim and stored response included, rolled back."""
    appended: list[tuple[str, int]] = []
    token = UNWAITED.set(appended)
    try:
        yield
    except (psycopg.errors.UniqueViolation, psycopg.errors.SerializationFailure) as exc:
        refused = conflict(exc, appended)
        if refused is None:
            raise
        raise refused from exc
    finally:
        UNWAITED.reset(token)


def _request_hash() -> str:
    digest = hashlib.sha256(f"{request.method} {request.full_path}\n".encode())
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def _claim(conn: psycopg.Connection, caller: str, key: str, request_hash: str):
    """None when the key is new (now claimed); else the first request's stored response."""
    claimed = conn.execute(
        "INSERT INTO idempotency_keys (caller, key, request_hash) VALUES (%s, %s, %s)"
        " ON CONFLICT DO NOTHING RETURNING 1", (caller, key, request_hash)).fetchone()
    if claimed:
        return None
    row = conn.execute("SELECT request_hash, status, body FROM idempotency_keys"
                       " WHERE caller = %s AND key = %s", (caller, key)).fetchone()
    if row["request_hash"] != request_hash:
        raise Invalid("idempotency_key_reused",
                      "this Idempotency-Key was used for a different request")
    response = current_app.response_class(row["body"], status=row["status"],
                                          mimetype="application/json")
    response.headers[REPLAYED_HEADER] = "true"
    return response
