"""``ie-nlp report``: the ecosystem as one self-contained HTML page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ie_nlp.cli.ecosystem_options import load_snapshot, store_options
from ie_nlp.cli.signals import PERIOD_OPTION, REGION_OPTION
from ie_nlp.graph.periods import PeriodUnit


@click.command()
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="HTML file to write."
)
@PERIOD_OPTION
@REGION_OPTION
@store_options
def report(
    output: Path,
    period: PeriodUnit,
    region: tuple[str, ...],
    database_url: str | None,
    since: datetime | None,
    until: datetime | None,
) -> None:
    """Write the network, deal and capability trends, top magnets and rising terms as one
    HTML page that needs no network (open it in any browser, mail it, archive it).

    \b
    Examples:
      ie-nlp report -o report.html
      ie-nlp report -o out/2024.html --period month --since 2024-01-01 --until 2024-12-31
    """
    from ie_nlp.graph.html_report import render_report
    from ie_nlp.graph.signals import compute_signals
    from ie_nlp.settings import get_settings

    settings = get_settings()
    snapshot = load_snapshot(database_url, since, until)
    result = compute_signals(
        snapshot,
        period,
        region=list(region) or settings.region,
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_report(snapshot, result), encoding="utf-8")
    click.echo(f"{output}: {len(snapshot.actors)} actors, {len(result.periods)} periods", err=True)
