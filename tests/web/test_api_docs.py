"""`/docs` offline: vendored Swagger UI, the strict policy, and every other host blocked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect
from test_dashboard_pages import block_other_hosts

from mercato.api.app import DOCS_ASSETS
from mercato.settings import Settings
from mercato.web.app import create_app

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path / 'm.db'}")))


def test_the_docs_page_names_no_other_host_and_has_no_inline_script(client: TestClient) -> None:
    answer = client.get("/docs")
    assert answer.status_code == 200
    html = answer.text
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "<script>" not in html and "<script src=" in html
    policy = answer.headers["content-security-policy"]
    assert "http" not in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
    for asset in re.findall(r'(?:src|href)="(/docs/assets/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/redoc").status_code == 404


def test_the_vendored_viewer_has_its_licence_beside_it() -> None:
    viewer = DOCS_ASSETS / "swagger-ui"
    assert "Apache License" in (viewer / "LICENSE").read_text(encoding="utf-8")
    assert "swagger-ui-dist" in (viewer / "README.md").read_text(encoding="utf-8")


@pytest.mark.browser
def test_docs_render_their_operations_with_every_other_host_blocked(
    page: Page, served_url: str
) -> None:
    blocked = block_other_hosts(page, served_url)
    page.goto(served_url + "/docs")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    assert operations.count() >= 7
    expect(page.locator(".opblock-summary-path", has_text="/api/stories").first).to_be_visible()
    operations.filter(has_text="/api/stories").first.locator(".opblock-summary").click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"))
    assert blocked == []
