"""Plain-text and JSON rendering shared by the evaluation reports."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from ie_nlp.evaluation.metrics import Counts

__all__ = ["Report", "articles_line", "render_table", "report_json", "write_report"]

_HEADER = ("P", "R", "F1", "TP", "FP", "FN")


class Report(Protocol):
    """What ``ie-nlp evaluate`` prints: both report kinds have these two methods."""

    def as_dict(self) -> dict[str, Any]: ...

    def format_table(self) -> str: ...


def render_table(title: str, rows: Iterable[tuple[str, Counts]]) -> str:
    """A fixed-width table: one row per label with P, R, F1 and the counts behind them."""
    rows = list(rows)
    width = max([len(title), *(len(label) for label, _ in rows)]) + 2
    lines = [f"{title:<{width}}" + "".join(f"{h:>8}" for h in _HEADER)]
    if not rows:
        lines.append("  (none in gold or system)")
    for label, counts in rows:
        lines.append(
            f"{label:<{width}}"
            f"{counts.precision:>8.3f}{counts.recall:>8.3f}{counts.f1:>8.3f}"
            f"{counts.tp:>8d}{counts.fp:>8d}{counts.fn:>8d}"
        )
    return "\n".join(lines)


def articles_line(gold: int, missing_in_system: int, not_in_gold: int) -> str:
    """How many articles were scored, and what was left out of or added to the comparison."""
    line = f"articles: {gold} in gold"
    line += f", {missing_in_system} missing from the system output (scored as all misses)"
    line += f", {not_in_gold} system records not in the gold (ignored)"
    return line


def report_json(report: Report) -> str:
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n"


def write_report(report: Report, path: Path | str) -> None:
    """Write the report's JSON to ``path`` (parent folders are created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report_json(report), encoding="utf-8")
