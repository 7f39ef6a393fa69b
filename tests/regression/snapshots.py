"""The results a refactoring must not change: how they are produced, normalised and compared.

Shared by ``test_results_unchanged.py`` and ``scripts/snapshot_results.py``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ie_nlp import ExtractionResult, Extractor, InputArticle, get_settings
from ie_nlp.evaluation import gold_articles, load_gold

HERE = Path(__file__).resolve().parent
REPO_DIR = HERE.parent.parent
SAMPLE_RESULTS = HERE / "sample_results.jsonl"
DEV_DIGESTS = HERE / "dev_digests.json"
DEV_GOLD = REPO_DIR / "corpora" / "gold" / "dev.jsonl"


def comparable(result: ExtractionResult) -> dict[str, Any]:
    """The result without ``meta``: timings and version strings are not results."""
    record = result.as_record()
    record.pop("meta", None)
    return record


def digest(result: ExtractionResult) -> str:
    canonical = json.dumps(comparable(result), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def sample_articles() -> list[InputArticle]:
    path = REPO_DIR / "corpora" / "sample" / "articles.jsonl"
    return [InputArticle.model_validate_json(line) for line in path.read_text().splitlines()]


def shared_corpora_available() -> bool:
    return get_settings().shared_corpora_dir.is_dir()


def dev_articles() -> list[InputArticle]:
    """The dev articles the digests were recorded on (the split may have grown since)."""
    recorded = set(json.loads(DEV_DIGESTS.read_text())) if DEV_DIGESTS.exists() else None
    records = [r for r in load_gold(DEV_GOLD) if recorded is None or r.id in recorded]
    return [InputArticle.model_validate(a) for a in gold_articles(records)]


def extract_all(
    articles: list[InputArticle], extractor: Extractor | None = None
) -> list[ExtractionResult]:
    extractor = extractor or Extractor.from_settings()
    return list(extractor.extract_many(articles))
