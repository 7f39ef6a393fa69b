"""The ``ie-nlp`` command line: a thin layer over the library."""

from __future__ import annotations

import click

from ie_nlp._version import __version__
from ie_nlp.cli.evaluate import evaluate
from ie_nlp.cli.extract import extract
from ie_nlp.cli.gold import gold_articles
from ie_nlp.cli.graph import graph
from ie_nlp.cli.ingest import ingest
from ie_nlp.cli.report import report
from ie_nlp.cli.scrape import scrape
from ie_nlp.cli.serve import serve
from ie_nlp.cli.signals import signals
from ie_nlp.cli.train import train


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ie-nlp")
def cli() -> None:
    """Turn biopharma news into innovation-ecosystem signals: actors, capabilities and
    relationships (see CONTRACT.md for the record formats).

    \b
    Example:
      ie-nlp extract corpora/sample/articles.jsonl -o out/sample.jsonl
    """


for command in (extract, evaluate, gold_articles, train, serve, scrape, ingest):
    cli.add_command(command)

for ecosystem_command in (graph, signals, report):
    cli.add_command(ecosystem_command)
