"""``ie-nlp signals``: ecosystem signals per month, quarter or year, as JSON."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ie_nlp.cli.ecosystem_options import load_snapshot, store_options
from ie_nlp.graph.periods import PERIOD_UNITS, PeriodUnit

PERIOD_OPTION = click.option(
    "--period",
    type=click.Choice(PERIOD_UNITS),
    default="quarter",
    show_default=True,
    help="Length of the periods the signals are counted in.",
)
REGION_OPTION = click.option(
    "--region",
    "region",
    multiple=True,
    metavar="NAME",
    help="A place name of the 'local' region; repeat for several [default: IE_REGION].",
)


@click.command()
@PERIOD_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="JSON file to write [default: standard output].",
)
@REGION_OPTION
@store_options
def signals(
    period: PeriodUnit,
    output: Path | None,
    region: tuple[str, ...],
    database_url: str | None,
    since: datetime | None,
    until: datetime | None,
) -> None:
    """Deals, entrants, capabilities, central actors, magnets, local/external partner share
    and rising terms per period (docs/ecosystem.md defines each).

    \b
    Examples:
      ie-nlp signals --period quarter -o out/signals.json
      ie-nlp signals --period year --region Basel --region Switzerland
    """
    from ie_nlp.graph.signals import compute_signals
    from ie_nlp.settings import get_settings

    settings = get_settings()
    result = compute_signals(
        load_snapshot(database_url, since, until),
        period,
        region=list(region) or settings.region,
    )
    text = result.model_dump_json(indent=2)
    if output is None:
        click.echo(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text + "\n", encoding="utf-8")
        click.echo(f"{output}: {len(result.periods)} periods", err=True)
