"""`GET /v1/graph`, `GET /v1/signals` and `GET /report` through the real app (``create_app``)
over a real store (SQLite, and PostgreSQL when a server is given) filled by ``Store.ingest``;
in process, without the lifespan, since these routes need no extraction models."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from db_backends import BACKENDS, NewDatabase
from fastapi.testclient import TestClient
from gexf_check import gexf_problems

from ie_nlp import Settings, get_taxonomy
from ie_nlp.store import Store
from service.main import create_app

PROBLEM = "application/problem+json"
BETA = "Beta Therapeutics"

# (id, published, text, [(name, type)], [(type, source, target)], [(category, holder)])
ARTICLES: list[tuple[str, str, str, list[tuple[str, str]], list[tuple[str, str, str]], list]] = [
    (
        "n-1",
        "2024-01-10",
        "Alpha Bio licenses its gene therapy to Novartis.",
        [("Alpha Bio", "biotech"), ("Novartis", "large_pharma")],
        [("licensing", "Alpha Bio", "Novartis")],
        [("gene_therapy", "Alpha Bio")],
    ),
    (
        "n-2",
        "2024-04-15",
        "Novartis acquires Beta Therapeutics, which outsources manufacturing to Lonza.",
        [("Novartis", "large_pharma"), (BETA, "biotech"), ("Lonza", "service_provider")],
        [("acquisition", "Novartis", BETA), ("outsourcing", BETA, "Lonza")],
        [("manufacturing_services", "Lonza")],
    ),
    (
        "n-3",
        "2024-08-10",
        "Gamma Cells outsources its cell therapy production to Lonza.",
        [("Gamma Cells", "biotech"), ("Lonza", "service_provider")],
        [("outsourcing", "Gamma Cells", "Lonza")],
        [("cell_therapy", "Gamma Cells")],
    ),
]  # fmt: skip


def result(article: tuple[Any, ...]) -> dict[str, Any]:
    article_id, _, text, actors, relationships, capabilities = article
    ids = {name: f"t{index}" for index, (name, _) in enumerate(actors)}

    def mention(name: str) -> dict[str, Any]:
        start = text.index(name)
        return {"start": start, "end": start + len(name), "text": name}

    return {
        "schema_version": "1",
        "id": article_id,
        "actors": [
            {"id": ids[name], "name": name, "type": type_, "mentions": [mention(name)]}
            for name, type_ in actors
        ],
        "capabilities": [
            {"category": category, "market": get_taxonomy().market_of(category),
             "actor": ids[holder], "mentions": []}
            for category, holder in capabilities
        ],
        "relationships": [
            {"type": type_, "source": ids[source], "target": ids[target], "confidence": 0.9,
             "evidence": {"start": 0, "end": len(text), "text": text}, "attributes": {}}
            for type_, source, target in relationships
        ],
    }  # fmt: skip


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest, new_database: NewDatabase) -> Iterator[TestClient]:
    url = new_database(request.param)
    settings = Settings(database_url=url, use_embeddings=False, region=["Basel"])
    with Store.open(url, settings) as store:
        for article in ARTICLES:
            store.ingest(
                result(article), {"id": article[0], "published": article[1], "text": article[2]}
            )
    yield TestClient(create_app(settings), raise_server_exceptions=False)


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


def test_signals(client: TestClient) -> None:
    response = client.get("/v1/signals", params={"period": "quarter", "rising_terms": "false"})
    assert response.status_code == 200
    data = response.json()
    assert data["region"] == ["Basel"]  # IE_REGION when no region is asked for
    periods = data["periods"]
    assert [p["label"] for p in periods] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    deals = [{k: v for k, v in p["deals"].items() if v} for p in periods]
    assert deals == [{"licensing": 1}, {"acquisition": 1, "outsourcing": 1}, {"outsourcing": 1}]
    # Novartis (licensee of Alpha, acquirer of Beta) and Lonza (two clients) tie; then by name
    magnets = [(m["name"], m["partners"]) for m in periods[2]["magnets"]]
    assert magnets == [("Lonza", 2), ("Novartis", 2)]
    year = client.get("/v1/signals", params={"period": "year", "region": ["Boston"]}).json()
    assert year["region"] == ["Boston"] and year["periods"][0]["region"]["local_ties"] == 0


def test_report_page(client: TestClient) -> None:
    response = client.get("/report", params={"period": "month", "rising_terms": "false"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    data = json.loads(response.text.split('id="report-data">', 1)[1].split("</script>", 1)[0])
    assert data["labels"][0] == "2024-01" and len(data["labels"]) == 8
    assert data["network"]["total_nodes"] == 5


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
