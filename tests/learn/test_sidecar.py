"""ie_nlp.nlp.models.sidecar: trained estimators saved next to a JSON sidecar that says what they
are, and refused with a clear error when they cannot be used."""

from __future__ import annotations

import json
from pathlib import Path

import joblib
import pytest
import sklearn
from sklearn.linear_model import LogisticRegression

from ie_nlp import __version__
from ie_nlp.errors import ModelLoadError
from ie_nlp.nlp.models.sidecar import data_hash, load_estimator, save_estimator

PIPELINE_DIR = Path(__file__).resolve().parents[2] / "models" / "pipeline"


@pytest.fixture
def estimator() -> LogisticRegression:
    return LogisticRegression().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])


def test_save_then_load_round_trips(tmp_path: Path, estimator: LogisticRegression) -> None:
    path = tmp_path / "models" / "tiny.joblib"
    save_estimator(estimator, path, {"labels": [0, 1], "examples": 4})
    loaded, metadata = load_estimator(path)
    assert list(loaded.predict([[0.0], [3.0]])) == [0, 1]
    assert metadata["labels"] == [0, 1]
    assert metadata["examples"] == 4


def test_the_sidecar_says_what_the_model_is(tmp_path: Path, estimator: LogisticRegression) -> None:
    path = tmp_path / "tiny.joblib"
    save_estimator(estimator, path, {"training_data_sha256": "abc"})
    sidecar = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["file"] == "tiny.joblib"
    assert sidecar["versions"]["ie_nlp"] == __version__
    assert sidecar["versions"]["scikit_learn"] == sklearn.__version__
    assert {"spacy", "python"} <= set(sidecar["versions"])
    assert sidecar["created"]
    assert sidecar["training_data_sha256"] == "abc"


def test_a_missing_sidecar_is_a_model_load_error(
    tmp_path: Path, estimator: LogisticRegression
) -> None:
    path = tmp_path / "bare.joblib"
    joblib.dump(estimator, path)
    with pytest.raises(ModelLoadError) as raised:
        load_estimator(path)
    assert raised.value.code == "model_unavailable"
    assert str(path) in raised.value.message


def test_a_missing_model_is_a_model_load_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError):
        load_estimator(tmp_path / "absent.joblib")


def test_a_corrupt_sidecar_is_a_model_load_error(
    tmp_path: Path, estimator: LogisticRegression
) -> None:
    path = tmp_path / "tiny.joblib"
    save_estimator(estimator, path, {})
    path.with_suffix(".json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelLoadError):
        load_estimator(path)


def test_another_scikit_learn_minor_version_is_refused(
    tmp_path: Path, estimator: LogisticRegression
) -> None:
    path = tmp_path / "tiny.joblib"
    save_estimator(estimator, path, {})
    sidecar_path = path.with_suffix(".json")
    sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
    sidecar["versions"]["scikit_learn"] = "0.1.0"
    sidecar_path.write_text(json.dumps(sidecar), encoding="utf-8")
    with pytest.raises(ModelLoadError, match="ie-nlp train"):
        load_estimator(path)


def test_data_hash_depends_on_content_and_order() -> None:
    lines = ['{"id": "a"}', '{"id": "b"}']
    assert data_hash(lines) == data_hash(list(lines))
    assert data_hash(lines) != data_hash(list(reversed(lines)))
    assert len(data_hash([])) == 64


@pytest.mark.parametrize(
    "name",
    [
        "ie_actors/actor_type_model.joblib",
        "ie_actors/actor_filter_model.joblib",
        "ie_relations/relation_scorer.joblib",
        "ie_relations/deal_classifier.joblib",
        "ie_relations/deal_status.joblib",
    ],
)
def test_the_shipped_models_load_with_this_scikit_learn(name: str) -> None:
    path = PIPELINE_DIR / name
    estimator, metadata = load_estimator(path)
    assert estimator is not None
    assert metadata["file"] == path.name
    assert len(metadata["training_data_sha256"]) == 64 and "dev_scores" in metadata
