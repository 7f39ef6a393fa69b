"""True/false positive counts and the precision, recall and F1 computed from them.

Scores are micro-averaged: counts are summed over articles (and slots, or labels) first and the
ratios computed once from the sums. A ratio whose denominator is zero is 0.0 (no prediction
gives precision 0, nothing to find gives recall 0).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Counts", "LabelCounts", "f1_score", "ratio"]


def ratio(numerator: int, denominator: int) -> float:
    """``numerator / denominator``, 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall, 0.0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass
class Counts:
    """``tp`` matched items, ``fp`` system items without a gold match, ``fn`` missed gold items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.gold)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @classmethod
    def from_sets(cls, system: Iterable[Hashable], gold: Iterable[Hashable]) -> Counts:
        """Counts of two sets of comparable keys (duplicates count once)."""
        system_set, gold_set = set(system), set(gold)
        tp = len(system_set & gold_set)
        return cls(tp, len(system_set) - tp, len(gold_set) - tp)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class LabelCounts:
    """One ``Counts`` per label (actor type, capability category, relationship type, slot)."""

    by_label: dict[str, Counts] = field(default_factory=dict)

    def __getitem__(self, label: str) -> Counts:
        return self.by_label.setdefault(label, Counts())

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.by_label))

    def __len__(self) -> int:
        return len(self.by_label)

    def items(self) -> list[tuple[str, Counts]]:
        return [(label, self.by_label[label]) for label in self]

    def add(self, other: LabelCounts) -> None:
        for label, counts in other.by_label.items():
            self[label].add(counts)

    def total(self) -> Counts:
        """The micro-averaged sum over all labels."""
        result = Counts()
        for counts in self.by_label.values():
            result.add(counts)
        return result

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {label: counts.as_dict() for label, counts in self.items()}

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Counts]) -> LabelCounts:
        return cls(dict(mapping))
