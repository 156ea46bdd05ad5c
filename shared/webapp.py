"""Composition root of a service's web process: pool, token verifier, probes, blueprints."""
from __future__ import annotations

import threading

import psycopg
from flask import Flask
from kafka import KafkaAdminClient
from kafka.errors import KafkaError
from psycopg_pool import ConnectionPool, PoolTimeout

from shared.auth import TokenVerifier
from shared.config import Settings
from shared.db import make_pool
from shared.i18n import Catalogue
from shared.service import ServiceDefinition
from shared.web import build_app, unguarded_endpoints


def build_web_app(service: ServiceDefinition, settings: Settings, blueprints=(),
                  messages: dict[str, dict[str, str]] | None = None) -> Flask:
    """The service's Flask app: a pool (connecting in the background), token checks, probes;
    ``messages`` are the service's own texts beside the platform's (shared/i18n.py)."""
    pool = make_pool(settings.database_url(service.name), name=f"{service.name}-web", wait=False)
    verifier = TokenVerifier.from_settings(settings)
    broker = BrokerProbe(settings.kafka_bootstrap)

    def ready() -> dict[str, bool]:
        return {"database": _database_answers(pool), "broker": broker()}

    app, api = build_app(service.name, verifier, ready=ready)
    app.extensions["asn.pool"] = pool
    app.extensions["asn.settings"] = settings
    app.extensions["asn.messages"] = Catalogue(messages or {})
    if service.wire is not None:  # the handlers' store adapter, rules and clock (shared.transactions)
        app.extensions["asn.context"] = service.wire(service, settings)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    missing = unguarded_endpoints(app)
    if missing:
        raise RuntimeError(f"endpoints without an access rule: {', '.join(missing)}")
    return app


def _database_answers(pool: ConnectionPool) -> bool:
    try:
        with pool.connection(timeout=2) as conn:
            conn.execute("SELECT 1")
        return True
    except (psycopg.Error, PoolTimeout):
        return False


class BrokerProbe:
    """Asks the broker to describe its cluster; one admin client, rebuilt after a failure."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self._admin = None
        self._lock = threading.Lock()

    def __call__(self) -> bool:
        with self._lock:
            try:
                if self._admin is None:
                    self._admin = KafkaAdminClient(bootstrap_servers=self.bootstrap,
                                                   request_timeout_ms=3000, client_id="asn-ready")
                self._admin.describe_cluster()
                return True
            except KafkaError:
                if self._admin is not None:
                    self._admin.close()
                self._admin = None
                return False
