"""Bulk commands: an HTTP command that records thousands of events (an import) writes them, and
their projections, the way a consumer's batch does (shared/batchview.py)."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

import psycopg

from shared.batchview import BATCH, BatchView, Isolate, Reading
from shared.envelope import Event
from shared.eventstore import ConcurrencyError


@contextmanager
def written_behind(conn: psycopg.Connection,
                   apply: Callable[[psycopg.Connection, list[Event]], None] | None = None,
                   ) -> Iterator[BatchView]:
    """A bulk command's appends (an import of thousands of rows) keep their rows and write them
    in one statement at the block's end, as a consumer's batch does, instead of a round trip
    each; a stream that moved on meanwhile is a ConcurrencyError there.

    With ``apply`` (the service's ``apply_kept``) the events' projections are kept too and
    applied together by the batch projectors, at the block's end and before every read through
    ``view.reader`` (``Reading``), which is then the connection the command's context must be
    built on: its reads see what applying each event at once would have left."""
    view = BatchView([], apply=apply)
    view.reader = Reading(conn, view)
    token = BATCH.set(view)
    try:
        yield view
        with conn.pipeline():  # leaving it waits for the answer, so a conflict shows here
            view.catch_up(conn)
    except (Isolate, psycopg.errors.UniqueViolation, psycopg.errors.SerializationFailure) as exc:
        cause = exc.__cause__ if isinstance(exc, Isolate) else exc
        if isinstance(cause, (psycopg.errors.UniqueViolation,
                              psycopg.errors.SerializationFailure)):
            raise ConcurrencyError(f"a stream moved on while the command ran: {cause}") from cause
        raise cause from None
    finally:
        BATCH.reset(token)
