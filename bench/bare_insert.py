"""The baseline of ``bench.submissions``: a bare Flask endpoint storing a JSON body with one INSERT.

``gunicorn "bench.bare_insert:create_app()"`` with the same ASN_* environment as the assessment
service; it writes to a table of its own in the assessment service's database. No token check, no
validation, no event: what is left is what any web endpoint on this machine pays (HTTP, JSON,
a pooled connection, one committed INSERT).
"""
from __future__ import annotations

from flask import Flask, request
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from shared.config import Settings

TABLE = "bench_bare_submissions"


def create_app(settings: Settings | None = None) -> Flask:
    """A Flask app whose ``POST /submissions`` inserts the JSON body and answers 201."""
    settings = settings or Settings.from_env()
    # The pool sizes of the services' (shared.db.make_pool): both sides hold connections alike.
    pool = ConnectionPool(settings.database_url("assessment"), min_size=1, max_size=10,
                          name="bare-insert", open=False)
    pool.open(wait=True, timeout=30)
    with pool.connection() as conn:
        # Workers start together: the lock keeps two CREATE IF NOT EXISTS from colliding.
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (TABLE,))
        conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id bigserial PRIMARY KEY,"
                     " body jsonb NOT NULL, stored_at timestamptz NOT NULL DEFAULT now())")
    app = Flask("bare_insert")
    app.extensions["bare.pool"] = pool

    @app.post("/submissions")
    def submit():
        body = request.get_json()
        with pool.connection() as conn:
            row = conn.execute(f"INSERT INTO {TABLE} (body) VALUES (%s) RETURNING id",
                               (Jsonb(body),)).fetchone()
        return {"id": row[0], "status": "stored"}, 201

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app
