"""``ie-nlp ingest``: extraction results into the ecosystem store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ie_nlp.errors import IENLPError

if TYPE_CHECKING:
    from ie_nlp.extraction.inputs import InputProblem


@click.command()
@click.argument("results", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--articles",
    "articles",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Input corpus (.jsonl or folder) the results were extracted from: titles, URLs, "
    "publication dates and texts are stored from it, matched on id. Repeatable.",
)
@click.option(
    "--database-url",
    default=None,
    metavar="URL",
    help="SQLAlchemy URL of the store (default IE_DATABASE_URL, a SQLite file under var/).",
)
@click.option(
    "--reresolve",
    is_flag=True,
    help="Afterwards recompute every canonical actor (e.g. after editing IE_ALIAS_FILE).",
)
def ingest(
    results: tuple[Path, ...], articles: tuple[Path, ...], database_url: str | None, reresolve: bool
) -> None:
    """Store RESULTS (``ie-nlp extract`` output, .jsonl) in the ecosystem store.

    Actors are resolved across articles and relationships aggregated. Ingesting an article
    again changes nothing; a changed result for a stored article id replaces its rows. A bad
    line is reported with its file and line and skipped; the exit status is then 1 at the end.
    With no RESULTS, --reresolve alone recomputes the actors of what is stored.

    \b
    Examples:
      ie-nlp ingest out/sample.jsonl --articles corpora/sample/articles.jsonl
      ie-nlp ingest --reresolve --database-url postgresql+psycopg://ie@localhost/ie
    """
    if not results and not reresolve:
        raise click.UsageError("give RESULTS files, or --reresolve")
    from ie_nlp.settings import get_settings
    from ie_nlp.store import Store
    from ie_nlp.store.bulk import ingest_files

    def report(problem: InputProblem) -> None:
        click.echo(f"error: {problem}", err=True)

    try:
        with Store.open(database_url, get_settings()) as store:
            summary = ingest_files(store, results, articles, on_problem=report)
            if results:
                click.echo(f"ingest: {summary.line()}", err=True)
            if reresolve:
                done = store.reresolve()
                click.echo(
                    f"reresolve: {done.actors} actors, {done.relationships} relationships, "
                    f"{done.reassigned} article actors reassigned",
                    err=True,
                )
    except IENLPError as error:
        raise click.ClickException(f"[{error.code}] {error.message}") from error
    if summary.problems:
        sys.exit(1)
