"""Ingesting ``ie-nlp extract`` output files, with the input corpora for article metadata.

A bad line becomes an ``InputProblem`` with its file and line and the rest is still stored,
as ``ie-nlp extract`` does with its inputs; only a store failure stops the run.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ie_nlp.errors import ErrorCode, InvalidResultError
from ie_nlp.extraction.inputs import InputProblem, InputRecord, read_inputs
from ie_nlp.jsonl import LineError, read_json_lines
from ie_nlp.schema import InputArticle
from ie_nlp.store.store import Store
from ie_nlp.store.views import IngestReport


@dataclass
class IngestSummary:
    statuses: Counter[str] = field(default_factory=Counter)
    problems: int = 0
    without_article: int = 0  # results with no input article of their id (no date, no text)
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        articles = ", ".join(f"{self.statuses[s]} {s}" for s in ("new", "unchanged", "replaced"))
        parts = [
            f"articles: {articles}",
            f"{self.counts.get('actors', 0)} actors",
            f"{self.counts.get('relationships', 0)} relationships in the store",
            f"{self.problems} errors",
        ]
        if self.without_article:
            parts.append(f"{self.without_article} without an input article")
        return "; ".join(parts) + f"; {self.seconds:.1f} s"


def read_articles(
    paths: Iterable[Path], on_problem: Callable[[InputProblem], None]
) -> dict[str, InputArticle]:
    """The input articles of the corpora by id (a later file wins on a repeated id)."""
    articles: dict[str, InputArticle] = {}
    for item in read_inputs(list(paths)):
        if isinstance(item, InputRecord):
            articles[item.article.id] = item.article
        else:
            on_problem(item)
    return articles


def read_results(path: Path) -> Iterator[tuple[int, dict[str, Any] | InputProblem]]:
    """(line number, the JSON object or why the line is not one)."""
    try:
        for number, record in read_json_lines(path):
            if isinstance(record, LineError):
                code = (
                    ErrorCode.INVALID_RESULT
                    if record.code == ErrorCode.NOT_AN_OBJECT
                    else record.code
                )
                yield number, InputProblem(str(path), number, code, record.message)
            else:
                yield number, record
    except OSError as error:
        yield 0, InputProblem(str(path), None, ErrorCode.INPUT_UNREADABLE, str(error))


def ingest_files(
    store: Store,
    results: Iterable[Path],
    articles: Iterable[Path] = (),
    *,
    on_problem: Callable[[InputProblem], None] = lambda problem: None,
    on_article: Callable[[IngestReport], None] = lambda report: None,
) -> IngestSummary:
    """Store every result of the ``results`` files. A record that is no extraction result is
    reported and skipped; a failing store (``StoreError``) or alias file stops the run, with
    the articles stored before it kept."""
    started = time.perf_counter()
    summary = IngestSummary()

    def problem(item: InputProblem) -> None:
        summary.problems += 1
        on_problem(item)

    corpus = read_articles(articles, problem)
    for path in results:
        for number, record in read_results(path):
            if isinstance(record, InputProblem):
                problem(record)
                continue
            article = corpus.get(str(record.get("id")))
            try:
                report = store.ingest(record, article)
            except InvalidResultError as error:
                problem(InputProblem(str(path), number, error.code, error.message))
                continue
            summary.without_article += article is None and bool(corpus)
            summary.statuses[report.status] += 1
            on_article(report)
    summary.counts = store.counts()
    summary.seconds = time.perf_counter() - started
    return summary
