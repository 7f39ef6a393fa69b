"""ie_nlp.learn.deal_training: the threshold and calibration arithmetic the deal model's
sidecar reports, on hand-made numbers."""

from __future__ import annotations

import numpy as np
import pytest

from ie_nlp.learn.deal_training import best_threshold, calibration_error
from ie_nlp.nlp.models.deal_classifier import deal_label, split_label


def test_a_perfectly_calibrated_model_has_no_calibration_error() -> None:
    # in the 0.2 bin one of five is right, in the 0.8 bin four of five
    probabilities = [0.2] * 5 + [0.8] * 5
    outcomes = [1, 0, 0, 0, 0, 1, 1, 1, 1, 0]
    assert calibration_error(probabilities, outcomes) == pytest.approx(0.0)


def test_calibration_error_weights_each_bin_by_its_share() -> None:
    # 0.9 predicted, half right: gap 0.4 on half of the predictions; the 0.1 bin is exact
    probabilities = [0.9, 0.9, 0.1, 0.1] + [0.1] * 6
    outcomes = [1, 0, 1, 0] + [0] * 6
    # bin 0.1: 8 predictions, 1 right (0.125 vs 0.1); bin 0.9: 2 predictions, 1 right
    expected = 0.8 * abs(0.1 - 0.125) + 0.2 * abs(0.9 - 0.5)
    assert calibration_error(probabilities, outcomes) == pytest.approx(expected)
    assert calibration_error(probabilities, outcomes, floor=0.5) == pytest.approx(0.4)


def test_the_best_threshold_separates_the_classes() -> None:
    probabilities = np.array([0.05, 0.1, 0.2, 0.32, 0.62, 0.7, 0.9])
    labels = np.array([0, 0, 0, 0, 1, 1, 1])
    threshold = best_threshold(probabilities, labels)
    assert threshold == pytest.approx(0.35)  # the lowest that keeps every positive alone


def test_labels_carry_the_direction_of_directed_types_only() -> None:
    assert deal_label("acquisition", directed=True, first_is_source=False) == "acquisition:rev"
    assert deal_label("partnership", directed=False, first_is_source=False) == "partnership"
    assert split_label("licensing:fwd") == ("licensing", "fwd")
    assert split_label("merger") == ("merger", None)
