"""``ie-nlp extract``: bulk extraction from the command line, on this machine or on Ray."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ie_nlp.errors import IENLPError

if TYPE_CHECKING:
    from ie_nlp.extraction.inputs import InputProblem


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    help="Where the results go: a .jsonl file (one result per line), or a folder, local or a "
    "URI such as s3://bucket/out/, of shards with a _manifest.json.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; ray: Ray Data on a Ray cluster "
    "(needs the ie-nlp[ray] extra).",
)
@click.option(
    "--address",
    default=None,
    help="Ray cluster to run on (host:port of its head); default RAY_ADDRESS, else a Ray "
    "started for this run on this machine.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 1024),
    default=None,
    help="Processes that each load the models once: local worker processes (default 1), or "
    "Ray actors (default one per CPU of the cluster).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "parquet"]),
    default="jsonl",
    show_default=True,
    help="Format of the shards when OUTPUT is a folder.",
)
@click.option(
    "--shard-size",
    type=click.IntRange(1),
    default=1000,
    show_default=True,
    help="Articles per shard when OUTPUT is a folder.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Finish an interrupted run: keep what OUTPUT already holds and extract only the "
    "articles whose id is not there yet.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Leave out relationships less likely than this (default: IE_MIN_CONFIDENCE).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar (default: on when stderr is a terminal).",
)
def extract(
    inputs: tuple[str, ...],
    output: str,
    engine: str,
    address: str | None,
    workers: int | None,
    output_format: str,
    shard_size: int,
    resume: bool,
    min_confidence: float | None,
    progress: bool | None,
) -> None:
    """Extract actors, capabilities and relationships from INPUT files.

    INPUT is a .jsonl corpus of input articles (CONTRACT.md), a .txt or .html file, or a
    folder of them; with --engine ray also a Parquet file (one article per row) and any URI
    pyarrow reads (s3://, gs://, file://). A malformed record is reported with its file and
    line and skipped; the rest is processed, and the exit status is 1 at the end if anything
    was skipped. A killed run is finished by the same command with --resume.

    \b
    Examples:
      ie-nlp extract corpora/sample/articles.jsonl -o out/sample.jsonl
      ie-nlp extract corpora/sample/pages/ -o out/pages.jsonl --workers 2
      ie-nlp extract corpora/sample/articles.jsonl -o out/sure.jsonl --min-confidence 0.7
      ie-nlp extract news/ -o out/shards/ --engine ray --address 10.0.0.5:6379 --resume
      ie-nlp extract s3://news/2026/ -o s3://news-ie/2026/ --engine ray --format parquet
    """
    # Imported here so that `ie-nlp --help` does not load spaCy, torch or Ray.
    from tqdm import tqdm

    from ie_nlp.settings import get_settings

    if engine == "local" and (address or any("://" in item for item in inputs)):
        raise click.UsageError("--address and URI inputs need --engine ray")
    settings = get_settings()
    if min_confidence is not None:
        settings = settings.model_copy(update={"min_confidence": min_confidence})
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit=" articles", disable=not show, file=sys.stderr)

    def report(problem: InputProblem) -> None:
        bar.write(f"error: {problem}", file=sys.stderr)

    try:
        if engine == "ray":
            try:
                from ie_nlp.extraction.ray_engine import extract_with_ray
            except ImportError as error:
                raise click.ClickException(
                    f"--engine ray needs the ray extra: pip install 'ie-nlp[ray]' ({error})"
                ) from error
            summary = extract_with_ray(
                list(inputs), output, workers, address, settings, report, bar.update,
                resume=resume, output_format=output_format, shard_records=shard_size,
            )  # fmt: skip
        else:
            from ie_nlp.extraction.bulk import extract_files

            paths = [Path(item) for item in inputs]
            summary = extract_files(
                paths, output, workers or 1, settings, report, bar.update,
                resume=resume, output_format=output_format, shard_records=shard_size,
            )  # fmt: skip
    except IENLPError as error:
        bar.close()
        raise click.ClickException(f"[{error.code}] {error.message}") from error
    bar.close()
    click.echo(f"{output}: {summary.line()}", err=True)
    if summary.problems:
        sys.exit(1)
