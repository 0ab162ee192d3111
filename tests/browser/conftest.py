"""Browser tests: the app served by a real HTTP server in a thread, driven by Playwright through
Debian's Chromium (pip's Playwright cannot download a browser here)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Browser, Page
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
# The flags keep Chromium from calling home: this machine's network is closed.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""

pytestmark = pytest.mark.browser


@dataclass
class LiveServer:
    app: Flask
    url: str
    thread: threading.Thread = field(repr=False)


@pytest.fixture
def live_server(app: Flask) -> Iterator[LiveServer]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}", thread=thread)
    server.shutdown()
    thread.join(timeout=5)


class CheckedPage:
    """A page that collects CSP violations and console errors, and runs axe on demand."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console_errors: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def csp_violations(self) -> list[str]:
        found = self.page.evaluate("window.__cspViolations || []")
        found += [text for text in self.console_errors if "Content Security Policy" in text]
        return found

    def assert_clean(self) -> None:
        """No CSP violation, and axe finds nothing serious or critical."""
        assert self.csp_violations() == []
        results = Axe().run(self.page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], "\n".join(serious)


def _new_page(browser: Browser, width: int, height: int) -> Iterator[CheckedPage]:
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield CheckedPage(page)
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[CheckedPage]:
    """A cheap phone's screen: 360 CSS pixels wide."""
    yield from _new_page(browser, 360, 740)


@pytest.fixture
def desktop(browser: Browser) -> Iterator[CheckedPage]:
    yield from _new_page(browser, 1280, 900)
