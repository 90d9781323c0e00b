"""Browser fixtures: one Debian Chromium per session (driven by Playwright, never `playwright install`),
and a real `balmail design` server on loopback per program, on a temporary copy of it."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from balmail.web.server import DesignServer, DesignState

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTIFACTS = Path(
    os.environ.get("BALMAIL_ARTIFACTS", Path(__file__).resolve().parents[2] / "tmp" / "artifacts")
)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        message = "the browser tests need Debian's chromium (apt-get install chromium; .ci/setup does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Running:
    """A design server in a thread, for one program folder or file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.state = DesignState(path, environ={}, overrides={})
        self.server = DesignServer(self.state, 0)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while (self.server.server is None or not self.server.server.started) and time.monotonic() < deadline:
            time.sleep(0.05)

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(timeout=10)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[object]:
    """`serve("routing_http_imap")` (an example, copied) or `serve(path)` → a running server."""
    running: list[Running] = []

    def start(what: str | Path) -> Running:
        if isinstance(what, str):
            target = tmp_path / what
            shutil.copytree(EXAMPLES / what, target)
            what = target
        server = Running(Path(what))
        running.append(server)
        return server

    yield start
    for server in running:
        server.stop()


@pytest.fixture
def page(browser: object, serve: object) -> Iterator[object]:
    """A fresh page whose console errors and uncaught exceptions fail the test (closed before the
    servers stop, so their event streams end with the page)."""
    # bypass_csp: the page forbids eval, which Playwright's wait_for_function needs (tests only)
    context = browser.new_context(viewport={"width": 1500, "height": 900}, bypass_csp=True)  # type: ignore[attr-defined]
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield tab
    context.close()
    assert problems == [], problems


def screenshot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)  # type: ignore[attr-defined]
    return path
