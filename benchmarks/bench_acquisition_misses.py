"""Where the corporate-acquisitions yardstick's fills are lost, and on what kinds of story.

The Reuters stories (``../shared/yardsticks/corp_acquisitions/dev.jsonl``) are extracted once
with no confidence floor; the slots are then scored (``ie_nlp.evaluation.score_slot``, the
``score-ie.pl`` rules) at floor 0 and at the default floor (``IE_MIN_CONFIDENCE``), overall and
per kind of story, and every gold fill the default floor misses is given one cause:

* ``description``: the fill is no name ("a privately-held firm", "An investor group
  including …", "retail store division");
* ``no actor``: no actor of the extraction has the fill as its name or an alias (the NER
  missed it or cut it differently: "Department Stores Co" for "May Department Stores Co");
* ``other name``: an actor has the fill as an alias but another name;
* ``person``: the actor is a person (CONTRACT.md's deals link organisations);
* ``no record``: the actor is in no relationship with another organisation;
* ``other type``: it is, but in no ``acquisition`` (a stake purchase read as ``investment``,
  as ANNOTATION.md asks);
* ``reversed``: an ``acquisition`` puts it at the other end;
* ``below floor``: an ``acquisition`` puts it in the slot with less confidence than the floor.

Kinds of story, from the key's STATUS fill and the first 60 words (a keyword match, so
approximate): ``stake`` (a share purchase reported to the SEC, no status or a stake status),
``sought`` (offers, bids, proposals, talks, plans: ANNOTATION.md counts none of them),
``ended`` (terminated, withdrawn, rejected), ``merger`` (the first 30 words or the status
say merge or merger: CONTRACT.md's ``merger`` is undirected, the keys make one side the
purchaser), ``agreed or completed`` (any other status), ``no status``.

Usage::

    .venv/bin/python benchmarks/bench_acquisition_misses.py
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from _common import DEFAULT_SHARED, read_jsonl, require_shared, write_result
from bench_quality import extract_to_file

STAKE = re.compile(r"\bstake\b|\bpct of\b|securities and exchange commission", re.IGNORECASE)
SOUGHT = re.compile(
    r"offer|bid|propos|talks|negotiat|discuss|consider|study|plan|may |expect|would|"
    r"interest|battle|independent|prepared|pursue",
    re.IGNORECASE,
)
ENDED = re.compile(r"terminat|ended|withdr|reject|unable|overturn", re.IGNORECASE)
MERGER = re.compile(r"\bmerge\b|\bmerger\b", re.IGNORECASE)
DESCRIPTION = re.compile(r"^(?:[Aa]n?\s|\d|[a-z])")  # "a private firm", "An investor group"


def story_kind(story: dict[str, Any]) -> str:
    status = " ".join(fill[0] for fill in story["slots"].get("STATUS", []))
    opening = " ".join(story["text"].split()[:60])
    if STAKE.search(opening) and (not status or "stake" in status or "holding" in status):
        return "stake"
    if ENDED.search(status):
        return "ended"
    if SOUGHT.search(status):
        return "sought"
    if MERGER.search(status) or MERGER.search(" ".join(opening.split()[:30])):
        return "merger"
    return "agreed or completed" if status else "no status"


def _canonical(text: str) -> str:
    return " ".join(text.split()).casefold()


def fill_cause(fill: list[str], end: str, result: Any, floor: float) -> str:
    """``found`` where an acquisition at ``floor`` or above puts an actor named ``fill`` (its
    alternative strings) at ``end`` ("source" for PURCHASER), else why not; ``result`` is the
    extraction without a floor."""
    keys = {_canonical(alternative) for alternative in fill}
    named = [a for a in result.actors if _canonical(a.name) in keys]
    if not named and DESCRIPTION.match(fill[0]):
        return "description"
    if not named:
        known = [a for a in result.actors if keys & {_canonical(n) for n in a.aliases}]
        return "other name" if known else "no actor"
    actor = named[0]
    if actor.type == "person":
        return "person"
    other = "target" if end == "source" else "source"
    records = [
        r
        for r in result.relationships
        if actor.ref in (r.source, r.target) and r.type != "affiliation"
    ]
    acquisitions = [r for r in records if r.type == "acquisition"]
    in_slot = [r for r in acquisitions if getattr(r, end) == actor.ref]
    if in_slot:
        return "found" if any((r.confidence or 0.0) >= floor for r in in_slot) else "below floor"
    if any(getattr(r, other) == actor.ref for r in acquisitions):
        return "reversed"
    return "other type" if records else "no record"


def with_floor(result: Any, floor: float) -> Any:
    return replace(
        result,
        relationships=tuple(r for r in result.relationships if (r.confidence or 0.0) >= floor),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help=f"folder with yardsticks/ (default {DEFAULT_SHARED})",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="result JSON (default benchmarks/results/acquisition_misses-<time>.json)",
    )
    args = parser.parse_args()
    yardstick = require_shared(args.shared, "yardsticks", "corp_acquisitions", "dev.jsonl")

    from ie_nlp import Extractor
    from ie_nlp.evaluation import SLOTS, Counts, load_system, score_slot, system_fills
    from ie_nlp.settings import get_settings

    default_floor = get_settings().min_confidence
    extractor = Extractor.from_settings(get_settings().model_copy(update={"min_confidence": 0}))
    stories = read_jsonl(yardstick)
    with tempfile.TemporaryDirectory(prefix="ie-nlp-bench-") as tmp:
        output = Path(tmp) / "acq-dev.jsonl"
        run = extract_to_file(
            extractor, [{"id": s["id"], "text": s["text"]} for s in stories], output
        )
        system = load_system(output)

    floors = {"floor 0": 0.0, f"floor {default_floor}": default_floor}
    scores: dict[str, dict[str, Counts]] = {name: {} for name in floors}
    causes: Counter[tuple[str, str]] = Counter()
    kinds: Counter[str] = Counter()
    for story in stories:
        kind = story_kind(story)
        kinds[kind] += 1
        result = system[story["id"]]
        for name, floor in floors.items():
            fills = system_fills(with_floor(result, floor))
            for slot in SLOTS:
                counts = score_slot(fills[slot], story["slots"].get(slot, []))
                for key in (kind, "all"):
                    scores[name].setdefault(key, Counts()).add(counts)
        for slot, end in SLOTS.items():
            for fill in story["slots"].get(slot, []):
                causes[(kind, fill_cause(fill, end, result, default_floor))] += 1

    table: dict[str, Any] = {}
    print(f"{run['articles']} stories, {run['seconds']:.1f} s; default floor {default_floor}\n")
    print(
        f"{'kind of story':22s} {'stories':>7s} {'fills':>5s}  "
        + "  ".join(f"{n:>24s}" for n in floors)
    )
    for kind in [*sorted(kinds), "all"]:
        row = {name: scores[name][kind].as_dict() for name in floors}
        gold = row["floor 0"]["tp"] + row["floor 0"]["fn"]
        stories_of_kind = kinds[kind] if kind != "all" else len(stories)
        table[kind] = {"stories": stories_of_kind, "fills": gold, **row}
        cells = "  ".join(
            f"P {c['precision']:.2f} R {c['recall']:.2f} F1 {c['f1']:.3f}" for c in row.values()
        )
        print(f"{kind:22s} {stories_of_kind:7d} {gold:5d}  {cells}")
    cause_names = sorted({cause for _, cause in causes})
    print("\ngold fills by cause at the default floor")
    print(f"{'kind of story':22s} " + " ".join(f"{c:>11s}" for c in cause_names))
    by_cause: dict[str, dict[str, int]] = {}
    for kind in [*sorted(kinds), "all"]:
        row_counts = {
            cause: sum(n for (k, c), n in causes.items() if c == cause and kind in (k, "all"))
            for cause in cause_names
        }
        by_cause[kind] = row_counts
        print(f"{kind:22s} " + " ".join(f"{row_counts[c]:11d}" for c in cause_names))
    path = write_result(
        "acquisition_misses",
        {"run": run, "default_floor": default_floor, "scores": table, "causes": by_cause},
        args.output,
    )
    print(f"\nresult written to {path}")


if __name__ == "__main__":
    main()
