"""Browser fixtures: `mercato serve` on a free local port over the sample store, and headless
Chromium (Debian's /usr/bin/chromium) driven by Playwright. Screenshots of failed tests go to
`test-artifacts/`."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from invented import write_invented

from mercato.pipeline import ingest_paths
from mercato.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("MERCATO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_SECONDS = 90
PAGE_TIMEOUT_MS = 30_000


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Remember each phase's outcome on the test item, so fixtures can see a failure."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"report_{report.when}", report)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; the browser tests skip, saying why, where it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def served_url(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of `mercato serve` over a store filled from the sample articles."""
    with serving_store([SAMPLES], tmp_path_factory) as base:
        yield base


@pytest.fixture(scope="session")
def served_news_url(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of `mercato serve` over the samples plus the invented news of `invented.py`:
    clubs and players with enough stories to page through, and one player the KB knows."""
    news = write_invented(tmp_path_factory.mktemp("invented-news"))
    with serving_store([SAMPLES, news], tmp_path_factory) as base:
        yield base


@pytest.fixture(scope="session")
def serving(chromium_path: Path) -> Callable[..., AbstractContextManager[str]]:
    """`serving_store` for a module that needs a server of its own (another environment)."""
    return serving_store


@contextmanager
def serving_store(
    paths: list[Path], tmp_path_factory: pytest.TempPathFactory, env: dict[str, str] | None = None
) -> Iterator[str]:
    """`mercato serve` over a new store filled from `paths`, with `env` added to its environment."""
    db = tmp_path_factory.mktemp("web-store") / "news.db"
    with Store.open(f"sqlite:///{db}") as store:
        report = ingest_paths(paths, store)
        assert report.failed == 0 and store.count_claims("transfer") > 0
    port = _free_port()
    mercato = shutil.which("mercato", path=str(Path(sys.executable).parent)) or "mercato"
    log = tmp_path_factory.mktemp("web-log") / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [mercato, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/stories?per_page=1", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"mercato serve did not start:\n{log.read_text()}")
                time.sleep(0.3)
        assert f"http://127.0.0.1:{port}/" in log.read_text(), "serve prints the URL to open"
        _wait_for_scores(base, deadline)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_for_scores(base: str, deadline: float) -> None:
    """Let the server finish scoring in the background, so pages do not change under a test."""
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{base}/api/stories?status=rumour", timeout=30) as answer:
            items = json.load(answer)["items"]
        if not items or any(s["independent_sources"] is not None for s in items):
            return
        time.sleep(0.5)


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[object]:
    """A headless Chromium for the session."""
    from playwright.sync_api import expect, sync_playwright

    # A loaded machine (CI runs suites side by side) can take seconds to answer a page.
    expect.set_options(timeout=PAGE_TIMEOUT_MS)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page; console errors fail the test, and a failure leaves a screenshot."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield opened
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, f"the page logged errors: {errors}"
