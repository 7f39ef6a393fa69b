"""Deal terms scored on the deals found: accuracy of the gold's values, values added."""

from __future__ import annotations

from typing import Any

import pytest

from ie_nlp.evaluation import annotation_from_gold, annotation_from_system, evaluate
from ie_nlp.evaluation.deal_terms import same_term, score_terms


@pytest.mark.parametrize(
    ("term", "system", "gold", "same"),
    [
        ("amount", 1_100_000_000, 1_100_000_000, True),
        ("amount", 1_095_000_000, 1_100_000_000, True),  # within half a percent
        ("amount", 1_000_000_000, 1_100_000_000, False),
        ("upfront", "50000000", 50_000_000, False),  # a string is no amount
        ("status", "Completed", "completed", True),
        ("status", "announced", "completed", False),
        ("territory", "worldwide", "Worldwide rights", True),
        ("royalties", "tiered", "tiered royalties up to the low teens", True),
        ("asset", "", "BB-101", False),
    ],
)
def test_same_term(term: str, system: Any, gold: Any, same: bool) -> None:
    assert same_term(term, system, gold) is same


def test_terms_are_judged_on_deals_both_have() -> None:
    key, other = ("licensing", "a", "b"), ("acquisition", "c", "d")
    scores = score_terms(
        {key: {"status": "announced", "amount": 5, "royalties": "tiered"}, other: {"amount": 1}},
        {key: {"status": "announced", "amount": 7, "upfront": 5}},
    )
    assert scores.deals_found == 1
    terms = scores.as_dict()["terms"]
    assert terms["status"] == {"gold": 1, "right": 1, "added": 0, "accuracy": 1.0}
    assert terms["amount"] == {"gold": 1, "right": 0, "added": 0, "accuracy": 0.0}
    assert terms["upfront"]["gold"] == 1 and terms["upfront"]["right"] == 0
    assert terms["royalties"] == {"gold": 0, "right": 0, "added": 1, "accuracy": 0.0}


def test_evaluate_reports_terms_through_the_actor_matching() -> None:
    gold = annotation_from_gold(
        {
            "id": "a",
            "actors": [
                {"name": "Pfizer", "type": "large_pharma", "aliases": []},
                {"name": "Seagen", "type": "biotech", "aliases": []},
                {"name": "Jane Doe", "type": "person", "aliases": []},
            ],
            "relationships": [
                {
                    "type": "acquisition",
                    "source": "Pfizer",
                    "target": "Seagen",
                    "attributes": {"status": "completed", "amount": 43_000_000_000},
                },
                {
                    "type": "affiliation",
                    "source": "Jane Doe",
                    "target": "Pfizer",
                    "attributes": {"role": "CEO"},
                },
            ],
        }
    )
    system = annotation_from_system(
        {
            "id": "a",
            "actors": [
                {"id": "a1", "name": "Pfizer Inc.", "type": "large_pharma"},
                {"id": "a2", "name": "Seagen Inc.", "type": "biotech"},
                {"id": "a3", "name": "Jane Doe", "type": "person"},
            ],
            "relationships": [
                {
                    "type": "acquisition",
                    "source": "a1",
                    "target": "a2",
                    "attributes": {"status": "announced", "amount": 43_000_000_000},
                },
                {"type": "affiliation", "source": "a3", "target": "a1", "attributes": {}},
            ],
        }
    )
    report = evaluate([gold], [system])
    terms = report.as_dict()["deal_terms"]
    assert terms["deals_found"] == 1  # the affiliation is no deal
    assert terms["terms"]["amount"]["right"] == 1
    assert terms["terms"]["status"]["right"] == 0
    assert "deal terms on 1 deals found" in report.format_table()
