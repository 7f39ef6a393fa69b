"""ie_nlp.nlp.models.deal_classifier: one calibrated model per deal label."""

from __future__ import annotations

import numpy as np
import pytest

from ie_nlp.nlp.models.deal_classifier import DealClassifier


def _pairs() -> tuple[list[dict[str, float]], list[frozenset[str]]]:
    rng = np.random.default_rng(7)
    features = [
        {f"between={rng.integers(8)}": 1.0, f"path={rng.integers(5)}": 1.0, "gap": rng.random()}
        for _ in range(150)
    ]
    labels = [
        frozenset(
            label
            for label, says in (
                ("acquisition:fwd", "between=1" in pair or rng.random() < 0.1),
                ("licensing:rev", "path=3" in pair),
            )
            if says
        )
        for pair in features
    ]
    return features, labels


def test_the_probabilities_are_each_labels_calibrated_probabilities() -> None:
    features, labels = _pairs()
    model = DealClassifier.fit(features, None, labels, min_positives=5)
    assert set(model.models) == {"acquisition:fwd", "licensing:rev"}
    matrix = model.matrix(features, None)
    found = model.probabilities(features, None)
    for label, estimator in model.models.items():
        assert found[label] == pytest.approx(estimator.predict_proba(matrix)[:, 1], abs=1e-12)
    assert found["acquisition:fwd"].max() > 0.5 > found["acquisition:fwd"].min()


def test_a_label_model_replaced_in_place_is_read_anew() -> None:
    features, labels = _pairs()
    model = DealClassifier.fit(features, None, labels, min_positives=5)
    before = model.probabilities(features, None)
    model.models["acquisition:fwd"] = model.models["licensing:rev"]
    after = model.probabilities(features, None)
    assert after["acquisition:fwd"] == pytest.approx(before["licensing:rev"])
    assert model.probabilities([], None)["acquisition:fwd"].shape == (0,)
