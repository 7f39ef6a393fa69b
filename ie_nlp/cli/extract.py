"""``ie-nlp extract``: bulk extraction from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from ie_nlp.errors import IENLPError
from ie_nlp.extraction.bulk import extract_files
from ie_nlp.extraction.inputs import InputProblem
from ie_nlp.settings import get_settings


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="Where to write the results (JSON lines, one per article).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes; each loads the models once.",
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
    inputs: tuple[Path, ...],
    output: Path,
    workers: int,
    min_confidence: float | None,
    progress: bool | None,
) -> None:
    """Extract actors, capabilities and relationships from INPUT files.

    INPUT is a .jsonl corpus of input articles (CONTRACT.md), a .txt or .html file, or a
    folder of them. A malformed record is reported with its file and line and skipped; the
    rest is processed, and the exit status is 1 at the end if anything was skipped.

    \b
    Examples:
      ie-nlp extract corpora/sample/articles.jsonl -o out/sample.jsonl
      ie-nlp extract corpora/sample/pages/ -o out/pages.jsonl --workers 2
      ie-nlp extract corpora/sample/articles.jsonl -o out/sure.jsonl --min-confidence 0.7
    """
    settings = get_settings()
    if min_confidence is not None:
        settings = settings.model_copy(update={"min_confidence": min_confidence})
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit=" articles", disable=not show, file=sys.stderr)

    def report(problem: InputProblem) -> None:
        bar.write(f"error: {problem}", file=sys.stderr)

    try:
        summary = extract_files(
            list(inputs),
            output,
            workers=workers,
            settings=settings,
            on_problem=report,
            on_article=bar.update,
        )
    except IENLPError as error:
        bar.close()
        raise click.ClickException(f"[{error.code}] {error.message}") from error
    bar.close()
    click.echo(f"{output}: {summary.line()}", err=True)
    if summary.problems:
        sys.exit(1)
