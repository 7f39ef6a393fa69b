"""Deal terms written in a text: money expressions (amount, currency, "up to") and the role
the words around each give it (upfront, milestones, equity, price per share), the funding
round, royalties and dates. ``deal_terms`` assembles them into a deal's attributes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UP_TO = re.compile(r"\bup to\s*$", re.IGNORECASE)
_ROYALTY = re.compile(r"\broyalt(?:y|ies)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;.()]")
_MAX_ROYALTY_WORDS = 12
_DATE = re.compile(r"\b(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2}),\s+(?P<year>(?:19|20)\d{2})\b")


def alternatives(words: list[str]) -> str:
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
    role_cues: dict[str, dict[str, tuple[str, ...]]]  # role -> "before"/"after" -> cues
    role_window: tuple[int, int]  # characters looked at before and after an amount
    total_cues: tuple[str, ...]  # after an amount: it covers the amounts that follow
    smallest_deal_value: float  # a plain amount below it is a price, not a deal's value
    roles_by_type: dict[str, frozenset[str]]  # the only money roles some types carry
    money_goes_to: dict[str, str]  # a type whose money goes to the pair's deal of another type
    types_without_money: frozenset[str]
    royalty_qualifiers: frozenset[str]

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> DealTerms:
        before = _entries(raw["currencies_before_amount"])
        after = _entries(raw["currencies_after_amount"])
        scales = {word: float(factor) for word, factor in _entries(raw["scales"]).items()}
        short_scales = [w for w in scales if len(w) <= 2]
        written_short = [*short_scales, *(word.upper() for word in short_scales if len(word) == 1)]
        long_scales = [w for w in scales if len(w) > 2]
        sign = rf"(?P<sign>{alternatives(list(before))})"
        # a long scale word may be glued to the next by scraping ("$20 millionand")
        scale = (
            rf"(?:\s?(?P<scale>(?i:{alternatives(long_scales)})|"
            rf"(?:{alternatives(written_short)})\b))?"
        )
        after_sign = rf"(?:\s?(?P<after>{alternatives(list(after))})\b)?"
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
            role_cues={
                role: {side: tuple(cues.get(side, ())) for side in ("before", "after")}
                for role, cues in _entries(raw["money_roles"]["roles"]).items()
            },
            role_window=(
                int(raw["money_roles"]["characters_before"]),
                int(raw["money_roles"]["characters_after"]),
            ),
            total_cues=tuple(raw["money_roles"]["total_cues"]),
            smallest_deal_value=float(raw["smallest_deal_value"]["units"]),
            roles_by_type={
                type_id: frozenset(roles)
                for type_id, roles in _entries(raw["roles_by_type"]).items()
            },
            money_goes_to=dict(_entries(raw["money_goes_to"])),
            types_without_money=frozenset(raw["types_without_money"]["types"]),
            royalty_qualifiers=frozenset(raw["royalty_qualifiers"]["words"]),
        )


@dataclass(frozen=True)
class Money:
    """A money expression: its value in units, ISO 4217 currency, whether it is an "up to"
    total, and where it stands in the text."""

    amount: int | float
    currency: str
    up_to: bool
    start: int
    end: int

    def as_terms(self) -> dict[str, Any]:
        terms: dict[str, Any] = {"amount": self.amount, "currency": self.currency}
        if self.up_to:
            terms["up_to"] = True
        return terms


def find_money(text: str, terms: DealTerms) -> list[Money]:
    """Every money expression of the text, in order."""
    found = []
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
        taken.add(match.start("number"))
        found.append(
            Money(
                int(value) if value.is_integer() else value,
                currency,
                bool(_UP_TO.search(text[: match.start()])),
                match.start(),
                match.end(),
            )
        )
    return found


def money_role(text: str, money: Money, others: list[Money], terms: DealTerms) -> str | None:
    """What the words nearest an amount make of it ("$50 million upfront", "an equity
    investment of $15 million", "$20 per share"), or None for a plain amount. The words looked
    at stop at the neighbouring amounts, and the nearest cue wins."""
    before_limit = max([m.end for m in others if m.end <= money.start], default=0)
    after_limit = min([m.start for m in others if m.start >= money.end], default=len(text))
    reach_before, reach_after = terms.role_window
    before = text[max(before_limit, money.start - reach_before) : money.start].lower()
    after = text[money.end : min(after_limit, money.end + reach_after)].lower()
    best: tuple[int, str] | None = None
    for role, cues in terms.role_cues.items():
        for cue in cues["after"]:
            position = after.find(cue)
            if position >= 0 and (best is None or position < best[0]):
                best = (position, role)
        for cue in cues["before"]:
            position = before.rfind(cue)
            if position >= 0:
                distance = len(before) - position - len(cue)
                if best is None or distance < best[0]:
                    best = (distance, role)
    return best[1] if best else None


def parse_royalties(text: str, terms: DealTerms) -> str | None:
    """The royalties as written, from a qualifier before "royalties" ("tiered") to the end of
    the clause ("tiered royalties ranging from the mid-single to low-double digits")."""
    match = _ROYALTY.search(text)
    if match is None:
        return None
    start = match.start()
    previous = text[:start].split()[-1:]
    if previous and previous[0].lower().strip("-") in terms.royalty_qualifiers:
        start = text.rfind(previous[0], 0, start)
    end_match = _CLAUSE_END.search(text, match.end())
    end = end_match.start() if end_match else len(text)
    words = text[start:end].split()[:_MAX_ROYALTY_WORDS]
    return " ".join(words) if len(words) > 1 else None


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
