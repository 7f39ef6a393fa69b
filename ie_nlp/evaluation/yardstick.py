"""The Reuters corporate-acquisitions yardstick (``../shared/yardsticks/corp_acquisitions``).

Gold records are ``{"id", "text", "slots": {SLOT: [fill, ...]}}`` where a fill is a list of
acceptable alternative strings. The system's extraction results are read as slot fills: per
story, PURCHASER is the set of distinct names of the source actors of its ``acquisition``
relationships and ACQUIRED the set of distinct names of their targets (in order of first
appearance). Only these two slots are scored; the others (SELLER, DLRAMT …) have no counterpart
in the contract.

Scoring follows the course scorer ``score-ie.pl`` (README-scoring.txt): each system string is
compared with the gold fills not yet matched and counts as correct when it equals one of a fill's
alternatives, which then is used up. The comparison is exact apart from what ``score-ie.pl``'s
match (``/^\\s*\\Q$str\\E\\s*$/i``) allows: letter case and white space at the ends. Runs of white
space inside a string are read as one space (a template slot is a single line, so a name the
system took across a line break could not be written otherwise). Counts are summed over stories
and micro-averaged per slot and in total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ie_nlp.errors import GoldFormatError
from ie_nlp.evaluation.metrics import Counts, LabelCounts
from ie_nlp.evaluation.records import Annotation, read_jsonl, record_id
from ie_nlp.evaluation.score_table import articles_line, render_table

__all__ = [
    "SLOTS",
    "SlotGold",
    "YardstickReport",
    "evaluate_slots",
    "is_slot_gold",
    "load_slot_gold",
    "score_slot",
    "system_fills",
]

#: Slot → which end of an ``acquisition`` relationship fills it.
SLOTS: dict[str, str] = {"PURCHASER": "source", "ACQUIRED": "target"}


@dataclass(frozen=True)
class SlotGold:
    """One story's answer key: slot → fills, each fill a tuple of alternative strings."""

    id: str
    slots: dict[str, tuple[tuple[str, ...], ...]]


def _slot_key(record: Mapping[str, Any]) -> dict[str, tuple[tuple[str, ...], ...]]:
    slots = record.get("slots")
    if not isinstance(slots, Mapping):
        raise ValueError("'slots' must be an object of slot → fills")
    parsed: dict[str, tuple[tuple[str, ...], ...]] = {}
    for slot, fills in slots.items():
        if not isinstance(fills, list) or not all(
            isinstance(fill, list) and fill and all(isinstance(alt, str) for alt in fill)
            for fill in fills
        ):
            raise ValueError(f"slot {slot!r}: fills must be non-empty lists of strings")
        parsed[str(slot)] = tuple(tuple(fill) for fill in fills)
    return parsed


def is_slot_gold(path: Path | str) -> bool:
    """Whether a gold file holds slot keys (its first record has ``slots``)."""
    for _, record in read_jsonl(Path(path)):
        return "slots" in record
    return False


def load_slot_gold(path: Path | str) -> list[SlotGold]:
    """The answer keys of a slot gold file; bad lines raise ``GoldFormatError``."""
    path = Path(path)
    keys: list[SlotGold] = []
    seen: set[str] = set()
    for number, record in read_jsonl(path):
        try:
            key = SlotGold(record_id(record), _slot_key(record))
        except ValueError as error:
            raise GoldFormatError(f"{path}:{number}: {error}") from None
        if key.id in seen:
            raise GoldFormatError(f"{path}:{number}: story id {key.id!r} appears twice")
        seen.add(key.id)
        keys.append(key)
    return keys


def _canonical(text: str, case_sensitive: bool) -> str:
    text = " ".join(text.split())
    return text if case_sensitive else text.casefold()


def system_fills(result: Annotation, case_sensitive: bool = False) -> dict[str, list[str]]:
    """Slot → the distinct actor names that the result's acquisitions put in it."""
    names = {actor.ref: actor.name for actor in result.actors}
    fills: dict[str, list[str]] = {slot: [] for slot in SLOTS}
    seen: dict[str, set[str]] = {slot: set() for slot in SLOTS}
    for relationship in result.relationships:
        if relationship.type != "acquisition":
            continue
        for slot, end in SLOTS.items():
            name = " ".join(names[getattr(relationship, end)].split())
            key = _canonical(name, case_sensitive)
            if key and key not in seen[slot]:
                seen[slot].add(key)
                fills[slot].append(name)
    return fills


def score_slot(
    system: Sequence[str], gold: Sequence[Sequence[str]], case_sensitive: bool = False
) -> Counts:
    """Counts of one slot of one story, ``score-ie.pl`` style (see the module docstring)."""
    remaining = [{_canonical(alt, case_sensitive) for alt in fill} for fill in gold]
    correct = 0
    for string in system:
        key = _canonical(string, case_sensitive)
        for index, alternatives in enumerate(remaining):
            if key in alternatives:
                correct += 1
                del remaining[index]
                break
    return Counts(correct, len(system) - correct, len(gold) - correct)


@dataclass
class YardstickReport:
    """Per-slot and total (micro) scores on the corporate-acquisitions stories."""

    slots: LabelCounts = field(default_factory=LabelCounts)
    stories: int = 0
    missing_in_system: list[str] = field(default_factory=list)
    not_in_gold: list[str] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        return self.slots.total()

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "corp_acquisitions",
            "articles": {
                "gold": self.stories,
                "missing_in_system": len(self.missing_in_system),
                "not_in_gold": len(self.not_in_gold),
                "missing_in_system_ids": self.missing_in_system,
                "not_in_gold_ids": self.not_in_gold,
            },
            "slots": {slot: self.slots[slot].as_dict() for slot in SLOTS},
            "total": self.total.as_dict(),
        }

    def format_table(self) -> str:
        rows = [(slot, self.slots[slot]) for slot in SLOTS] + [("TOTAL", self.total)]
        parts = [
            articles_line(self.stories, len(self.missing_in_system), len(self.not_in_gold)),
            render_table("corp_acquisitions slots", rows),
        ]
        return "\n\n".join(parts) + "\n"


def evaluate_slots(
    gold: Iterable[SlotGold],
    system: Mapping[str, Annotation],
    case_sensitive: bool = False,
) -> YardstickReport:
    """Score extraction results (by story id, ``load_system``) against slot answer keys."""
    report = YardstickReport()
    for slot in SLOTS:  # every slot appears in the report, even when empty
        report.slots.by_label[slot] = Counts()
    gold_ids: set[str] = set()
    for key in gold:
        gold_ids.add(key.id)
        report.stories += 1
        result = system.get(key.id)
        if result is None:
            report.missing_in_system.append(key.id)
            result = Annotation(key.id)
        fills = system_fills(result, case_sensitive)
        for slot in SLOTS:
            report.slots[slot].add(score_slot(fills[slot], key.slots.get(slot, ()), case_sensitive))
    report.not_in_gold = sorted(set(system) - gold_ids)
    return report
