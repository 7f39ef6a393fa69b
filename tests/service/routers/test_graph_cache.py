"""GET /v1/graph reuses its rendered network while the store is unchanged and never serves it
after a write: the real app over a real store (SQLite, and PostgreSQL when a server is given),
written to by another ``Store`` on the same database, as ``ie-nlp ingest`` would from another
process. Hits are read from the app's cache counters, not from timings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from db_backends import BACKENDS, NewDatabase
from fastapi.testclient import TestClient

from ie_nlp import Settings
from ie_nlp.store import Store
from service.graph_cache import GraphCache
from service.main import create_app

from .conftest import ECOSYSTEM_ARTICLES, EcosystemArticle, result

NEW_ARTICLE: EcosystemArticle = (
    "n-4",
    "2024-10-01",
    "Delta Labs partners with Novartis on antibodies.",
    [("Delta Labs", "biotech"), ("Novartis", "large_pharma")],
    [("partnership", "Delta Labs", "Novartis")],
    [],
)


def ingest(store: Store, article: tuple[object, ...]) -> str:
    report = store.ingest(
        result(article), {"id": article[0], "published": article[1], "text": article[2]}
    )
    return report.status


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, new_database: NewDatabase) -> Settings:
    url = new_database(request.param)
    settings = Settings(database_url=url, use_embeddings=False)
    with Store.open(url, settings) as store:
        for article in ECOSYSTEM_ARTICLES[:2]:
            ingest(store, article)
    return settings


@pytest.fixture
def writer(settings: Settings) -> Iterator[Store]:
    """A second Store on the app's database: writes the app learns of only through it."""
    with Store.open(settings.database_url, settings) as store:
        yield store


@pytest.fixture
def client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings), raise_server_exceptions=False)


def cache_of(client: TestClient) -> GraphCache:
    cache: GraphCache = client.app.state.graph_cache  # type: ignore[attr-defined]
    return cache


def names(client: TestClient) -> set[str]:
    response = client.get("/v1/graph")
    assert response.status_code == 200, response.text
    return {node["name"] for node in response.json()["nodes"]}


def test_the_same_query_on_the_same_store_is_a_hit(client: TestClient) -> None:
    first = client.get("/v1/graph", params={"format": "gexf"})
    again = client.get("/v1/graph", params={"format": "gexf"})
    assert again.content == first.content
    assert (cache_of(client).misses, cache_of(client).hits) == (1, 1)
    client.get("/v1/graph", params={"format": "json"})
    client.get("/v1/graph", params={"format": "gexf", "since": "2024-03-01"})
    assert (cache_of(client).misses, cache_of(client).hits) == (3, 1)


def test_an_ingest_by_another_store_changes_the_answer(client: TestClient, writer: Store) -> None:
    assert "Delta Labs" not in names(client)
    assert ingest(writer, NEW_ARTICLE) == "new"
    assert "Delta Labs" in names(client)
    assert cache_of(client).hits == 0


def test_an_unchanged_ingest_keeps_the_cache(client: TestClient, writer: Store) -> None:
    before = names(client)
    assert ingest(writer, ECOSYSTEM_ARTICLES[0]) == "unchanged"
    assert names(client) == before
    assert cache_of(client).hits == 1


def test_the_version_changes_with_every_write(writer: Store) -> None:
    start = writer.version()
    assert ingest(writer, ECOSYSTEM_ARTICLES[0]) == "unchanged"
    assert writer.version() == start
    assert ingest(writer, ECOSYSTEM_ARTICLES[2]) == "new"
    after_new = writer.version()
    assert after_new != start
    writer.reresolve()
    assert writer.version() not in {start, after_new}
