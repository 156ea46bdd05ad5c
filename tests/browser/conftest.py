"""Browser-test fixtures: ``browser``, ``new_page``, ``page`` (tests/support/browser.py) and
``portal_platform``; every test under tests/browser/ carries the ``browser`` marker."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.browser import browser, new_page, page  # noqa: F401 (fixtures used by name)
from tests.support.platform import running_platform

HERE = Path(__file__).parent
# An agency that opens monthly and quarterly periods, so that both kinds of page are tested.
PERIOD_RULES = HERE.parent / "support" / "data" / "period_rules_both.yaml"


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
    with running_platform(base_settings, tmp_path_factory.mktemp("portal-platform"), portal=True,
                          base_env={**os.environ, "ASN_PERIOD_RULES_FILE": str(PERIOD_RULES)}
                          ) as platform:
        yield platform
