"""The ``ie-nlp`` command line: a thin layer over the library."""

from __future__ import annotations

import click

from ie_nlp._version import __version__
from ie_nlp.cli.lazy_group import LazyGroup

# Command modules are imported on demand so that `ie-nlp --help` and each command start without
# loading what the other commands need (spaCy, torch, SQLAlchemy, FastAPI).
COMMANDS = {
    "evaluate": "ie_nlp.cli.evaluate:evaluate",
    "extract": "ie_nlp.cli.extract:extract",
    "gold-articles": "ie_nlp.cli.gold:gold_articles",
    "graph": "ie_nlp.cli.graph:graph",
    "ingest": "ie_nlp.cli.ingest:ingest",
    "report": "ie_nlp.cli.report:report",
    "scrape": "ie_nlp.cli.scrape:scrape",
    "serve": "ie_nlp.cli.serve:serve",
    "signals": "ie_nlp.cli.signals:signals",
    "train": "ie_nlp.cli.train:train",
}


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="ie-nlp")
def cli() -> None:
    """Turn biopharma news into innovation-ecosystem signals: actors, capabilities and
    relationships (see CONTRACT.md for the record formats).

    \b
    Example:
      ie-nlp extract corpora/sample/articles.jsonl -o out/sample.jsonl
    """
