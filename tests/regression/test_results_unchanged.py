"""Results on the bundled sample and the gold dev split are those recorded by
``scripts/snapshot_results.py``: a refactoring that changes any actor, capability or
relationship fails here and shows which article moved."""

from __future__ import annotations

import json

import pytest
from snapshots import (
    DEV_DIGESTS,
    SAMPLE_RESULTS,
    comparable,
    dev_articles,
    digest,
    extract_all,
    sample_articles,
    shared_corpora_available,
)

from ie_nlp import Extractor


def test_sample_results_are_unchanged(extractor: Extractor) -> None:
    expected = [json.loads(line) for line in SAMPLE_RESULTS.read_text().splitlines()]
    actual = [comparable(r) for r in extract_all(sample_articles(), extractor)]
    assert [r["id"] for r in actual] == [r["id"] for r in expected]
    for got, want in zip(actual, expected, strict=True):
        assert got == want, f"article {want['id']} changed"


@pytest.mark.skipif(
    not shared_corpora_available(),
    reason="needs ../shared/corpora (IE_SHARED_CORPORA_DIR): the gold dev texts live there",
)
def test_gold_dev_results_are_unchanged(extractor: Extractor) -> None:
    expected = json.loads(DEV_DIGESTS.read_text())
    actual = {r.id: digest(r) for r in extract_all(dev_articles(), extractor)}
    changed = sorted(a for a in expected if actual.get(a) != expected[a])
    assert set(actual) == set(expected)
    assert not changed, f"{len(changed)} dev articles changed: {changed[:10]}"
