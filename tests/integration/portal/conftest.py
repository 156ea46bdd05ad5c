"""One platform (every service process) and one small agency for the portal's tests."""
from __future__ import annotations

import pytest

from tests.support.platform import running_platform
from tests.support.portal import Browserless, portal_app, seed


@pytest.fixture(scope="package")
def platform(infra, tmp_path_factory):
    with running_platform(infra, tmp_path_factory.mktemp("portal-platform")) as running:
        yield running


@pytest.fixture(scope="package")
def agency(platform):
    return seed(platform.settings)


@pytest.fixture(scope="package")
def app(platform, agency):
    return portal_app(platform.settings)


@pytest.fixture
def browser(app) -> Browserless:
    return Browserless(app)
