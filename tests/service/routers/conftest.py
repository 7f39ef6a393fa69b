"""Fixtures of the route tests (the servers and their clients are in tests/service/conftest.py).

``stored``: the articles of store_articles.py posted once to the store server, for the
articles, actors and relationships routes.

``ecosystem_client``: for the graph, signals and report routes, the real app (``create_app``)
over a real store (SQLite, and PostgreSQL when a server is given) filled by ``Store.ingest``; in
process, without the lifespan, since these routes need no extraction models. Their test modules
take it as ``client``, so this does not replace the real server's ``client`` of the others."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from db_backends import BACKENDS, NewDatabase
from fastapi.testclient import TestClient

from ie_nlp import Settings, get_taxonomy
from ie_nlp.store import Store
from service.main import create_app

from .store_articles import ARTICLES as STORE_ARTICLES

# --- the store routes: a real server ------------------------------------------------------


@pytest.fixture(scope="package")
def stored(store_server: Any) -> list[httpx.Response]:
    """The articles of store_articles.py posted once to the store server (for all the route
    tests here: articles, actors, relationships); the responses in order."""
    with httpx.Client(base_url=store_server.base_url, timeout=120.0) as client:
        return [client.post("/v1/articles", json=article) for article in STORE_ARTICLES]


# --- the ecosystem routes: the app in process over a filled store -------------------------

BETA = "Beta Therapeutics"

# (id, published, text, [(name, type)], [(type, source, target)], [(category, holder)])
EcosystemArticle = tuple[str, str, str, list[tuple[str, str]], list[tuple[str, str, str]], list]
ECOSYSTEM_ARTICLES: list[EcosystemArticle] = [
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
def ecosystem_client(
    request: pytest.FixtureRequest, new_database: NewDatabase
) -> Iterator[TestClient]:
    """The real app (``create_app``) over a store on each backend filled by ``Store.ingest`` with
    ECOSYSTEM_ARTICLES; the graph, signals and report tests take it as their ``client``."""
    url = new_database(request.param)
    settings = Settings(database_url=url, use_embeddings=False, region=["Basel"])
    with Store.open(url, settings) as store:
        for article in ECOSYSTEM_ARTICLES:
            store.ingest(
                result(article), {"id": article[0], "published": article[1], "text": article[2]}
            )
    yield TestClient(create_app(settings), raise_server_exceptions=False)
