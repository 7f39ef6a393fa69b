"""Fixtures of the store tests: stores on SQLite and, when ``IE_TEST_POSTGRES_URL`` names a
server (``.ci/run`` starts one with ``scripts/postgres.sh``), on PostgreSQL too; and real
extraction results of short hand-written articles and of ``corpora/sample``."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from store_helpers import Article

from ie_nlp import Extractor, InputArticle, Settings
from ie_nlp.store import Store

REPO_DIR = Path(__file__).resolve().parents[2]
SAMPLE_ARTICLES = REPO_DIR / "corpora" / "sample" / "articles.jsonl"
POSTGRES_ENV = "IE_TEST_POSTGRES_URL"

# Short articles whose extraction the tests rely on: the same deal told twice, one
# collaboration named in both orders, and the two Mercks.
ARTICLES = {
    "deal-1": (
        "2025-03-03",
        "BASEL, Switzerland, March 3, 2025 — Novartis AG today announced that it has completed "
        "the acquisition of Lumagen Bio, a gene therapy developer, for $1.1 billion.",
    ),
    "deal-2": (
        "2025-06-02",
        "Novartis has acquired Lumagen Bio, a gene therapy developer based in Aurenfeld, "
        "Germany, for $1.1 billion.",
    ),
    "collab-1": (
        "2025-04-01",
        "Castellan Genomics and Lumagen Bio today announced a research collaboration to develop "
        "CRISPR gene editing therapies.",
    ),
    "collab-2": (
        "2025-09-15",
        "Lumagen Bio and Castellan Genomics have entered into a research collaboration on gene "
        "therapy vectors.",
    ),
    "merck-1": (
        "2024-01-08",
        "Merck & Co., Inc., Rahway, New Jersey, USA, today announced that it has acquired Harpoon "
        "Therapeutics for $680 million.",
    ),
    "merck-2": (
        "2024-02-12",
        "Merck KGaA, Darmstadt, Germany, today announced a licensing agreement with Castellan "
        "Genomics for its CRISPR platform.",
    ),
}


@pytest.fixture(scope="session")
def articles(extractor: Extractor) -> dict[str, Article]:
    """The hand-written articles with their real extraction results, by id."""
    out: dict[str, Article] = {}
    for article_id, (published, body) in ARTICLES.items():
        article = InputArticle(id=article_id, text=body, published=published, title=article_id)
        out[article_id] = (extractor.extract(article), article)
    return out


@pytest.fixture(scope="session")
def sample(extractor: Extractor) -> list[Article]:
    """``corpora/sample`` through the real extractor, as ``ie-nlp extract`` would write it."""
    with SAMPLE_ARTICLES.open(encoding="utf-8") as handle:
        inputs = [InputArticle.model_validate(json.loads(line)) for line in handle]
    return [(extractor.extract(article), article) for article in inputs]


def postgres_schema_url(base: str) -> Iterator[str]:
    """A fresh schema on the test server, as the URL's search path; dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def backend_url(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(
            f"PostgreSQL store tests need {POSTGRES_ENV} (a server URL; "
            "`scripts/postgres.sh start DIR` starts one and prints it)"
        )
    yield from postgres_schema_url(base)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend."""
    yield from backend_url(request.param, tmp_path)


OpenStore = Callable[..., Store]


@pytest.fixture
def open_store(store_url: str) -> Iterator[OpenStore]:
    """``open_store(**settings)``: the test's database opened as a store with these settings
    (e.g. ``alias_file``); every store opened is closed at the end."""
    opened: list[Store] = []

    def run(**overrides: object) -> Store:
        store = Store.open(store_url, Settings(**overrides))  # type: ignore[arg-type]
        opened.append(store)
        return store

    yield run
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: OpenStore) -> Store:
    return open_store()
