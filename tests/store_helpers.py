"""Helpers of the store tests (tests/store) and of `ie-nlp ingest`'s (tests/cli): a plain module,
since conftest.py is not importable by name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ie_nlp import ExtractionResult, InputArticle
from ie_nlp.store import Store

REPO_DIR = Path(__file__).resolve().parents[1]
SAMPLE_ARTICLES = REPO_DIR / "corpora" / "sample" / "articles.jsonl"

# A real extraction result with the input article it came from.
Article = tuple[ExtractionResult, InputArticle]
# ``open_store(**settings)``: the test's database opened as a store with these settings.
OpenStore = Callable[..., Store]


def ingest_ids(store: Store, articles: dict[str, Article], *ids: str) -> None:
    for article_id in ids:
        result, article = articles[article_id]
        store.ingest(result, article)


def actor_named(store: Store, name: str) -> str:
    """The id of the one actor whose name or alias contains ``name``."""
    page = store.list_actors(name=name)
    assert page.total == 1, [actor.name for actor in page.items]
    return page.items[0].id
