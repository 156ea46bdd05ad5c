"""Browser-test fixtures: ``browser``, ``new_page``, ``page`` (tests/support/browser.py) and
``portal_platform``; every test under tests/browser/ carries the ``browser`` marker."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import browser, new_page, page  # noqa: F401 (fixtures used by name)
from tests.support.platform import running_platform

HERE = Path(__file__).parent


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's Chromium through Playwright")


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def portal_platform(base_settings, tmp_path_factory):
    """The whole platform plus the portal (services/portal) on free ports, for the run's tests
    that name this fixture (no test starts it otherwise); ``.portal_url`` is its address."""
    with running_platform(base_settings, tmp_path_factory.mktemp("portal-platform"),
                          portal=True) as platform:
        yield platform
