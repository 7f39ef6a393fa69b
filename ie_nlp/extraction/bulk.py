"""Bulk extraction: input files in, one result line per article out, streaming in bounded
windows so memory stays flat however large the corpus; optional worker processes."""

from __future__ import annotations

import json
import multiprocessing
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ie_nlp.errors import IENLPError
from ie_nlp.extraction.extractor import Extractor
from ie_nlp.extraction.inputs import InputProblem, InputRecord, expand_inputs, read_inputs
from ie_nlp.schema import ExtractionResult
from ie_nlp.settings import Settings, get_settings

WINDOW_PER_WORKER = 16


@dataclass
class BatchSummary:
    articles: int = 0
    words: int = 0
    actors: int = 0
    capabilities: int = 0
    relationships: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.words / self.seconds if self.seconds else 0.0
        return (
            f"{self.articles} articles, {self.actors} actors, {self.capabilities} capabilities, "
            f"{self.relationships} relationships, {len(self.problems)} errors, "
            f"{self.seconds:.1f} s ({rate:,.0f} words/s)"
        )


_worker: Extractor | None = None


def _start_worker(settings: Settings) -> None:
    global _worker
    _worker = Extractor.from_settings(settings)


def _extract_window(records: list[InputRecord]) -> list[ExtractionResult | InputProblem]:
    assert _worker is not None
    return _extract_with(_worker, records)


def _extract_with(
    extractor: Extractor, records: list[InputRecord]
) -> list[ExtractionResult | InputProblem]:
    """Results in order; an article the extractor refuses becomes a problem, not a crash."""
    try:
        return list(extractor.extract_many([r.article for r in records]))
    except IENLPError:
        outcomes: list[ExtractionResult | InputProblem] = []
        for record in records:
            try:
                outcomes.append(extractor.extract(record.article))
            except IENLPError as error:
                outcomes.append(InputProblem(record.path, record.line, error.code, error.message))
        return outcomes


def _windows(
    stream: Iterator[InputRecord | InputProblem],
    size: int,
    on_problem: Callable[[InputProblem], None],
) -> Iterator[list[InputRecord]]:
    window: list[InputRecord] = []
    for item in stream:
        if isinstance(item, InputProblem):
            on_problem(item)
            continue
        window.append(item)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


def extract_files(
    inputs: list[Path],
    output: Path,
    workers: int = 1,
    settings: Settings | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_article: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Extracts every article of ``inputs`` into ``output`` (JSON lines, input order)."""
    settings = settings or get_settings()
    summary = BatchSummary()
    started = time.perf_counter()

    def problem(item: InputProblem) -> None:
        summary.problems.append(item)
        if on_problem:
            on_problem(item)

    files = expand_inputs(inputs)  # a wrong path fails here, before the output is touched
    output.parent.mkdir(parents=True, exist_ok=True)
    size = WINDOW_PER_WORKER * max(workers, 1)
    windows = _windows(read_inputs(files), size, problem)
    with output.open("w", encoding="utf-8") as sink:
        if workers <= 1:
            extractor = Extractor.from_settings(settings)
            for window in windows:
                _write(sink, window, _extract_with(extractor, window), summary, problem, on_article)
        else:
            context = multiprocessing.get_context("spawn")
            with context.Pool(workers, initializer=_start_worker, initargs=(settings,)) as pool:
                for window in windows:
                    chunks = [
                        window[i : i + WINDOW_PER_WORKER]
                        for i in range(0, len(window), WINDOW_PER_WORKER)
                    ]
                    outcomes = [o for chunk in pool.map(_extract_window, chunks) for o in chunk]
                    _write(sink, window, outcomes, summary, problem, on_article)
    summary.seconds = time.perf_counter() - started
    return summary


def _write(
    sink: IO[str],
    window: list[InputRecord],
    outcomes: list[ExtractionResult | InputProblem],
    summary: BatchSummary,
    problem: Callable[[InputProblem], None],
    on_article: Callable[[int], None] | None,
) -> None:
    for record, outcome in zip(window, outcomes, strict=True):
        if isinstance(outcome, InputProblem):
            problem(outcome)
            continue
        sink.write(json.dumps(outcome.as_record(), ensure_ascii=False) + "\n")
        summary.articles += 1
        summary.words += len((record.article.text or outcome.text or "").split())
        summary.actors += len(outcome.actors)
        summary.capabilities += len(outcome.capabilities)
        summary.relationships += len(outcome.relationships)
        if on_article:
            on_article(1)
