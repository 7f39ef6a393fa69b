"""The OpenAPI document (every route, its tags, examples and problem+json errors) and the
docs page, from a real server."""

from __future__ import annotations

from typing import Any

import httpx

from ie_nlp import __version__


def resolve(schema: dict[str, Any], ref: str) -> dict[str, Any]:
    node: Any = schema
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    assert isinstance(node, dict)
    return node


def test_openapi_documents_routes_examples_and_problems(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()

    assert schema["info"]["title"] == "ie-nlp"
    assert schema["info"]["version"] == __version__
    assert "problem+json" in schema["info"]["description"]
    tags = {"extract", "store", "ecosystem", "taxonomy", "health"}
    assert tags <= {tag["name"] for tag in schema["tags"]}

    operations = {
        (method, path): op for path, ops in schema["paths"].items() for method, op in ops.items()
    }
    assert set(operations) == {
        ("post", "/v1/extract"),
        ("post", "/v1/extract/batch"),
        ("get", "/v1/taxonomy"),
        ("get", "/healthz"),
        ("get", "/readyz"),
        ("post", "/v1/articles"),
        ("get", "/v1/actors"),
        ("get", "/v1/actors/{actor_id}"),
        ("get", "/v1/relationships"),
        ("get", "/v1/graph"),
        ("get", "/v1/signals"),
        ("get", "/report"),
    }
    for key, op in operations.items():
        assert set(op.get("tags", [])) <= tags, key
        errors = {s: r for s, r in op["responses"].items() if s[0] in "45"}
        assert errors, key
        for status, response in errors.items():
            content = response["content"]
            assert list(content) == ["application/problem+json"], (key, status)
            problem = resolve(schema, content["application/problem+json"]["schema"]["$ref"])
            assert {"type", "title", "status", "detail", "code"} <= set(problem["properties"])

    extract = operations[("post", "/v1/extract")]
    assert {"400", "403", "413", "415", "422", "502", "503"} <= set(extract["responses"])
    examples = extract["requestBody"]["content"]["application/json"]["examples"]
    assert {"text", "html", "url"} <= set(examples)
    assert examples["text"]["value"]["id"]

    batch = operations[("post", "/v1/extract/batch")]["requestBody"]["content"]["application/json"]
    batch_model = resolve(schema, batch["schema"]["$ref"])
    # Any item is admitted (a bad one is reported in `errors`); an InputArticle is what counts.
    item_ref = batch_model["properties"]["articles"]["items"]["anyOf"][0]["$ref"]
    assert "text" in resolve(schema, item_ref)["properties"]
    assert batch["examples"]


def test_docs_page_is_served(client: httpx.Client) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()
