"""GET /v1/graph (``service/routers/graph.py``) through the real app over a real store filled by
``Store.ingest`` (``ecosystem_client`` of conftest.py; SQLite, and PostgreSQL when a server is
given): node-link JSON, the other formats agreeing on ids, date ranges, 422 problems for bad
query values (the signals period too), the OpenAPI description of the ecosystem routes, and 503
when the store is unreachable."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from gexf_check import gexf_problems

from ie_nlp import Settings
from service.main import create_app

PROBLEM = "application/problem+json"


@pytest.fixture
def client(ecosystem_client: TestClient) -> TestClient:
    """The app over the filled store (``ecosystem_client`` of conftest.py)."""
    return ecosystem_client


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["code"] == code and body["status"] == status
    return body


def test_graph_json_is_node_link(client: TestClient) -> None:
    response = client.get("/v1/graph")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    graph = nx.node_link_graph(response.json(), edges="edges")
    names = sorted(data["name"] for _, data in graph.nodes(data=True))
    assert names == ["Alpha Bio", "Beta Therapeutics", "Gamma Cells", "Lonza", "Novartis"]
    assert sorted(data["type"] for _, _, data in graph.edges(data=True)) == [
        "acquisition", "licensing", "outsourcing", "outsourcing",
    ]  # fmt: skip


def test_graph_formats_agree_on_ids(client: TestClient, tmp_path: Path) -> None:
    nodes = {node["id"] for node in client.get("/v1/graph?format=json").json()["nodes"]}
    graphml = client.get("/v1/graph", params={"format": "graphml"})
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    assert 'filename="ecosystem.graphml"' in graphml.headers["content-disposition"]
    assert set(nx.read_graphml(io.BytesIO(graphml.content)).nodes) == nodes
    gexf = client.get("/v1/graph", params={"format": "gexf"})
    assert gexf.headers["content-type"].startswith("application/gexf+xml")
    assert gexf_problems(gexf.content) == []
    archive = client.get("/v1/graph", params={"format": "csv"})
    assert archive.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(archive.content)) as files:
        assert sorted(files.namelist()) == ["edges.csv", "nodes.csv"]
        rows = list(csv.DictReader(io.StringIO(files.read("nodes.csv").decode())))
        edges = list(csv.DictReader(io.StringIO(files.read("edges.csv").decode())))
    assert {row["id"] for row in rows} == nodes and len(edges) == 4


def test_graph_date_range(client: TestClient) -> None:
    late = client.get("/v1/graph", params={"since": "2024-07-01"}).json()
    assert [edge["type"] for edge in late["edges"]] == ["outsourcing"]
    body = assert_problem(
        client.get("/v1/graph", params={"since": "2024-07-01", "until": "2024-01-01"}),
        422,
        "invalid_date_range",
    )
    assert "2024-07-01" in body["detail"]


def test_bad_format_and_period_are_422_problems(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/graph", params={"format": "dot"}), 422, "invalid_fields")
    assert ["query", "format"] in [error["loc"] for error in body["errors"]]
    assert_problem(client.get("/v1/signals", params={"period": "week"}), 422, "invalid_fields")


def test_routes_are_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    graph = paths["/v1/graph"]["get"]
    assert "application/graphml+xml" in graph["responses"]["200"]["content"]
    assert PROBLEM in graph["responses"]["422"]["content"]
    assert {p["name"] for p in graph["parameters"]} >= {"format", "since", "until"}
    assert paths["/v1/signals"]["get"]["description"] and paths["/report"]["get"]["description"]


def test_unreachable_store_is_503() -> None:
    # nothing listens on port 1 of the loopback: the connection is refused at once
    settings = Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none")
    broken = TestClient(create_app(settings), raise_server_exceptions=False)
    assert_problem(broken.get("/v1/graph"), 503, "store_unavailable")
