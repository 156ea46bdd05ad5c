"""Platform(portal=True): the portal's gunicorn runs beside every service with its own settings,
is waited for, is reached by a browser at ``portal_url``, and is stopped with the rest."""
from __future__ import annotations

import pytest

from tests.support.browser import assert_accessible
from tests.support.platform import Platform, running_platform

pytestmark = pytest.mark.timeout(180)
STUB = "tests.browser.stub_portal:create_app()"


@pytest.fixture(scope="module")
def stub_platform(base_settings, tmp_path_factory):
    with running_platform(base_settings, tmp_path_factory.mktemp("stub-portal"),
                          portal=True, portal_app=STUB) as platform:
        yield platform


def test_the_portal_gets_its_settings_and_reaches_the_services(stub_platform, new_page):
    page = new_page("phone")
    page.goto(stub_platform.portal_url)
    items = page.get_by_role("listitem").all_inner_texts()
    assert items == ["dev-login: ya", "own-url: ya", "secret: ya", "assessment: ya"]
    assert_accessible(page)
    assert stub_platform.processes["portal-web"].poll() is None


def test_without_the_portal_option_no_portal_runs(base_settings, tmp_path):
    platform = Platform(base_settings, tmp_path)
    assert platform.portal_url is None


def test_a_portal_that_cannot_start_is_reported_with_its_log(base_settings, tmp_path):
    refused = r"portal not ready; exited: \['portal-web'\]"
    with pytest.raises(RuntimeError, match=refused) as failure:
        with running_platform(base_settings, tmp_path, portal=True,
                              portal_app="tests.browser.absent:create_app()"):
            pass
    assert "--- portal-web" in str(failure.value), "the message carries the portal's log tail"
    assert "No module named 'tests.browser.absent'" in (tmp_path / "portal-web.log").read_text()
