"""ie_nlp.nlp.deal_attributes: amount, currency, "up to", round and date of a deal sentence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ie_nlp.nlp.deal_attributes import deal_attributes, parse_amounts, parse_date, parse_round
from ie_nlp.nlp.lexicons import get_lexicons

TERMS = get_lexicons().deal_terms


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Pfizer acquired Seagen for $43 billion.", 43_000_000_000, "USD"),
        ("a €42 million Series A", 42_000_000, "EUR"),
        ("a EUR 40 million financing", 40_000_000, "EUR"),
        ("CHF 12.5 million in grants", 12_500_000, "CHF"),
        ("£3m from investors", 3_000_000, "GBP"),
        ("US$ 10 million upfront", 10_000_000, "USD"),
        ("a $43bn deal", 43_000_000_000, "USD"),
        ("40 million euros", 40_000_000, "EUR"),
        ("$1,250,000 in seed funding", 1_250_000, "USD"),
    ],
)
def test_parse_amounts(text: str, amount: int, currency: str) -> None:
    found = parse_amounts(text, TERMS)
    assert len(found) == 1, found
    assert found[0]["amount"] == amount
    assert found[0]["currency"] == currency
    assert "up_to" not in found[0]


def test_amounts_are_numbers_in_units() -> None:
    (found,) = parse_amounts("$1.2 billion", TERMS)
    assert isinstance(found["amount"], int | float)
    assert found["amount"] == 1_200_000_000


def test_up_to_is_marked() -> None:
    found = parse_amounts("$50 million upfront and up to $1.2 billion in milestones", TERMS)
    assert [(a["amount"], a.get("up_to", False)) for a in found] == [
        (50_000_000, False),
        (1_200_000_000, True),
    ]


@pytest.mark.parametrize(
    "text",
    ["40 million patients", "in 2024 the company grew", "Phase 3 data in 300 patients", ""],
)
def test_numbers_without_a_currency_are_not_amounts(text: str) -> None:
    assert parse_amounts(text, TERMS) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a $40 million Series B financing", "series_b"),
        ("its series a round", "series_a"),
        ("a €6 million seed round", "seed"),
        ("a pre-seed round", "pre_seed"),
        ("its initial public offering on Nasdaq", "ipo"),
        ("raised $100 million in its IPO", "ipo"),
        ("a private placement of shares", "private_placement"),
        ("a strategic investment", None),
    ],
)
def test_parse_round(text: str, expected: str | None) -> None:
    assert parse_round(text, TERMS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AURENFELD, Germany, March 12, 2024 — Castellan", "2024-03-12"),
        ("on May 5, 2025 the deal closed", "2025-05-05"),
        ("Monday 12, 2024", None),
        ("in 2024", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text, TERMS) == expected


def test_investment_attributes() -> None:
    attributes = deal_attributes(
        "Acme Therapeutics raised $40 million in a Series B financing on March 3, 2024.",
        "investment",
        TERMS,
    )
    assert attributes == {
        "amount": 40_000_000,
        "currency": "USD",
        "round": "series_b",
        "date": "2024-03-03",
    }


def test_the_headline_figure_is_the_up_to_total() -> None:
    attributes = deal_attributes(
        "Beta Bio will receive $2 billion upfront and up to $1 billion in milestones.",
        "licensing",
        TERMS,
    )
    assert attributes["amount"] == 1_000_000_000
    assert attributes["up_to"] is True


def test_otherwise_the_largest_amount() -> None:
    attributes = deal_attributes(
        "Novartis pays $50 million upfront for Beta Bio, valued at $900 million.",
        "acquisition",
        TERMS,
    )
    assert attributes["amount"] == 900_000_000
    assert "round" not in attributes


@pytest.mark.parametrize(
    "kind", ["affiliation", "research_collaboration", "partnership", "supply", "outsourcing"]
)
def test_relationships_without_money_get_no_amount(kind: str) -> None:
    assert deal_attributes("A $40 million Series B deal on March 3, 2024.", kind, TERMS) == {}


def test_attributes_are_json_values() -> None:
    import json

    attributes = deal_attributes(
        "Pfizer acquired Seagen for $43 billion on March 3, 2024.", "acquisition", TERMS
    )
    assert json.loads(json.dumps(attributes)) == attributes


def test_deal_attributes_reach_the_rule_proposals(
    rule_relations: Callable[[str], list[tuple[str, str, str, dict[str, Any]]]],
) -> None:
    found = rule_relations(
        "Acme Therapeutics, a clinical-stage biotechnology company, raised $40 "
        "million in a Series B financing led by Alpine Ventures."
    )
    investment = [attrs for kind, _, _, attrs in found if kind == "investment"]
    assert investment == [{"amount": 40_000_000, "currency": "USD", "round": "series_b"}]
