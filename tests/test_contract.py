"""CONTRACT.md on the sample corpus: every article of corpora/sample/articles.jsonl gives a
valid result whose offsets, references, confidences and identifiers keep the contract."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ie_nlp import ExtractionResult, Extractor, InputArticle

ARTICLES = Path(__file__).resolve().parent.parent / "corpora" / "sample" / "articles.jsonl"
RAW = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line]
IDS = [record["id"] for record in RAW]


@pytest.fixture(scope="module")
def results(extractor: Extractor) -> dict[str, ExtractionResult]:
    articles = [InputArticle.model_validate(record) for record in RAW]
    return {result.id: result for result in extractor.extract_many(articles)}


def test_every_article_gives_one_result_in_order(results: dict[str, ExtractionResult]) -> None:
    assert list(results) == IDS
    assert len(IDS) == 14


@pytest.mark.parametrize("article_id", IDS)
def test_result_keeps_the_contract(
    article_id: str,
    results: dict[str, ExtractionResult],
    check_contract: Callable[[ExtractionResult, str], list[str]],
) -> None:
    result = results[article_id]
    text = next(r["text"] for r in RAW if r["id"] == article_id)
    record = result.as_record()
    assert record["id"] == article_id
    assert record["schema_version"] == "1"
    assert "text" not in record, "text inputs: offsets refer to the input text"
    reparsed = ExtractionResult.model_validate(json.loads(json.dumps(record)))
    assert check_contract(reparsed, text) == []
    assert reparsed.meta["text_chars"] == len(text)


@pytest.mark.parametrize("article_id", IDS)
def test_actors_and_relationships_are_well_formed(
    article_id: str, results: dict[str, ExtractionResult]
) -> None:
    result = results[article_id]
    assert result.actors, "every sample article names organisations"
    for actor in result.actors:
        assert actor.name.strip()
        assert actor.name not in actor.aliases
        assert actor.mentions, f"{actor.name} has no mention"
    for relationship in result.relationships:
        assert relationship.source != relationship.target
        assert relationship.evidence.text.strip()
