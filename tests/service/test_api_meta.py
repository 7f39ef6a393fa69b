"""Probes, taxonomy, OpenAPI document and the `ie-nlp serve` command."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from api_helpers import REPO_DIR, free_port, stop
from click.testing import CliRunner

from ie_nlp import __version__, get_taxonomy
from ie_nlp.cli import cli


def test_healthz_is_200(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_readyz_is_200_once_loaded(client: httpx.Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["version"] == __version__


def test_taxonomy_is_the_library_taxonomy(client: httpx.Client) -> None:
    response = client.get("/v1/taxonomy")

    assert response.status_code == 200
    body = response.json()
    assert body == get_taxonomy().as_json()
    assert "large_pharma" in {t["id"] for t in body["actor_types"]}
    assert "acquisition" in {t["id"] for t in body["relationship_types"]}


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
    item_ref = batch_model["properties"]["articles"]["items"]["$ref"]
    assert "text" in resolve(schema, item_ref)["properties"]
    assert batch["examples"]


def test_docs_page_is_served(client: httpx.Client) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()


def test_serve_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "--port" in result.output and "--host" in result.output


def test_serve_binds_the_settings_address_and_names_the_docs_url(tmp_path: Path) -> None:
    """`ie-nlp serve` without options takes host and port from IE_HOST / IE_PORT."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "IE_HOST": "127.0.0.1", "IE_PORT": str(port)}
    command = [sys.executable, "-c", "from ie_nlp.cli import cli; cli()", "serve"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO_DIR, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 90
        healthy = False
        while time.monotonic() < deadline and process.poll() is None and not healthy:
            try:
                healthy = httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
            except httpx.TransportError:
                time.sleep(0.1)
        output = log_path.read_text(encoding="utf-8")
        assert healthy, output
        assert f"http://127.0.0.1:{port}/docs" in output
    finally:
        stop(process)
