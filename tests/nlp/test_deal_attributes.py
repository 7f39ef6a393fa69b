"""ie_nlp.nlp.deal_attributes: money expressions and their roles, round, royalties, dates."""

from __future__ import annotations

from typing import Any

import pytest

from ie_nlp.nlp.deal_attributes import (
    DealTerms,
    find_money,
    money_role,
    parse_date,
    parse_round,
    parse_royalties,
)
from ie_nlp.nlp.lexicons import get_lexicons

TERMS = get_lexicons().deal_terms


def parse_amounts(text: str, terms: DealTerms) -> list[dict[str, Any]]:
    """Every money expression of the text as the terms it gives (amount, currency, up_to)."""
    return [money.as_terms() for money in find_money(text, terms)]


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
        ("an upfront payment of$20 millionand an investment", 20_000_000, "USD"),
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


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "$50 million upfront and up to $1.2 billion in milestones",
            ["upfront", "milestones"],
        ),
        (
            "an upfront payment of $20 million and an equity investment of $15 million",
            ["upfront", "equity"],
        ),
        ("Lilly will pay $20 per share in cash, or about $1 billion", ["price_per_share", None]),
        (
            "up to $210 million in development and regulatory milestones and $180 million "
            "in sales milestones",
            ["milestones", "milestones"],
        ),
        ("Pfizer acquired Seagen for $43 billion.", [None]),
    ],
)
def test_the_nearest_words_give_an_amount_its_role(text: str, roles: list[str | None]) -> None:
    found = find_money(text, TERMS)
    assert [money_role(text, m, found, TERMS) for m in found] == roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "and tiered royalties ranging from the mid-single to low-double digits, on sales.",
            "tiered royalties ranging from the mid-single to low-double digits",
        ),
        ("is eligible to receive royalties on net sales", "royalties on net sales"),
        ("no payments of any kind", None),
    ],
)
def test_parse_royalties(text: str, expected: str | None) -> None:
    assert parse_royalties(text, TERMS) == expected


def test_amounts_are_json_values() -> None:
    import json

    found = parse_amounts("Pfizer acquired Seagen for $43 billion, up to $2.5 billion more", TERMS)
    assert json.loads(json.dumps(found)) == found
