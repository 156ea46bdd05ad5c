"""A service's database set up once per session, copied for each test (a fraction of a second)."""
from __future__ import annotations

import uuid
from typing import Iterator

import psycopg
from psycopg import sql

from shared.auth import ensure_dev_keys
from shared.config import Settings
from shared.db import drop_database
from shared.runtime import setup
from shared.service import ServiceDefinition
from shared.topics import delete_topics


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
