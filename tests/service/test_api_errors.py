"""Every error the API promises, as a client sees it: status, problem+json body, stable code."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from api_helpers import LIMITED_MAX_REQUEST_BYTES, LIMITED_MAX_TEXT_CHARS, Server, assert_problem

POST_PATHS = ["/v1/extract", "/v1/extract/batch"]
JSON = {"content-type": "application/json"}


def valid_body(path: str) -> dict[str, object]:
    article: dict[str, object] = {"id": "e-1", "text": "Bayer acquired Vividion Therapeutics."}
    return {"articles": [article]} if path.endswith("batch") else article


@pytest.mark.parametrize("path", POST_PATHS)
@pytest.mark.parametrize(
    "raw", [b'{"id": "x", "text": ', b"{'id': 'x'}", b"\xff\xfe not utf-8", b"nul"]
)
def test_unparseable_body_is_400(client: httpx.Client, path: str, raw: bytes) -> None:
    assert_problem(client.post(path, content=raw, headers=JSON), 400, "malformed_json")


@pytest.mark.parametrize("path", POST_PATHS)
@pytest.mark.parametrize(
    "content_type", [None, "text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_non_json_body_is_415(client: httpx.Client, path: str, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    raw = json.dumps(valid_body(path)).encode()

    response = client.post(path, content=raw, headers=headers)

    assert_problem(response, 415, "unsupported_media_type")


def test_missing_fields_are_422_with_an_error_list(client: httpx.Client) -> None:
    response = client.post("/v1/extract", json={"text": "An article without an id."})

    body = assert_problem(response, 422, "invalid_fields")
    assert body["errors"], body
    assert all(set(error) == {"loc", "msg"} for error in body["errors"])
    assert ["body", "id"] in [error["loc"] for error in body["errors"]]


@pytest.mark.parametrize(
    "article",
    [{"id": "no-text"}, {"id": "blank", "text": "   "}, {"id": "", "text": "x"}, ["a", "list"]],
)
def test_invalid_articles_are_422_invalid_fields(client: httpx.Client, article: object) -> None:
    assert_problem(client.post("/v1/extract", json=article), 422, "invalid_fields")


@pytest.mark.parametrize("body", [{}, {"articles": "nope"}, [{"id": "a", "text": "x"}]])
def test_malformed_batches_are_422_invalid_fields(client: httpx.Client, body: object) -> None:
    assert_problem(client.post("/v1/extract/batch", json=body), 422, "invalid_fields")


def test_text_over_the_limit_is_422_text_too_long(limited_client: httpx.Client) -> None:
    text = "word " * (2 * LIMITED_MAX_TEXT_CHARS // 5)

    response = limited_client.post("/v1/extract", json={"id": "long", "text": text})

    assert_problem(response, 422, "text_too_long")


@pytest.mark.parametrize("path", POST_PATHS)
def test_declared_length_over_the_limit_is_413(limited_client: httpx.Client, path: str) -> None:
    article = {"id": "big", "text": "x" * (2 * LIMITED_MAX_REQUEST_BYTES)}
    body = {"articles": [article]} if path.endswith("batch") else article

    response = limited_client.post(path, json=body)

    assert_problem(response, 413, "payload_too_large")


@pytest.mark.parametrize("path", POST_PATHS)
def test_chunked_body_over_the_limit_is_413(limited_client: httpx.Client, path: str) -> None:
    raw = json.dumps(valid_body(path) | {"padding": "x" * (2 * LIMITED_MAX_REQUEST_BYTES)})

    def chunks() -> Iterator[bytes]:
        data = raw.encode()
        for start in range(0, len(data), 500):
            yield data[start : start + 500]

    # A generator body has no known length, so httpx sends it chunked: only counting catches it.
    response = limited_client.post(path, content=chunks(), headers=JSON)

    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in response.request.headers
    assert_problem(response, 413, "payload_too_large")


def test_chunked_body_under_the_limit_is_accepted(limited_client: httpx.Client) -> None:
    raw = json.dumps({"id": "small", "text": "Lonza will manufacture for Moderna."}).encode()

    response = limited_client.post("/v1/extract", content=iter([raw[:20], raw[20:]]), headers=JSON)

    assert response.status_code == 200, response.text
    assert response.json()["id"] == "small"


def test_body_just_under_the_limit_is_not_refused(limited_client: httpx.Client) -> None:
    skeleton = json.dumps({"id": "edge", "text": ""}).encode()
    text = "Lonza manufactures. " * ((LIMITED_MAX_REQUEST_BYTES - len(skeleton)) // 20)
    raw = json.dumps({"id": "edge", "text": text[:LIMITED_MAX_TEXT_CHARS]}).encode()
    raw = raw[:-1] + b" " * (LIMITED_MAX_REQUEST_BYTES - len(raw)) + b"}"
    assert len(raw) == LIMITED_MAX_REQUEST_BYTES

    response = limited_client.post("/v1/extract", content=raw, headers=JSON)

    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/nope"), ("POST", "/v1/nope"), ("GET", "/v1/extract/batch/x")]
)
def test_unknown_paths_are_404(client: httpx.Client, method: str, path: str) -> None:
    assert_problem(client.request(method, path, headers=JSON), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("GET", "/v1/extract", "POST"),
        ("PUT", "/v1/extract/batch", "POST"),
        ("DELETE", "/v1/taxonomy", "GET"),
        ("POST", "/healthz", "GET"),
    ],
)
def test_wrong_methods_are_405_with_allow(
    client: httpx.Client, method: str, path: str, allowed: str
) -> None:
    response = client.request(method, path)

    assert_problem(response, 405, "method_not_allowed")
    assert allowed in response.headers["allow"]


def test_startup_readiness_probes_were_503_not_ready(server: Server) -> None:
    """While the models load, /readyz must say not_ready (never a bare error or a 500)."""
    assert server.startup_probes[-1].status_code == 200
    for probe in server.startup_probes[:-1]:
        assert_problem(probe, 503, "not_ready")
        assert probe.headers.get("retry-after")


def test_failed_model_load_is_reported_as_model_unavailable(broken_client: httpx.Client) -> None:
    assert broken_client.get("/healthz").status_code == 200
    assert_problem(broken_client.get("/readyz"), 503, "model_unavailable")
    for path in POST_PATHS:
        assert_problem(broken_client.post(path, json=valid_body(path)), 503, "model_unavailable")


def test_static_data_is_served_without_models(broken_client: httpx.Client) -> None:
    response = broken_client.get("/v1/taxonomy")
    assert response.status_code == 200
    assert response.json()["actor_types"]
