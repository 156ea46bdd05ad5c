"""Real-browser test support: Debian's Chromium driven by Playwright, pages at a phone's and a
desktop's width in locale id-ID, axe-core accessibility checks and full-page screenshots.

Playwright's own browser download cannot reach its CDN here, so it launches /usr/bin/chromium
(deploy/install.sh installs it; ASN_CHROMIUM overrides the path). Never run `playwright install`.
"""
from __future__ import annotations

import functools
import os
import tempfile
import weakref
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from shared.config import REPO_ROOT

# Root in a container needs --no-sandbox; the next five keep Chromium off the (closed) network,
# which otherwise makes it retry and slow down. A container's /dev/shm may be 64 MB, too small for
# Chromium; Debian's wrapper means to add --disable-dev-shm-usage then, but its test breaks when
# findmnt prints two lines, so it is always given here.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage")
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
LOCALE, TIMEZONE = "id-ID", "Asia/Jakarta"
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING_IMPACTS = ("serious", "critical")
SCREENSHOTS = REPO_ROOT / "docs" / "portal" / "screenshots"
TIMEOUT_MS = 10_000  # Playwright's 30 s default makes a broken page slow to report

_viewport_of: weakref.WeakKeyDictionary[BrowserContext, str] = weakref.WeakKeyDictionary()
_errors_of: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


class AccessibilityError(AssertionError):
    """axe-core found violations of a blocking impact."""


def chromium_path() -> Path:
    return Path(os.environ.get("ASN_CHROMIUM", "/usr/bin/chromium"))


def require(path: Path, what: str, fix: str) -> None:
    """Skip when ``path`` is missing on a developer's machine; fail in CI (CI set)."""
    if path.exists():
        return
    message = f"{what} not found at {path}; {fix}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def launch(playwright) -> Browser:
    """Debian's Chromium, headless, with the flags above (Playwright makes a fresh profile)."""
    return playwright.chromium.launch(executable_path=str(chromium_path()),
                                      args=list(CHROMIUM_FLAGS), headless=True)


def new_context(browser: Browser, viewport: str, **options) -> BrowserContext:
    """A fresh context (own cookies) at the ``phone`` or ``desktop`` viewport, locale id-ID."""
    context = browser.new_context(**{**VIEWPORTS[viewport], "locale": LOCALE,
                                     "timezone_id": TIMEZONE, **options})
    context.set_default_timeout(TIMEOUT_MS)
    _viewport_of[context] = viewport
    return context


def open_page(context: BrowserContext) -> Page:
    """A page in ``context`` whose console errors and uncaught exceptions are recorded."""
    page = context.new_page()
    errors = _errors_of.setdefault(page, [])
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    return page


def viewport_name(page: Page) -> str:
    """``phone`` or ``desktop``: the viewport the page's context was made for."""
    return _viewport_of.get(page.context) or (
        "phone" if (page.viewport_size or {"width": 1280})["width"] < 640 else "desktop")


def console_errors(page: Page) -> list[str]:
    """Console errors (a CSP refusal is one) and uncaught exceptions of a page so far."""
    return list(_errors_of.get(page, []))


def assert_no_console_errors(page: Page) -> None:
    errors = console_errors(page)
    assert not errors, "console errors:\n" + "\n".join(f"  - {e}" for e in errors)


