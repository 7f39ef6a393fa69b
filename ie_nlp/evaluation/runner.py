"""``evaluate_files``: score a system output file against a gold file, whatever kind of gold it is.

A gold file whose records have ``slots`` is a corporate-acquisitions answer key and is scored by
``yardstick.evaluate_slots``; any other gold file (CONTRACT.md § Gold annotation, with or without
text) by ``scoring.evaluate``. Folders stand for the ``*.jsonl`` files in them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ie_nlp.errors import GoldFormatError
from ie_nlp.evaluation.gold import expand_gold_paths, load_gold_files
from ie_nlp.evaluation.records import load_system
from ie_nlp.evaluation.score_table import Report
from ie_nlp.evaluation.scoring import evaluate
from ie_nlp.evaluation.yardstick import evaluate_slots, is_slot_gold, load_slot_gold

__all__ = ["evaluate_files"]


def evaluate_files(gold: Path | str | Sequence[Path | str], system: Path | str) -> Report:
    """The report of ``system`` (JSONL extraction results) against ``gold`` (file(s)/folder).

    Raises ``GoldFormatError`` on a malformed line (message with file and line number) and
    ``InputFileError`` on a missing file.
    """
    paths = expand_gold_paths([gold] if isinstance(gold, str | Path) else gold)
    kinds = {path: is_slot_gold(path) for path in paths}
    if any(kinds.values()) and not all(kinds.values()):
        slot_files = ", ".join(str(path) for path, slots in kinds.items() if slots)
        raise GoldFormatError(
            f"cannot mix slot answer keys ({slot_files}) with annotation gold in one evaluation"
        )
    results = load_system(system)
    if paths and all(kinds.values()):
        keys = [key for path in paths for key in load_slot_gold(path)]
        return evaluate_slots(keys, results)
    return evaluate(load_gold_files(paths), results)
