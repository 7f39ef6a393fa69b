"""Deal attributes stated in a sentence: amount, currency, "up to", funding round, date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UP_TO = re.compile(r"\bup to\s*$", re.IGNORECASE)
_DATE = re.compile(r"\b(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2}),\s+(?P<year>(?:19|20)\d{2})\b")


def _alternatives(words: list[str]) -> str:
    """A regular-expression alternation of the words, longest first so that no word is
    matched by a shorter one it begins with."""
    return "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w)))


def _entries(table: dict[str, Any]) -> dict[str, Any]:
    """A table of the data file without its ``_why``."""
    return {key: value for key, value in table.items() if not key.startswith("_")}


@dataclass(frozen=True)
class DealTerms:
    """The word tables of ``data/deal_terms.json`` and the money patterns built from them."""

    currencies_before_amount: dict[str, str]
    currencies_after_amount: dict[str, str]
    scales: dict[str, float]
    rounds: tuple[tuple[re.Pattern[str], str], ...]
    months: dict[str, int]
    money_patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> DealTerms:
        before = _entries(raw["currencies_before_amount"])
        after = _entries(raw["currencies_after_amount"])
        scales = {word: float(factor) for word, factor in _entries(raw["scales"]).items()}
        written_scales = [*scales, *(word.upper() for word in scales if len(word) == 1)]
        sign = rf"(?P<sign>{_alternatives(list(before))})"
        scale = rf"(?:\s?(?P<scale>{_alternatives(written_scales)})\b)?"
        after_sign = rf"(?:\s?(?P<after>{_alternatives(list(after))})\b)?"
        return cls(
            currencies_before_amount=before,
            currencies_after_amount=after,
            scales=scales,
            rounds=tuple(
                (
                    re.compile(rule["regex"], re.IGNORECASE if rule["ignore_case"] else 0),
                    rule["label"],
                )
                for rule in raw["rounds"]["patterns"]
            ),
            months={name: number for number, name in enumerate(raw["months"]["names"], start=1)},
            money_patterns=(
                re.compile(rf"{sign}\s?{_NUMBER}{scale}"),
                re.compile(rf"{_NUMBER}{scale}{after_sign}"),
            ),
        )


def parse_amounts(text: str, terms: DealTerms) -> list[dict[str, Any]]:
    """Every money expression of the text as {amount, currency, up_to}, in order."""
    amounts = []
    taken: set[int] = set()
    matches = sorted(
        (m for pattern in terms.money_patterns for m in pattern.finditer(text)),
        key=lambda m: m.start(),
    )
    for match in matches:
        if match.start("number") in taken:
            continue
        groups = match.groupdict()
        if groups.get("sign"):
            currency = terms.currencies_before_amount[groups["sign"]]
        elif groups.get("after"):
            currency = terms.currencies_after_amount[groups["after"]]
        else:
            continue
        number = float(match.group("number").replace(",", ""))
        scale = (match.group("scale") or "").lower()
        value = number * terms.scales.get(scale, 1.0)
        entry: dict[str, Any] = {
            "amount": int(value) if value.is_integer() else value,
            "currency": currency,
        }
        if _UP_TO.search(text[: match.start()]):
            entry["up_to"] = True
        taken.add(match.start("number"))
        amounts.append(entry)
    return amounts


def parse_round(text: str, terms: DealTerms) -> str | None:
    for pattern, label in terms.rounds:
        match = pattern.search(text)
        if match:
            return label + match.group(1).lower() if pattern.groups else label
    return None


def parse_date(text: str, terms: DealTerms) -> str | None:
    match = _DATE.search(text)
    if not match or match.group("month").lower() not in terms.months:
        return None
    month = terms.months[match.group("month").lower()]
    return f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"


def deal_attributes(sentence: str, relationship_type: str, terms: DealTerms) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    if relationship_type in {
        "affiliation",
        "research_collaboration",
        "partnership",
        "supply",
        "outsourcing",
        "spin_off",
    }:
        return attributes
    amounts = parse_amounts(sentence, terms)
    if amounts:
        # the headline figure: an "up to" total when one is given, else the largest amount
        best = max(amounts, key=lambda a: (a.get("up_to", False), a["amount"]))
        attributes.update(best)
    if relationship_type == "investment":
        round_name = parse_round(sentence, terms)
        if round_name:
            attributes["round"] = round_name
    date = parse_date(sentence, terms)
    if date:
        attributes["date"] = date
    return attributes
