"""Every error path: JSON errors with a message; 401/403 for writing, 404, 422, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mercato.api.errors import status_for
from mercato.errors import (
    ConfigurationError,
    GoldFormatError,
    IngestError,
    MercatoError,
    NotFound,
    StoreError,
    UnsupportedFormat,
)
from mercato.settings import Settings
from mercato.web.app import create_app

ARTICLE = {"text": "Leeds United have opened talks with Fulham over a deal for winger Tomas Berg.", "published": "2024-08-01", "outlet": "Test Gazette"}  # fmt: skip


def _is_error(response: object, status: int) -> dict:  # type: ignore[type-arg]
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error", "detail"}
    assert isinstance(body["error"], str) and body["error"]
    return body  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/0123456789abcdef0123456789abcdef",
        "/api/claims/999999",
        "/api/stories/m-bm9ib2R5H25vd2hlcmU",  # a well-formed id of a story nobody reported
        "/api/stories/not-a-story",
        "/api/stories/m-!!!",
        "/api/people/Nobody Atall",
        "/api/clubs/Nowhere Rovers",
        "/api/sources/Nobody's Blog",
        "/api/no-such-resource",
    ],
)
def test_not_found_is_a_json_404(client: TestClient, path: str) -> None:
    _is_error(client.get(path), 404)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/claims/abc", {}),
        ("/api/claims/0", {}),
        ("/api/claims", {"type": "gossip"}),
        ("/api/stories", {"page": 0}),
        ("/api/stories", {"per_page": 0}),
        ("/api/stories", {"per_page": 100000}),
        ("/api/stories", {"status": "maybe"}),
        ("/api/stories", {"window": "next summer"}),
        ("/api/stories", {"since": "yesterday"}),
        ("/api/stories", {"until": "2024-13-01"}),
        ("/api/stories", {"as_of": "soon"}),
        ("/api/stories", {"min_probability": 1.5}),
        ("/api/stories", {"min_probability": "likely"}),
        ("/api/stories", {"sort": "alphabetical"}),
        ("/api/stories", {"club": "x" * 500}),
        ("/api/articles", {"since": "2024-02-30"}),
        ("/api/sources", {"kind": "blog"}),
        ("/api/sources", {"league": "premier league"}),
        ("/api/sources", {"min_stories": -1}),
        ("/api/search", {}),
        ("/api/search", {"q": "a"}),
    ],
)
def test_bad_parameters_are_a_json_422_naming_the_parameter(
    client: TestClient, path: str, params: dict[str, object]
) -> None:
    body = _is_error(client.get(path, params=params), 422)
    assert body["error"] == "invalid parameters"
    named = {str(part) for item in body["detail"] for part in item["loc"]}
    expected = set(params) | ({"claim_id"} if path.startswith("/api/claims/") else set())
    expected = {"type" if p == "type" else p for p in expected} or {"q"}
    assert expected & named, (named, expected)


def test_writing_without_a_token_is_401(client: TestClient) -> None:
    response = client.post("/api/articles", json=ARTICLE)
    _is_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "header",
    ["Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer ", "test-token-0123"],
)
def test_writing_with_a_wrong_token_is_401(client: TestClient, header: str) -> None:
    _is_error(client.post("/api/articles", json=ARTICLE, headers={"Authorization": header}), 401)


def test_writing_when_no_token_is_configured_is_refused(sample_db: object) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{sample_db}", api_token=None))
    with TestClient(app) as client:
        response = client.post(
            "/api/articles", json=ARTICLE, headers={"Authorization": "Bearer anything"}
        )
    body = _is_error(response, 403)
    assert "MERCATO_API_TOKEN" in body["error"]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"text": ""},
        {"text": "Some text.", "published": "not a date"},
        {"text": "Some text.", "colour": "red"},
        {"text": "Some text.", "kind": "novel"},
        [],
        [{"text": "ok"}, {"title": "no text"}],
        "just a string",
    ],
)
def test_bad_article_bodies_are_422(client: TestClient, payload: object) -> None:
    headers = {"Authorization": "Bearer test-token-0123"}
    _is_error(client.post("/api/articles", json=payload, headers=headers), 422)


def test_a_body_that_is_not_json_is_422(client: TestClient) -> None:
    headers = {"Authorization": "Bearer test-token-0123", "Content-Type": "application/json"}
    _is_error(client.post("/api/articles", content=b"{not json", headers=headers), 422)


def test_wrong_method_is_a_json_405(client: TestClient) -> None:
    _is_error(client.delete("/api/stories"), 405)


def test_an_unusable_database_is_a_json_503_not_a_crash() -> None:
    app = create_app(Settings(database_url="nonsense://", api_token=None))  # nothing connects yet
    with TestClient(app) as client:
        body = _is_error(client.get("/api/stories"), 503)
    assert "nonsense" in body["error"]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("x"), 404),
        (UnsupportedFormat("f", "r"), 415),
        (IngestError("f", "r"), 422),
        (GoldFormatError("x"), 422),
        (ConfigurationError("x"), 503),
        (StoreError("x"), 503),
        (MercatoError("x"), 500),
    ],
)
def test_errors_map_to_statuses_in_one_place(error: MercatoError, status: int) -> None:
    assert status_for(error) == status


def test_pages_answer_errors_with_a_page(client: TestClient) -> None:
    missing = client.get("/stories/not-a-story")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    bad = client.get("/", params={"as_of": "soon"})
    assert bad.status_code == 422 and "as_of" in bad.text
    assert client.get("/sources", params={"league": "x"}).status_code == 422
