"""``ie-nlp gold-articles``: the input articles that gold records were annotated on."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ie_nlp.errors import IENLPError


@click.command("gold-articles")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write the articles (.jsonl, one input article a line).",
)
@click.option(
    "--corpora",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the shared corpora that gold records without text refer to "
    "[default: IE_SHARED_CORPORA_DIR, else <repo>/../shared/corpora].",
)
def gold_articles(gold: tuple[Path, ...], output: Path, corpora: Path | None) -> None:
    """Write the CONTRACT.md input articles (id, text, title, published, source) of the GOLD
    records (.jsonl files or folders of them), so that `ie-nlp extract` can run on them.

    Records without text get it from the shared corpora: the article with the record's id in
    <corpora>/<source_file>, cut to `text_length` characters.

    \b
    Example:
      ie-nlp gold-articles corpora/gold/*.jsonl -o out/gold-articles.jsonl
      ie-nlp extract out/gold-articles.jsonl -o out/gold-system.jsonl
    """
    from ie_nlp.evaluation import gold_articles as build_articles
    from ie_nlp.evaluation import load_gold_files

    try:
        articles = build_articles(load_gold_files(gold), corpora)
    except IENLPError as error:
        raise click.ClickException(f"{error.message} [{error.code}]") from error
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    click.echo(f"{len(articles)} articles written to {output}")
