"""One platform (every service process) and one small agency for the portal's tests."""
from __future__ import annotations

import uuid

import pytest

from tests.support.platform import Platform
from tests.support.portal import Browserless, portal_app, seed


@pytest.fixture(scope="package")
def platform(infra, tmp_path_factory):
    unique = uuid.uuid4().hex[:8]
    settings = infra.with_(database_prefix=f"asntest_{unique}_", topic_prefix=f"test.{unique}.",
                           topic_partitions=3)
    running = Platform(settings, tmp_path_factory.mktemp("portal-platform"))
    running.setup()
    try:
        running.start()
        yield running
    finally:
        running.stop()
        running.remove()


@pytest.fixture(scope="package")
def agency(platform):
    return seed(platform.settings)


@pytest.fixture(scope="package")
def app(platform, agency):
    return portal_app(platform.settings)


@pytest.fixture
def browser(app) -> Browserless:
    return Browserless(app)