def assert_no_horizontal_scroll(page: Page) -> None:
    """Fail when the page is wider than its viewport (PORTAL.md: no horizontal scrolling)."""
    # clientWidth, not innerWidth: a mobile viewport grows innerWidth to fit overflowing content
    widths = page.evaluate("() => [document.documentElement.scrollWidth,"
                           " document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]} px wide in a {widths[1]} px viewport"


# What the header says of each role a person acts in, once signed in.
ACTING_AS = {"hr_admin": "BKPSDM", "training_admin": "Admin pelatihan", "auditor": "Auditor"}


def sign_in_as(page: Page, base: str, nip: str, role: str = "employee") -> None:
    """The development sign-in as ``nip`` holding ``role``, then acting in it (the header's switch)."""
    page.goto(f"{base}/masuk")
    page.fill("#nip", nip)
    page.select_option("#role", role)
    page.get_by_role("button", name="Masuk sebagai pegawai ini").click()
    switch = page.get_by_label("Ganti peran")
    if role != "employee" and switch.count():
        switch.select_option(role)
        page.get_by_role("button", name="Ganti", exact=True).click()
    if role in ACTING_AS:
        expect(page.locator(".who")).to_contain_text(ACTING_AS[role])


def checked(page: Page, name: str) -> None:
    """axe-core finds nothing serious, the CSP refused nothing, nothing scrolls sideways."""
    assert_accessible(page)
    refused = [e for e in console_errors(page) if "Content Security Policy" in e or "uncaught" in e]
    assert not refused, f"{name}: {refused}"
    assert_no_horizontal_scroll(page)


def menu(page: Page, name: str) -> None:
    """Follow the main menu's entry ``name``."""
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name=name).click()


@functools.cache
def _axe_source() -> str:
    require(AXE_SCRIPT, "axe-core", "run deploy/install.sh (npm ci)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page: Page, tags: tuple[str, ...] = WCAG_TAGS) -> list[dict]:
    """Every axe-core violation on the page, for rules tagged with ``tags``.

    The source goes in through page.evaluate (the DevTools protocol), which a page's CSP does not
    govern; add_script_tag would insert an inline <script> that script-src 'self' refuses, and
    bypass_csp=True would hide the portal's own CSP mistakes from every other check.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source() + "\n;undefined")
    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)


def describe(violations: list[dict], nodes: int = 3) -> str:
    """A readable list: impact, rule, help, its URL, and the first few offending elements."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        lines += [f"    {', '.join(n['target'])}: {n['html'][:120]}" for n in v["nodes"][:nodes]]
        if len(v["nodes"]) > nodes:
            lines.append(f"    ... and {len(v['nodes']) - nodes} more")
    return "\n".join(lines)


def assert_accessible(page: Page, tags: tuple[str, ...] = WCAG_TAGS,
                      impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict]:
    """Fail when axe-core (WCAG 2.1 A/AA) finds a serious or critical violation; return the rest."""
    violations = axe_violations(page, tags)
    blocking = [v for v in violations if v["impact"] in impacts]
    if blocking:
        raise AccessibilityError(f"{len(blocking)} accessibility violation(s) on {page.url}:\n"
                                 + describe(blocking))
    return violations


@functools.cache
def _temporary_screenshots() -> Path:
    return Path(tempfile.mkdtemp(prefix="asn-screenshots-"))


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG <name>-<phone|desktop>.png: into docs/portal/screenshots/ when
    ASN_SCREENSHOTS=1, else into a temporary folder (taken either way, so it is tested)."""
    folder = SCREENSHOTS if os.environ.get("ASN_SCREENSHOTS") == "1" else _temporary_screenshots()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{viewport_name(page)}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    return path


# ------------------------------------------------------- fixtures (tests/browser/conftest.py)

@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run; skipped without Chromium, unless CI is set."""
    require(chromium_path(), "Chromium", "run deploy/install.sh (apt-get install chromium)")
    with sync_playwright() as playwright:
        running = launch(playwright)
        yield running
        running.close()


@pytest.fixture
def new_page(browser):
    """Factory: ``new_page("phone"|"desktop", **context_options)``, each in a fresh context."""
    contexts = []

    def make(viewport: str = "desktop", **options) -> Page:
        contexts.append(new_context(browser, viewport, **options))
        return open_page(contexts[-1])

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(params=tuple(VIEWPORTS))
def page(request, new_page) -> Page:
    """A fresh page, once at the phone's width and once at the desktop's (the test runs twice)."""
    return new_page(request.param)
