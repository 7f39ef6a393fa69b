"""``ie-nlp graph export``: the ecosystem network for Gephi, Cytoscape, spreadsheets or code."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ie_nlp.cli.ecosystem_options import load_snapshot, store_options
from ie_nlp.graph.exports import EXPORT_FORMATS, write_export
from ie_nlp.graph.network import build_graph


@click.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="graphml, gexf (1.3, with time spells for Gephi's timeline), csv or json "
    "(networkx node-link, edges under 'edges').",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="File to write; for csv a folder, which receives nodes.csv and edges.csv.",
)
@store_options
def export(
    export_format: str,
    output: Path,
    database_url: str | None,
    since: datetime | None,
    until: datetime | None,
) -> None:
    """Export actors (nodes, with stable ids) and their ties (edges) from the store.

    With --since/--until only what articles published in that range report is exported.

    \b
    Examples:
      ie-nlp graph export --format gexf -o out/ecosystem.gexf
      ie-nlp graph export --format csv -o out/csv/ --since 2024-01-01
    """
    network = build_graph(load_snapshot(database_url, since, until))
    for path in write_export(network, export_format, output):
        click.echo(str(path), err=True)
    click.echo(f"{network.number_of_nodes()} actors, {network.number_of_edges()} ties", err=True)
