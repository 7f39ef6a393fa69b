"""Bulk extraction on a Ray cluster (``ie-nlp extract --engine ray``), with Ray Data.

The driver lists the input files (``sources``) and opens the output (``outputs``); the cluster
reads each file in a task (a bad record becomes a problem row with its file and line) and
extracts in a pool of actors that each load the pipeline once (``map_batches`` with a callable
class); the driver streams the results back and commits them to the output, so a killed job
leaves only complete shards or lines, and ``resume`` skips the ids already there. The output's
order is the order results arrive in, not the input order. Needs the ``ie-nlp[ray]`` extra."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import asdict
from typing import Any

import pyarrow as pa
import ray

from ie_nlp.extraction.bulk import (
    WINDOW_PER_WORKER,
    BatchSummary,
    Written,
    commit,
    extract_window,
    result_line,
    tally,
)
from ie_nlp.extraction.inputs import InputProblem, InputRecord
from ie_nlp.extraction.outputs import open_sink
from ie_nlp.extraction.sources import list_sources, read_source
from ie_nlp.schema import InputArticle
from ie_nlp.settings import Settings, get_settings

# One read block is one actor call, and an actor call's results reach the driver together:
# a window's worth keeps the actors evenly loaded to the end and the work lost to a kill small.
READ_BLOCK_ROWS = WINDOW_PER_WORKER
# Ray Data joins what a task yields into blocks of up to 128 MiB by default, so a read task
# sent a whole file to one actor call, and the driver got nothing until that call finished.
# Below a window's size (16 articles are ~0.1 MB in, ~0.3 MB out), nothing a task yields waits
# for what it yields next: results reach the output window by window, in a few blocks each.
BLOCK_BYTES = 64 * 1024
_PROBLEM_FIELDS = [
    ("path", pa.string()),
    ("line", pa.int64()),
    ("code", pa.string()),
    ("message", pa.string()),
]
READ_SCHEMA = pa.schema([*_PROBLEM_FIELDS, ("article", pa.string())])
RESULT_SCHEMA = pa.schema(
    [
        *_PROBLEM_FIELDS,
        ("id", pa.string()),
        ("result", pa.string()),
        *((name, pa.int64()) for name in ("words", "actors", "capabilities", "relationships")),
    ]
)


def plan_actors(node_cpus: list[float], workers: int | None) -> tuple[int, int]:
    """``(actors, threads per actor)``: ``workers`` actors (default one per CPU, at most one per
    CPU), each given an equal share of the cluster's CPUs, but never more than the largest node
    has, or the actor could not be placed."""
    total = max(1, int(sum(node_cpus)))
    largest = max(1, int(max(node_cpus, default=1)))
    actors = max(1, min(workers or total, total))
    return actors, max(1, min(total // actors, largest))


def read_batch(batch: pa.Table, done: tuple[Any, ...] = ()) -> Iterator[pa.Table]:
    """A read task: the records of each source in ``batch`` whose id is not in the set that
    ``done`` holds a reference to (an earlier run wrote them), as blocks of rows."""
    skip: Collection[str] = ray.get(done[0]) if done else ()
    rows: list[dict[str, Any]] = []
    for source in batch.column("source").to_pylist():
        for item in read_source(source):
            if isinstance(item, InputProblem):
                rows.append(asdict(item))
            elif item.article.id not in skip:
                article = item.article.model_dump_json(exclude_none=True)
                rows.append({"path": item.path, "line": item.line, "article": article})
            if len(rows) >= READ_BLOCK_ROWS:
                yield pa.Table.from_pylist(rows, schema=READ_SCHEMA)
                rows = []
    if rows:
        yield pa.Table.from_pylist(rows, schema=READ_SCHEMA)


class ExtractActor:
    """One pipeline per actor, loaded when the actor starts; problem rows pass through."""

    def __init__(self, settings: Settings) -> None:
        from ie_nlp.extraction.extractor import Extractor  # here: the driver never loads spaCy

        self.extractor = Extractor.from_settings(settings)

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = batch.to_pylist()
        out = [row for row in rows if row["code"] is not None]
        records = [
            InputRecord(row["path"], row["line"], InputArticle.model_validate_json(row["article"]))
            for row in rows
            if row["code"] is None
        ]
        for record, outcome in zip(records, extract_window(self.extractor, records), strict=True):
            if isinstance(outcome, InputProblem):
                out.append(asdict(outcome))
                continue
            words, actors, capabilities, relationships = tally(record, outcome)
            out.append(
                {
                    "path": record.path,
                    "line": record.line,
                    "id": outcome.id,
                    "result": result_line(outcome),
                    "words": words,
                    "actors": actors,
                    "capabilities": capabilities,
                    "relationships": relationships,
                }
            )
        return pa.Table.from_pylist(out, schema=RESULT_SCHEMA)


def extract_with_ray(
    inputs: list[str],
    output: str,
    workers: int | None = None,
    address: str | None = None,
    settings: Settings | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_article: Callable[[int], None] | None = None,
    *,
    resume: bool = False,
    output_format: str = "jsonl",
    shard_records: int = 0,
) -> BatchSummary:
    """``bulk.extract_files`` on the Ray cluster at ``address`` (default: ``RAY_ADDRESS``, else
    a Ray started for this run on this machine; an already connected driver is used as is)."""
    settings = settings or get_settings()
    summary = BatchSummary(on_problem=on_problem)
    started = time.perf_counter()
    sources = list_sources(inputs)  # a wrong path fails here, before the output is touched
    sink = open_sink(output, output_format, resume, shard_records)
    summary.already_done = len(sink.done)
    connected_here = not ray.is_initialized()
    if connected_here:
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 logging_level=logging.WARNING)  # fmt: skip

    try:
        for batch in _results(sources, sink.done, settings, workers) if sources else ():
            commit(sink, map(_written, batch.to_pylist()), summary, on_article)
    finally:
        if connected_here:
            ray.shutdown()
    sink.close(summary.problems)
    summary.seconds = time.perf_counter() - started
    return summary


def _written(row: dict[str, Any]) -> Written | InputProblem:
    if row["code"] is not None:
        return InputProblem(row["path"], row["line"], row["code"], row["message"])
    counts = (row["words"], row["actors"], row["capabilities"], row["relationships"])
    return row["id"], row["result"], counts


def _results(
    sources: list[str], done: set[str], settings: Settings, workers: int | None
) -> Iterator[pa.Table]:
    """The job: read tasks, then the actor pool; result and problem rows as they come."""
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.target_max_block_size = BLOCK_BYTES
    cpus = [node["Resources"].get("CPU", 0.0) for node in ray.nodes() if node["Alive"]]
    actors, threads = plan_actors(cpus, workers)
    # The ids go to the object store once; the tuple keeps Ray from resolving the reference
    # into a copy of the set for every read task.
    skip = (ray.put(frozenset(done)),) if done else ()
    dataset = (
        ray.data.from_items([{"source": s} for s in sources], override_num_blocks=len(sources))
        .map_batches(read_batch, batch_size=1, batch_format="pyarrow",
                     fn_kwargs={"done": skip}, num_cpus=0)  # light: never waits for the actors
        .map_batches(ExtractActor, batch_size=WINDOW_PER_WORKER, batch_format="pyarrow",
                     fn_constructor_kwargs={
                         "settings": settings.model_copy(update={"torch_threads": threads})},
                     compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=threads)
    )  # fmt: skip
    for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
        assert isinstance(batch, pa.Table)
        yield batch
