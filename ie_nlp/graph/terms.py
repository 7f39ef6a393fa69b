"""Rising terms: noun phrases that more articles use now than in the periods before.

The terms of each article are found at extraction (``ie_nlp.nlp.terms``) and stored with it; a
term counts once per article (document frequency).

Corpora grow, so a term is compared with the *rate* at which articles used it before: expected
= the mean share of articles using it over the previous ``previous_periods`` periods (those
with articles) times this period's number of articles; growth = (count + 1) / (expected + 1).
The add-one keeps a brand-new term finite and ranks 6 new mentions above 3; a period without
earlier articles has no baseline and no rising terms. A term rises when its count is at least
``min_count`` and its growth at least ``min_growth``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ie_nlp.graph.params import RisingTermParams
from ie_nlp.graph.signal_models import RisingTerm

__all__ = ["rising_terms"]


def rising_terms(
    counts: Sequence[Counter[str]], articles: Sequence[int], params: RisingTermParams
) -> list[list[RisingTerm]]:
    """For each period's term counts (with its number of articles), its rising terms, best
    first (growth, then count)."""
    result: list[list[RisingTerm]] = []
    for index, current in enumerate(counts):
        first = max(0, index - params.previous_periods)
        previous = [
            (period, total)
            for period, total in zip(counts[first:index], articles[first:index], strict=True)
            if total
        ]
        found = []
        for term, count in current.items() if previous else ():
            if count < params.min_count:
                continue
            rate = sum(period[term] / total for period, total in previous) / len(previous)
            expected = rate * articles[index]
            growth = (count + 1) / (expected + 1)
            if growth >= params.min_growth:
                found.append(
                    RisingTerm(
                        term=term, count=count, expected=round(expected, 3), growth=round(growth, 3)
                    )
                )
        found.sort(key=lambda t: (-t.growth, -t.count, t.term))
        result.append(found[: params.top])
    return result
