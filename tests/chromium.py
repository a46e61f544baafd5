"""Headless Debian Chromium driven by Playwright, with the network cut (tests and benchmarks).

Playwright's own browser download is never used: Chromium is the Debian package
(``tests/system-packages.txt``), started through ``executable_path``. Every request that
is not to ``file:`` (or an inline ``data:``/``about:`` URL) is aborted and recorded.
In CI (``CI=true``) a missing Chromium or Playwright fails the tests; elsewhere it skips them.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

import pytest

CHROMIUM = os.environ.get("HISTKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-gpu", "--disable-dev-shm-usage"]
LOCAL = ("file:", "data:", "about:", "blob:")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -e '.[dev]')"
    if not os.path.exists(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (bash tests/install-system-deps.sh)"
    return None


def require() -> None:
    """Skip outside CI, fail loudly in CI, when the browser cannot run."""
    reason = missing()
    if reason and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    if reason:
        pytest.skip(reason)


@contextmanager
def launch() -> Iterator[Any]:
    """A headless Chromium browser (Playwright ``Browser``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What a page did that it should not: console errors, exceptions, dialogs, requests."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: self._request(r.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _request(self, url: str) -> None:
        if not url.startswith(LOCAL):
            self.remote.append(url)

    def route(self, route: Any) -> None:
        """Route handler: let local URLs through, abort (and record) any other request."""
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            self._request(url)
            route.abort("blockedbyclient")

    def assert_clean(self) -> None:
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.dialogs, f"dialogs opened (script ran): {self.dialogs}"
        assert not self.remote, f"requests to other hosts: {sorted(set(self.remote))}"


def open_page(browser: Any, url: str, size: tuple[int, int] = (1200, 800),
              timeout_ms: int = 60_000) -> tuple[Any, Watch]:
    """Open ``url`` in a fresh offline context; wait until the network view has drawn."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                  service_workers="block")
    watch = Watch()
    context.route("**/*", watch.route)
    page = context.new_page()
    watch.attach(page)
    page.goto(url, wait_until="load", timeout=timeout_ms)
    return page, watch


def wait_stable(frame: Any, timeout_ms: int = 60_000) -> None:
    """Wait until the page script ran and the network is drawn with physics off."""
    frame.wait_for_selector("html[data-kg-stable='true']", state="attached", timeout=timeout_ms)
