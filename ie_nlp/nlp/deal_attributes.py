"""Deal attributes stated in a sentence: amount, currency, "up to", funding round, date."""

from __future__ import annotations

import re
from typing import Any

_CURRENCY_SIGNS = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "¥": "JPY",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "aud": "AUD",
    "a$": "AUD",
    "cad": "CAD",
    "c$": "CAD",
    "dkk": "DKK",
    "sek": "SEK",
    "nok": "NOK",
    "krw": "KRW",
    "inr": "INR",
    "dlrs": "USD",
    "dollars": "USD",
    "dlr": "USD",
}
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "mm": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
}
_SIGN = r"(?P<sign>US\$|A\$|C\$|\$|€|£|¥|USD|EUR|GBP|CHF|JPY|CNY|RMB|AUD|CAD|DKK|SEK|NOK|KRW|INR)"
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>thousand|million|mln|billion|bln|bn|trillion|mm|[mMbBkK])\b)?"
_AFTER = r"(?:\s?(?P<after>USD|EUR|GBP|CHF|euros?|dollars|dlrs|dlr)\b)?"
_MONEY_PATTERNS = (
    re.compile(rf"{_SIGN}\s?{_NUMBER}{_SCALE}"),
    re.compile(rf"{_NUMBER}{_SCALE}{_AFTER}"),
)
_UP_TO = re.compile(r"\bup to\s*$", re.IGNORECASE)
_ROUNDS = [
    (re.compile(r"\bpre-?seed\b", re.I), "pre_seed"),
    (re.compile(r"\bseed\b", re.I), "seed"),
    (re.compile(r"\bseries\s+([a-e])\b", re.I), "series_"),
    (re.compile(r"\binitial public offering\b|\bIPO\b"), "ipo"),
    (re.compile(r"\bprivate placement\b", re.I), "private_placement"),
]
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_DATE = re.compile(r"\b(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2}),\s+(?P<year>(?:19|20)\d{2})\b")


def parse_amounts(text: str) -> list[dict[str, Any]]:
    """Every money expression of the text as {amount, currency, up_to}, in order."""
    amounts = []
    taken: set[int] = set()
    matches = sorted(
        (m for pattern in _MONEY_PATTERNS for m in pattern.finditer(text)), key=lambda m: m.start()
    )
    for match in matches:
        groups = match.groupdict()
        sign = (groups.get("sign") or groups.get("after") or "").lower()
        if match.start("number") in taken:
            continue
        if not sign:
            continue
        number = float(match.group("number").replace(",", ""))
        scale = (match.group("scale") or "").lower()
        value = number * _SCALES.get(scale, 1.0)
        entry: dict[str, Any] = {
            "amount": int(value) if value.is_integer() else value,
            "currency": _CURRENCY_SIGNS.get(sign, sign.upper()),
        }
        if _UP_TO.search(text[: match.start()]):
            entry["up_to"] = True
        taken.add(match.start("number"))
        amounts.append(entry)
    return amounts


def parse_round(text: str) -> str | None:
    for pattern, label in _ROUNDS:
        match = pattern.search(text)
        if match:
            return label + match.group(1).lower() if label == "series_" else label
    return None


def parse_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match or match.group("month").lower() not in _MONTHS:
        return None
    month = _MONTHS[match.group("month").lower()]
    return f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"


def deal_attributes(sentence: str, relationship_type: str) -> dict[str, Any]:
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
    amounts = parse_amounts(sentence)
    if amounts:
        # the headline figure: an "up to" total when one is given, else the largest amount
        best = max(amounts, key=lambda a: (a.get("up_to", False), a["amount"]))
        attributes.update(best)
    if relationship_type == "investment":
        round_name = parse_round(sentence)
        if round_name:
            attributes["round"] = round_name
    date = parse_date(sentence)
    if date:
        attributes["date"] = date
    return attributes
