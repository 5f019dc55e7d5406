"""The API and dashboard as an attacker meets them: stored script, oversized bodies, forged
Host headers, wildcard filters, Unix-time dates, and the headers every answer must carry."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from adversarial.generate import story, without_extraction
from mercato.pipeline import ingest_paths
from mercato.settings import Settings
from mercato.store import Store
from mercato.web.app import create_app

TOKEN = "adversarial-token-0123"
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<item><title>Rovers move</title><link>{link}</link><guid>{guid}</guid>
<pubDate>Mon, 06 Feb 2023 10:00:00 GMT</pubDate><description>{text}</description></item>
</channel></rss>
"""


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding feed items whose links are script, data and plain web addresses."""
    folder = tmp_path_factory.mktemp("hostile")
    links = {
        "js": "javascript:alert(document.cookie)",
        "js-mixed": " JaVaScRiPt:alert(1)",
        "data": "data:text/html,<script>alert(1)</script>",
        "web": "https://wire.example/rovers",
    }
    for i, (name, link) in enumerate(links.items()):
        (folder / f"{name}.rss").write_text(
            FEED.format(link=link.replace("<", "&lt;").replace("&", "&amp;"), guid=name, text=story(i)),
            encoding="utf-8",
        )
    url = f"sqlite:///{folder / 'store.db'}"
    with Store.open(url) as store:
        report = ingest_paths([folder], store, extract=without_extraction)
        assert report.ingested == len(links), report.as_dict()
    return url


@pytest.fixture(scope="module")
def client(hostile_store: str) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=hostile_store, api_token=TOKEN))
    with TestClient(app) as opened:
        yield opened


def _article_pages(client: TestClient) -> dict[str, str]:
    items = client.get("/api/articles", params={"per_page": 50}).json()["items"]
    return {a["url"]: client.get(f"/articles/{a['id']}").text for a in items}


def test_a_stored_script_link_never_becomes_a_link(client: TestClient) -> None:
    pages = _article_pages(client)
    assert len(pages) == 4
    for url, page in pages.items():
        targets = [t.strip().lower() for t in re.findall(r'href="([^"]*)"', page)]
        assert not [t for t in targets if t.startswith(("javascript:", "data:text"))], url
        has_link = ">original</a>" in page
        assert has_link == url.startswith("https://"), url
    web = next(page for url, page in pages.items() if url.startswith("https://"))
    assert 'href="https://wire.example/rovers"' in web


STRICT_SCRIPT = "script-src 'self'"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/api/articles"),
        ("GET", "/api/articles/nope"),  # 404
        ("GET", "/api/articles?until=not-a-date"),  # 422
        ("GET", "/nowhere"),  # 404 page
        ("POST", "/api/articles"),  # 401 without a token
        ("DELETE", "/api/articles"),  # 405
        ("GET", "/static/mercato.css"),
        ("GET", "/openapi.json"),
    ],
)
def test_every_answer_carries_the_security_headers(
    client: TestClient, method: str, path: str
) -> None:
    answer = client.request(method, path)
    policy = answer.headers.get("content-security-policy", "")
    assert STRICT_SCRIPT in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert answer.headers.get("x-content-type-options") == "nosniff"
    assert answer.headers.get("x-frame-options") == "DENY"
    assert answer.headers.get("referrer-policy") == "no-referrer"


def test_pages_run_no_inline_script(client: TestClient) -> None:
    # A strict policy blocks inline script, so a page that needs one would break under it.
    for url, page in _article_pages(client).items():
        for chunk in page.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag or 'type="application/json"' in tag, url


def test_a_forged_host_never_reaches_a_next_link(client: TestClient) -> None:
    answer = client.get("/api/articles", params={"per_page": 1}, headers={"host": "evil.example"})
    following = answer.json()["next"]
    assert following is not None
    assert "evil.example" not in following
    assert following.startswith("/api/articles?")


@pytest.mark.parametrize("value", ["%", "_", "%%", "-", "  %  "])
def test_a_filter_without_a_name_is_refused_not_matched_against_everything(
    client: TestClient, value: str
) -> None:
    answer = client.get("/api/stories", params={"club": value})
    assert answer.status_code == 422
    assert "club" in str(answer.json())


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/articles", "until"),
        ("/api/articles", "since"),
        ("/api/stories", "as_of"),
        ("/api/stories", "until"),
        ("/api/sources", "as_of"),
    ],
)
@pytest.mark.parametrize("value", ["0", "86400"])
def test_a_number_is_not_read_as_a_unix_time(
    client: TestClient, path: str, name: str, value: str
) -> None:
    answer = client.get(path, params={name: value})
    assert answer.status_code == 422, answer.text


def test_a_405_names_every_method_the_path_allows(client: TestClient) -> None:
    answer = client.delete("/api/articles")
    assert answer.status_code == 405
    assert set(answer.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    page = client.post("/")
    assert page.status_code == 405
    assert "GET" in page.headers["allow"]


def test_the_openapi_schema_of_an_interval_is_a_plain_array(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    interval = schema["components"]["schemas"]["SourceOut"]["properties"]["interval"]
    as_text = str(interval)
    assert "prefixItems" not in as_text
    assert "'minItems': 2" in as_text and "'maxItems': 2" in as_text


# --- bodies larger than the limit, over a real socket ----------------------------------------


@pytest.fixture
def server(hostile_store: str) -> Iterator[tuple[str, int]]:
    """`mercato serve`'s app under uvicorn on a free port, with a 1 MiB request limit."""
    settings = Settings(database_url=hostile_store, api_token=TOKEN, max_request_bytes=1 << 20)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    yield "127.0.0.1", port
    running.should_exit = True
    thread.join(timeout=10)


def _status(sock: socket.socket) -> int:
    answer = b""
    while b"\r\n" not in answer:
        chunk = sock.recv(4096)
        if not chunk:
            break
        answer += chunk
    return int(answer.split(b" ", 2)[1])


def test_a_huge_declared_body_is_refused_before_it_is_sent(server: tuple[str, int]) -> None:
    # 300 MB announced, none of it sent: the answer can only come before the body is read.
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(
            b"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 300000000\r\n\r\n{\"text\": \""
        )
        assert _status(sock) == 413


def test_a_streamed_body_is_cut_off_at_the_limit(server: tuple[str, int]) -> None:
    chunk = b"a" * 65536
    sent = 0
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(
            b"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        sock.settimeout(0.2)
        status = None
        while sent < 64 << 20 and status is None:
            try:
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
            except OSError:
                break
            try:
                if sock.recv(1, socket.MSG_PEEK):
                    status = 0
            except (TimeoutError, BlockingIOError):
                continue
        sock.settimeout(10)
        assert _status(sock) == 413
    assert sent < 8 << 20, f"{sent} bytes were taken in before the refusal"


def test_even_an_unexpected_error_carries_the_security_headers(hostile_store: str) -> None:
    app = create_app(Settings(database_url=hostile_store))

    @app.get("/api/broken")
    def broken() -> None:  # a bug to come: its 500 is answered outside the middleware stack
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.get("/api/broken")
    assert answer.status_code == 500
    assert STRICT_SCRIPT in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"
