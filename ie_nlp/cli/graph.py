"""``ie-nlp graph``: commands over the ecosystem network (``graph export``)."""

from __future__ import annotations

import click

from ie_nlp.cli.lazy_group import LazyGroup


# `export` declares its formats from ie_nlp.graph.exports, which imports networkx; loading it
# only when a graph subcommand is looked up keeps `ie-nlp --help` fast.
@click.group(cls=LazyGroup, lazy_commands={"export": "ie_nlp.cli.graph_export:export"})
def graph() -> None:
    """The ecosystem network built from the store."""
