"""``ie-nlp evaluate``: score extraction results against a gold file."""

from __future__ import annotations

from pathlib import Path

import click

from ie_nlp.errors import IENLPError


@click.command()
@click.argument("gold", nargs=1, type=click.Path(exists=True, path_type=Path))
@click.argument("system", nargs=1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the JSON report to this file.",
)
def evaluate(gold: Path, system: Path, as_json: bool, output: Path | None) -> None:
    """Score SYSTEM (extraction results, .jsonl) against GOLD and print precision, recall and F1.

    GOLD is a gold .jsonl file, or a folder of them: CONTRACT.md gold annotations (with `text`
    or referring to the shared corpora by `source_file`) are scored on actors, typed actors,
    capabilities and relationships, overall and per type (micro-averaged). A file whose records
    have `slots` (the Reuters corp_acquisitions keys) is scored on PURCHASER and ACQUIRED, read
    from the system's `acquisition` relationships.

    \b
    Examples:
      ie-nlp gold-articles corpora/gold/dev.jsonl -o out/dev-articles.jsonl
      ie-nlp extract out/dev-articles.jsonl -o out/dev.jsonl
      ie-nlp evaluate corpora/gold/dev.jsonl out/dev.jsonl -o out/dev-report.json
      ie-nlp evaluate ../shared/yardsticks/corp_acquisitions/dev.jsonl out/acq.jsonl --json
    """
    from ie_nlp.evaluation import evaluate_files, report_json, write_report

    try:
        report = evaluate_files(gold, system)
    except IENLPError as error:
        raise click.ClickException(f"{error.message} [{error.code}]") from error
    click.echo(report_json(report) if as_json else report.format_table(), nl=False)
    if output is not None:
        write_report(report, output)
        if not as_json:
            click.echo(f"report written to {output}")
