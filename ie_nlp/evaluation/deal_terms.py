"""Deal terms scored on the deals found (CONTRACT.md § Deal terms).

A term is judged only on a deal that both the gold and the system have (the relationship
matched on type, source and target): of the gold's values, how many the system gives the same
(its accuracy), and how many values the system adds where the gold states none. Amounts agree
within half a percent ("$1.1 billion" against 1,100,000,000 or 1,095,000,000 written out);
texts agree when one contains the other once case, punctuation and spacing are set aside
("worldwide" and "worldwide rights").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ie_nlp.evaluation.metrics import ratio

__all__ = ["TERMS", "TermCounts", "TermScores", "same_term", "score_terms"]

TERMS = (
    "status",
    "date",
    "amount",
    "currency",
    "up_to",
    "upfront",
    "milestones",
    "equity",
    "price_per_share",
    "royalties",
    "round",
    "asset",
    "territory",
)
_NUMERIC = {"amount", "upfront", "milestones", "equity", "price_per_share"}
_EXACT = {"status", "date", "currency", "up_to", "round"}
_RELATIVE_TOLERANCE = 0.005


@dataclass
class TermCounts:
    """``gold`` values on deals found, ``right`` of them given the same, ``added`` system
    values where the gold has none."""

    gold: int = 0
    right: int = 0
    added: int = 0

    @property
    def accuracy(self) -> float:
        return ratio(self.right, self.gold)

    def add(self, other: TermCounts) -> None:
        self.gold += other.gold
        self.right += other.right
        self.added += other.added

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "right": self.right,
            "added": self.added,
            "accuracy": round(self.accuracy, 4),
        }


@dataclass
class TermScores:
    """Counts per term, over every deal found."""

    deals_found: int = 0
    terms: dict[str, TermCounts] = field(default_factory=lambda: {t: TermCounts() for t in TERMS})

    def add(self, other: TermScores) -> None:
        self.deals_found += other.deals_found
        for term in TERMS:
            self.terms[term].add(other.terms[term])

    def as_dict(self) -> dict[str, Any]:
        return {
            "deals_found": self.deals_found,
            "terms": {term: counts.as_dict() for term, counts in self.terms.items()},
        }

    def format_table(self) -> str:
        title = f"deal terms on {self.deals_found} deals found"
        width = max(len(title), *(len(t) for t in TERMS)) + 2
        lines = [
            f"{title:<{width}}" + "".join(f"{h:>9}" for h in ("accuracy", "gold", "right", "added"))
        ]
        for term, counts in self.terms.items():
            lines.append(
                f"{term:<{width}}{counts.accuracy:>9.3f}{counts.gold:>9d}"
                f"{counts.right:>9d}{counts.added:>9d}"
            )
        return "\n".join(lines)


def _text_key(value: Any) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", str(value).lower()).split())


def same_term(term: str, system: Any, gold: Any) -> bool:
    """Whether a system value states the gold value of ``term``."""
    if term in _NUMERIC:
        if not isinstance(system, int | float) or not isinstance(gold, int | float):
            return False
        return abs(system - gold) <= _RELATIVE_TOLERANCE * max(abs(system), abs(gold))
    if term in _EXACT:
        return _text_key(system) == _text_key(gold)
    system_key, gold_key = _text_key(system), _text_key(gold)
    return bool(system_key and gold_key) and (system_key in gold_key or gold_key in system_key)


def score_terms(
    system: Mapping[tuple[str, ...], Mapping[str, Any]],
    gold: Mapping[tuple[str, ...], Mapping[str, Any]],
) -> TermScores:
    """The terms of one article's deals, each keyed by its matching key (type, source,
    target through the actor matching); the caller leaves affiliations out."""
    scores = TermScores()
    for key, gold_terms in gold.items():
        system_terms = system.get(key)
        if system_terms is None:
            continue
        scores.deals_found += 1
        for term in TERMS:
            counts = scores.terms[term]
            if term in gold_terms:
                counts.gold += 1
                if term in system_terms and same_term(term, system_terms[term], gold_terms[term]):
                    counts.right += 1
            elif term in system_terms:
                counts.added += 1
    return scores
