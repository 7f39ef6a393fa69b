"""Bulk extraction on this machine: input files in, one result per article out (a JSON-lines
file or a shard folder, ``outputs``), streaming in bounded windows so memory stays flat however
large the corpus; optional worker processes. With ``resume`` the articles an interrupted run
already wrote are skipped. ``ray_engine`` runs the same steps on a Ray cluster."""

from __future__ import annotations

import json
import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import TYPE_CHECKING

from ie_nlp.errors import ErrorCode, IENLPError
from ie_nlp.extraction.inputs import InputProblem, InputRecord, expand_inputs, read_inputs
from ie_nlp.extraction.outputs import ResultSink, open_sink
from ie_nlp.schema import ExtractionResult
from ie_nlp.settings import Settings, get_settings

if TYPE_CHECKING:  # imported where a process extracts: spaCy and torch take seconds to load
    from ie_nlp.extraction.extractor import Extractor

logger = logging.getLogger(__name__)

WINDOW_PER_WORKER = 16
IN_FLIGHT_PER_WORKER = 2

Outcome = ExtractionResult | InputProblem


@dataclass
class BatchSummary:
    articles: int = 0
    words: int = 0
    actors: int = 0
    capabilities: int = 0
    relationships: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    seconds: float = 0.0
    already_done: int = 0  # articles an earlier run had written (``resume``), not redone
    on_problem: Callable[[InputProblem], None] | None = None

    def problem(self, item: InputProblem) -> None:
        """A record skipped: kept for the manifest and the exit status, and reported now."""
        self.problems.append(item)
        if self.on_problem:
            self.on_problem(item)

    def add(self, counts: tuple[int, int, int, int]) -> None:
        """One more article: its ``tally``."""
        self.articles += 1
        self.words += counts[0]
        self.actors += counts[1]
        self.capabilities += counts[2]
        self.relationships += counts[3]

    def line(self) -> str:
        rate = self.words / self.seconds if self.seconds else 0.0
        line = (
            f"{self.articles} articles, {self.actors} actors, {self.capabilities} capabilities, "
            f"{self.relationships} relationships, {len(self.problems)} errors, "
            f"{self.seconds:.1f} s ({rate:,.0f} words/s)"
        )
        return f"{line}; {self.already_done} already in the output" if self.already_done else line


def tally(record: InputRecord, result: ExtractionResult) -> tuple[int, int, int, int]:
    """Words, actors, capabilities and relationships of one article, for the summary."""
    words = len((record.article.text or result.text or "").split())
    return words, len(result.actors), len(result.capabilities), len(result.relationships)


def result_line(result: ExtractionResult) -> str:
    return json.dumps(result.as_record(), ensure_ascii=False)


_worker: Extractor | None = None


def _start_worker(settings: Settings) -> None:
    from ie_nlp.extraction.extractor import Extractor

    global _worker
    _worker = Extractor.from_settings(settings)


def _extract_window(records: list[InputRecord]) -> list[Outcome]:
    assert _worker is not None
    return extract_window(_worker, records)


def extract_window(extractor: Extractor, records: list[InputRecord]) -> list[Outcome]:
    """Results in order; an article the extractor refuses becomes a problem, not a crash. One
    that breaks it unexpectedly is logged and reported as ``internal_error``: in a run over
    millions of articles one bad input must not cost the rest."""
    try:
        return list(extractor.extract_many([r.article for r in records]))
    except Exception:
        outcomes: list[Outcome] = []
        for record in records:
            try:
                outcomes.append(extractor.extract(record.article))
            except IENLPError as error:
                outcomes.append(InputProblem(record.path, record.line, error.code, error.message))
            except Exception as error:
                logger.exception("extraction failed for %s:%s", record.path, record.line)
                message = f"extraction failed ({type(error).__name__}); the error is logged"
                outcomes.append(
                    InputProblem(record.path, record.line, ErrorCode.INTERNAL_ERROR, message)
                )
        return outcomes


def _windows(
    stream: Iterator[InputRecord | InputProblem],
    size: int,
    on_problem: Callable[[InputProblem], None],
    done: Container[str],
) -> Iterator[list[InputRecord]]:
    window: list[InputRecord] = []
    for item in stream:
        if isinstance(item, InputProblem):
            on_problem(item)
            continue
        if item.article.id in done:
            continue
        window.append(item)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


def extract_files(
    inputs: list[Path],
    output: Path | str,
    workers: int = 1,
    settings: Settings | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_article: Callable[[int], None] | None = None,
    *,
    resume: bool = False,
    output_format: str = "jsonl",
    shard_records: int = 0,
) -> BatchSummary:
    """Extracts every article of ``inputs`` into ``output`` (``outputs.open_sink``: a ``.jsonl``
    file or a shard folder), in input order. With ``resume``, articles whose id is already in
    the output are skipped: a killed run finishes where it stopped."""
    settings = settings or get_settings()
    summary = BatchSummary(on_problem=on_problem)
    started = time.perf_counter()
    files = expand_inputs(inputs)  # a wrong path fails here, before the output is touched
    sink = open_sink(str(output), output_format, resume, shard_records)
    summary.already_done = len(sink.done)
    windows = _windows(read_inputs(files), WINDOW_PER_WORKER, summary.problem, sink.done)
    if workers <= 1:
        from ie_nlp.extraction.extractor import Extractor

        extractor = Extractor.from_settings(settings)
        for window in windows:
            _write(sink, window, extract_window(extractor, window), summary, on_article)
    else:
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers, initializer=_start_worker, initargs=(settings,)) as pool:
            # Each process keeps a second window queued, so none waits for a slower sibling's
            # window to finish (a barrier per window cost a third of two workers' throughput);
            # results are still written in input order, and at most IN_FLIGHT_PER_WORKER
            # windows per process are held.
            in_flight: deque[tuple[list[InputRecord], AsyncResult[list[Outcome]]]] = deque()
            for window in windows:
                in_flight.append((window, pool.apply_async(_extract_window, (window,))))
                if len(in_flight) >= IN_FLIGHT_PER_WORKER * workers:
                    done_window, outcomes = in_flight.popleft()
                    _write(sink, done_window, outcomes.get(), summary, on_article)
            for done_window, outcomes in in_flight:
                _write(sink, done_window, outcomes.get(), summary, on_article)
    sink.close(summary.problems)
    summary.seconds = time.perf_counter() - started
    return summary


# An article extracted, as the output holds it: its id, its JSON line, its ``tally``.
Written = tuple[str, str, tuple[int, int, int, int]]


def commit(
    sink: ResultSink,
    items: Iterable[Written | InputProblem],
    summary: BatchSummary,
    on_article: Callable[[int], None] | None,
) -> None:
    """Writes one window's results to ``sink`` together, counts them in ``summary`` and
    reports its problems: the one way both engines commit work."""
    lines: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, InputProblem):
            summary.problem(item)
            continue
        article_id, line, counts = item
        lines.append((article_id, line))
        summary.add(counts)
    sink.write(lines)
    if on_article and lines:
        on_article(len(lines))


def _write(
    sink: ResultSink,
    window: list[InputRecord],
    outcomes: list[Outcome],
    summary: BatchSummary,
    on_article: Callable[[int], None] | None,
) -> None:
    written = (
        outcome
        if isinstance(outcome, InputProblem)
        else (outcome.id, result_line(outcome), tally(record, outcome))
        for record, outcome in zip(window, outcomes, strict=True)
    )
    commit(sink, written, summary, on_article)
