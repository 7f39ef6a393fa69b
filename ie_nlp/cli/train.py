"""``ie-nlp train``: rebuild the trained parts in ``models/``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ie_nlp.errors import IENLPError
from ie_nlp.settings import REPO_DIR, get_settings


@click.command()
@click.option(
    "--gold",
    "gold_dir",
    default=REPO_DIR / "corpora" / "gold",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder with train.jsonl and dev.jsonl gold annotations.",
)
@click.option(
    "--models",
    "models_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the models (default: IE_MODELS_DIR, i.e. models/).",
)
def train(gold_dir: Path, models_dir: Path | None) -> None:
    """Train the actor-type classifier and the relationship scorer from gold annotations,
    save them with metadata sidecars, and print the pipeline's dev-set scores.

    Gold records that refer to ../shared/corpora by id need that folder
    (IE_SHARED_CORPORA_DIR).

    \b
    Example:
      ie-nlp train --gold corpora/gold --models models/
    """
    from ie_nlp.learn.train import train as run_training

    settings = get_settings()
    if models_dir is not None:
        settings = settings.model_copy(update={"models_dir": models_dir})
    try:
        scores = run_training(settings, gold_dir)
    except IENLPError as error:
        raise click.ClickException(f"[{error.code}] {error.message}") from error
    click.echo(json.dumps(scores, indent=2))
