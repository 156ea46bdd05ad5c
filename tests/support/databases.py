"""A service's database set up once per session, copied for each test (a fraction of a second)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import ClassVar, Iterator

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from shared.auth import ensure_dev_keys, mint
from shared.config import Settings
from shared.db import drop_database
from shared.runtime import setup
from shared.service import ServiceDefinition
from shared.topics import delete_topics
from tests.support.callers import Caller


def template(service: ServiceDefinition, infra: Settings, keys_dir) -> Iterator[Settings]:
    """Set the service up (migrations, seed, development keys) once; remove it afterwards."""
    settings = infra.with_(database_prefix=f"{infra.database_prefix}{service.name}tmpl_",
                           jwt_private_key_file=keys_dir / "private.pem",
                           jwt_public_key_file=keys_dir / "public.pem")
    ensure_dev_keys(settings.jwt_private_key_file, settings.jwt_public_key_file)
    setup(service, settings)
    yield settings
    drop_database(settings.server_url(), settings.database_name(service.name))
    delete_topics(settings.kafka_bootstrap, service.topics(settings))


def copy(service: ServiceDefinition, template_settings: Settings) -> Settings:
    """Settings naming a new database copied from the template's."""
    settings = template_settings.with_(
        database_prefix=f"{template_settings.database_prefix}{uuid.uuid4().hex[:8]}_")
    with psycopg.connect(settings.server_url(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(settings.database_name(service.name)),
            sql.Identifier(template_settings.database_name(service.name))))
    return settings


@dataclass
class ServiceEnv:
    """A service's app on a test database: connections, callers with tokens, what was recorded."""

    service: ClassVar[ServiceDefinition]
    settings: Settings
    app: object

    @property
    def url(self) -> str:
        return self.settings.database_url(self.service.name)

    def connect(self, **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.url, row_factory=dict_row, **kwargs)

    def caller(self, nip: str | None, *roles: str) -> Caller:
        """A caller with a token for ``nip`` and ``roles``; ``nip=None`` sends no token at all."""
        token = mint(self.settings.jwt_private_key_file.read_bytes(), nip, roles) if nip else None
        return Caller(self.app.test_client(), token)

    def rows(self, query: str, *params) -> list[dict]:
        with self.connect() as conn:
            return conn.execute(query, params).fetchall()

    def events(self, type_suffix: str = "") -> list[dict]:
        """The service's events whose type contains ``type_suffix``, in order."""
        return self.rows("SELECT * FROM events WHERE type LIKE %s ORDER BY position",
                         f"%{type_suffix}%")
