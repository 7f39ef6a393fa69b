"""Fixtures of the store tests: stores (``open_store``, ``store``) on the databases of
``store_url``, and real extraction results of short hand-written articles (``articles``).

``store_url`` and ``sample`` (``corpora/sample`` through the real extractor) come from
tests/store_fixtures.py, a plugin of tests/conftest.py, since the ``ie-nlp ingest`` tests
(tests/cli) need them too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from store_helpers import Article, OpenStore

from ie_nlp import Extractor, InputArticle, Settings
from ie_nlp.store import Store

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
        # every deal these one-sentence articles state, whatever its confidence: the store
        # tests are about resolution and aggregation, not about the confidence floor
        out[article_id] = (extractor.extract(article, min_confidence=0.0), article)
    return out


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
